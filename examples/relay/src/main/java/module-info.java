/**
 * ssekit chat relay: a Vert.x HTTP server that serves a chat page and relays OpenCode sessions to browsers over
 * SSE. The engine of {@code ssekit web}; embeddable in a service through {@code ChatRelay}.
 */
module io.github.ssekit.relay {
  requires transitive io.github.ssekit.client.opencode;
  requires io.vertx.redis.client;

  exports io.github.ssekit.relay;
}
