/**
 * ssekit protocol-anthropic: the Anthropic Messages stream ({@code POST /v1/messages}, {@code "stream": true}).
 *
 * <p>Lenient typed events, the accumulator that assembles the message, request bodies. Every tolerated deviation is
 * reported as a {@link io.github.ssekit.sse.protocol.Diagnostic}; see
 * {@link io.github.ssekit.anthropic.AnthropicDiagnostics}.
 */
module io.github.ssekit.anthropic {
  requires transitive io.github.ssekit.sse;
  requires transitive com.fasterxml.jackson.databind;

  exports io.github.ssekit.anthropic;

  // Jackson reads and writes the open enums (their @JsonValue and @JsonCreator) reflectively.
  opens io.github.ssekit.anthropic to com.fasterxml.jackson.databind;
}
