/** ssekit protocol-openai: OpenAI-compatible Chat Completions and Responses streams. */
module io.github.ssekit.openai {
  requires transitive io.github.ssekit.sse;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jdk8;
  requires static org.immutables.value.annotations;
}
