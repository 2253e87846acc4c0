/** ssekit client for Anthropic-compatible servers: {@code AnthropicClient} over the ssekit Vert.x transport. */
module io.github.ssekit.client.anthropic {
  requires transitive io.github.ssekit.client;
  requires transitive io.github.ssekit.anthropic;

  exports io.github.ssekit.client.anthropic;
}
