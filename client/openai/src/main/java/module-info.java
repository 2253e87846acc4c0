/** ssekit client for OpenAI-compatible servers: {@code OpenAiClient} over the ssekit Vert.x transport. */
module io.github.ssekit.client.openai {
  requires transitive io.github.ssekit.client;
  requires transitive io.github.ssekit.openai;

  exports io.github.ssekit.client.openai;
}
