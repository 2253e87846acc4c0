/** ssekit examples: the {@code ssekit} command line. Not published. */
module io.github.ssekit.examples {
  requires io.github.ssekit.sse;
  requires io.github.ssekit.client;
  requires io.github.ssekit.testkit;
  requires info.picocli;
  requires java.net.http;

  opens io.github.ssekit.examples.cli to info.picocli;
}
