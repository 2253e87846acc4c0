/** ssekit testkit: fake SSE servers on loopback for tests and demos. */
module io.github.ssekit.testkit {
  requires transitive io.vertx.core;
  requires io.github.ssekit.sse;
  requires java.net.http; // OpenCodeProcess waits for the server with the JDK client

  exports io.github.ssekit.testkit;
}
