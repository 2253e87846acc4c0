/**
 * ssekit protocol-openai: OpenAI-compatible Chat Completions and Responses streams.
 *
 * <p>Lenient typed chunks and events, accumulators that assemble the final message, request bodies. Every
 * tolerated deviation is reported as a {@link io.github.ssekit.sse.protocol.Diagnostic}; see
 * {@link io.github.ssekit.openai.OpenAiDiagnostics}.
 */
module io.github.ssekit.openai {
  requires transitive io.github.ssekit.sse;
  requires transitive com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jdk8;
  requires static org.immutables.value.annotations;

  exports io.github.ssekit.openai;
  exports io.github.ssekit.openai.chat;
  exports io.github.ssekit.openai.responses;

  // Jackson binds the generated Immutable* classes and the open-enum records reflectively.
  opens io.github.ssekit.openai.chat to com.fasterxml.jackson.databind;
  opens io.github.ssekit.openai.responses to com.fasterxml.jackson.databind;
}
