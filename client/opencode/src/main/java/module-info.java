/** ssekit client for the OpenCode server: {@code OpenCodeClient} over the ssekit Vert.x transport. */
module io.github.ssekit.client.opencode {
  requires transitive io.github.ssekit.client;
  requires transitive io.github.ssekit.opencode;

  exports io.github.ssekit.client.opencode;
}
