/**
 * ssekit client: the Vert.x 5 streaming transport for Server-Sent Events ({@code SseClient}). It brings no JSON
 * library and no protocol module; the protocol bindings ({@code io.github.ssekit.client.openai},
 * {@code io.github.ssekit.client.anthropic}, {@code io.github.ssekit.client.opencode}) are modules of their own.
 */
module io.github.ssekit.client {
  requires transitive io.github.ssekit.sse;
  requires transitive io.vertx.core;
  // the body buffers' bytes are read in place (SseStreamImpl)
  requires io.netty.buffer;

  exports io.github.ssekit.client;
  // shared plumbing of the protocol bindings and the relay (header checks, redaction, capped bodies, the event-loop
  // helper); not an API
  exports io.github.ssekit.client.internal
      to io.github.ssekit.client.openai, io.github.ssekit.client.anthropic, io.github.ssekit.client.opencode,
      io.github.ssekit.relay;
}
