/** ssekit testkit: fake SSE servers on loopback for tests and demos. */
module io.github.ssekit.testkit {
  requires transitive io.vertx.core;
  requires io.github.ssekit.sse;

  exports io.github.ssekit.testkit;
}
