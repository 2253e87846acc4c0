/**
 * ssekit protocol-opencode: the OpenCode server's events, requests and reply assembly. No transport.
 *
 * <p>Jackson's databind is a transitive dependency: raw JSON ({@code JsonNode}) is part of the API, for the
 * fields and events this module does not model.
 */
module io.github.ssekit.opencode {
  requires transitive io.github.ssekit.sse;
  requires transitive com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jdk8;
  requires static org.immutables.value.annotations;

  exports io.github.ssekit.opencode;
  exports io.github.ssekit.opencode.event;
  exports io.github.ssekit.opencode.model;
  exports io.github.ssekit.opencode.request;

  // Jackson reads and writes the value types (and the generated Immutable* classes) reflectively.
  opens io.github.ssekit.opencode to com.fasterxml.jackson.databind;
  opens io.github.ssekit.opencode.model to com.fasterxml.jackson.databind;
  opens io.github.ssekit.opencode.request to com.fasterxml.jackson.databind;
}
