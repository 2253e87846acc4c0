package io.github.ssekit.cli;

import io.github.ssekit.cli.DemoOpenCode;
import io.github.ssekit.client.opencode.OpenCodeClientOptions;
import io.github.ssekit.opencode.ModelRef;
import io.github.ssekit.relay.ChatRelay;
import io.github.ssekit.relay.ChatRelayOptions;
import io.github.ssekit.testkit.FakeOpenAiServer;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ssekit web}: serves a chat page on loopback that relays an OpenCode session's reply to the browser over SSE
 * as it streams. With {@code --demo}, the OpenCode server is a real one started for the purpose, whose only provider
 * is the embedded fake one: no key, no network.
 */
@Command(
    name = "web",
    mixinStandardHelpOptions = true,
    description = {
        "Serves a chat page on 127.0.0.1 that relays OpenCode replies to the browser over SSE as they "
            + "stream: text token by token, reasoning, tool calls, permission requests (Allow once / Always / "
            + "Reject), Abort. --demo starts a real OpenCode server (the opencode binary is needed) whose only "
            + "provider is an embedded fake one: no API key. The server password, if any, is read from "
            + "OPENCODE_SERVER_PASSWORD. Runs until Ctrl-C. Exit status: 0 stopped, 1 could not start, 2 usage "
            + "errors."})
final class WebCommand implements Callable<Integer> {
  static final String NAME = "ssekit web";

  @Option(names = "--url", paramLabel = "URL", description = "The OpenCode server, such as http://127.0.0.1:4096.")
  String url;

  @Option(names = "--model", paramLabel = "PROVIDER/MODEL",
      description = "The default model of prompts (the page can name another); default: the server's.")
  String model;

  @Option(names = "--directory", paramLabel = "D",
      description = "The project directory (OpenCode instance) of new sessions; default: the server's.")
  String directory;

  @Option(names = "--port", paramLabel = "N", defaultValue = "" + ChatRelayOptions.DEFAULT_PORT,
      description = "The port of the page (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--demo", description = "Start a real OpenCode server on the embedded fake provider and relay it.")
  boolean demo;

  @Option(names = "--opencode", paramLabel = "BINARY",
      description = "--demo: the opencode binary (default: opencode on the PATH, else the build's copy).")
  Path opencode;

  @Option(names = "--redis", paramLabel = "URI",
      description = "Run as one node of several on Redis Streams, such as redis://127.0.0.1:6379: a page resumes on "
          + "any node, and one node per directory follows OpenCode (another takes over when it stops). Default: one "
          + "node, events in memory.")
  String redis;

  @Option(names = "--delay", paramLabel = "MILLIS", defaultValue = "250",
      description = "--demo: pause between the fake provider's chunks (default: ${DEFAULT-VALUE} ms).")
  long delayMillis;

  @Override
  public Integer call() throws Exception {
    if (demo == (url != null)) {
      System.err.println(NAME + ": give either --url URL or --demo");
      return SsekitCommand.USAGE;
    }
    if (demo && directory != null) {
      System.err.println(NAME + ": --directory does not apply to --demo (its OpenCode server has a project of its own)");
      return SsekitCommand.USAGE;
    }
    if (delayMillis < 0 || port < 0 || port > 65535) {
      System.err.println(NAME + ": --delay and --port must be in range");
      return SsekitCommand.USAGE;
    }
    ModelRef modelRef;
    try {
      modelRef = model == null ? (demo ? ModelRef.parse(DemoOpenCode.MODELS.get(0)) : null) : ModelRef.parse(model);
      if (url != null) {
        OpenCodeCommand.options(url, directory);
      }
      if (redis != null && !redis.matches("rediss?://[^\\s]+")) {
        throw new IllegalArgumentException("--redis must be a redis:// address, such as redis://127.0.0.1:6379");
      }
    } catch (IllegalArgumentException e) {
      System.err.println(NAME + ": " + e.getMessage());
      return SsekitCommand.USAGE;
    }
    Optional<Path> binary = Optional.empty();
    if (demo) {
      binary = DemoOpenCode.findBinary(opencode);
      if (binary.isEmpty()) {
        System.err.println(NAME + ": --demo needs the opencode binary: none " + (opencode != null
            ? "at " + opencode : "on the PATH") + ". Install it (npm install -g opencode-ai@1.18.33), build this"
            + " repository's integration tests (./mvnw verify installs a copy), or pass --opencode BINARY.");
        return SsekitCommand.USAGE;
      }
    }
    Vertx vertx = Vertx.vertx();
    FakeOpenAiServer provider = null;
    DemoOpenCode server = null;
    ChatRelay relay = null;
    CountDownLatch stopped = new CountDownLatch(1);
    CountDownLatch cleanedUp = new CountDownLatch(1);
    // Ctrl-C: wake the main thread and let it stop everything (the demo's OpenCode process above all) before the
    // JVM halts, which it does as soon as the hooks return
    Thread stopOnExit = new Thread(() -> {
      stopped.countDown();
      try {
        cleanedUp.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "ssekit-web-stop");
    try {
      String openCodeUrl = url;
      if (demo) {
        provider = OpenCodeCommand.await(FakeOpenAiServer.start(vertx, Duration.ofMillis(delayMillis)));
        System.out.println(NAME + ": starting OpenCode (" + binary.get() + ") on the embedded fake provider...");
        server = DemoOpenCode.start(binary.get(), provider.baseUrl(), Duration.ofMinutes(2));
        openCodeUrl = server.url();
      }
      OpenCodeClientOptions openCode = OpenCodeCommand.options(openCodeUrl, demo ? null : directory);
      ChatRelayOptions options = new ChatRelayOptions(openCode).setPort(port).setModel(modelRef).setDemo(demo)
          .setModels(demo ? DemoOpenCode.MODELS : List.of()).setRedis(redis);
      relay = OpenCodeCommand.await(ChatRelay.start(vertx, options));
      Runtime.getRuntime().addShutdownHook(stopOnExit);
      System.out.println(NAME + ": open " + relay.url() + " (relaying " + openCodeUrl
          + (demo ? ", the demo's OpenCode server" : "") + "); Ctrl-C stops");
      System.out.flush();
      stopped.await();
      return 0;
    } catch (ExecutionException e) {
      System.err.println(NAME + ": could not start: " + OpenCodeCommand.message(e.getCause()));
      return 1;
    } catch (IOException e) {
      System.err.println(NAME + ": could not start OpenCode: " + e.getMessage());
      return 1;
    } finally {
      OpenCodeCommand.removeHook(stopOnExit);
      stop(relay, server, provider, vertx);
      cleanedUp.countDown();
    }
  }

  private static void stop(ChatRelay relay, DemoOpenCode server, FakeOpenAiServer provider, Vertx vertx) {
    try {
      if (relay != null) {
        relay.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      }
    } catch (ExecutionException | TimeoutException e) {
      // stopping anyway
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (server != null) {
      server.close();
    }
    if (provider != null) {
      provider.stop();
    }
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // exiting anyway
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
