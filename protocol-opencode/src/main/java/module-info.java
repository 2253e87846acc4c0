/** ssekit protocol-opencode: the OpenCode server's events, requests and reply assembly. */
module io.github.ssekit.opencode {
  requires transitive io.github.ssekit.sse;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jdk8;
  requires static org.immutables.value.annotations;
}
