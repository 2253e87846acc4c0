/** ssekit client: Vert.x 5 streaming transport for SSE, OpenAI-compatible and OpenCode servers. */
module io.github.ssekit.client {
  requires transitive io.github.ssekit.sse;
  requires transitive io.github.ssekit.openai;
  requires transitive io.github.ssekit.opencode;
  requires transitive io.vertx.core;

  exports io.github.ssekit.client;
}
