/** The {@code ssekit} command line. Not published. */
module io.github.ssekit.cli {
  requires io.github.ssekit.sse;
  requires io.github.ssekit.client.openai;
  requires io.github.ssekit.client.anthropic;
  requires io.github.ssekit.client.opencode;
  requires io.github.ssekit.relay;
  requires io.github.ssekit.testkit;
  requires info.picocli;
  requires java.logging;
  requires java.net.http;

  opens io.github.ssekit.cli to info.picocli;
}
