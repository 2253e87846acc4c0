package io.github.ssekit.cli;

import io.github.ssekit.client.opencode.OpenCodeClient;
import io.github.ssekit.client.opencode.OpenCodeClientOptions;
import io.github.ssekit.client.opencode.OpenCodeEventStream;
import io.github.ssekit.opencode.event.EventEnvelope;
import io.github.ssekit.opencode.event.OpenCodeEvent;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ssekit events}: an OpenCode server's events as JSON lines, across reconnections. */
@Command(
    name = "events",
    mixinStandardHelpOptions = true,
    description = {
        "Prints the events of an OpenCode server as JSON lines: "
            + "{\"id\",\"type\",\"directory\",\"properties\"} (directory: only with --global). Heartbeats are "
            + "left out. Reconnects when the server closes the stream (after server.instance.disposed, for "
            + "instance), saying so on stderr. Password: OPENCODE_SERVER_PASSWORD.",
        "Exit status: 0 after --max-events events, 1 the stream failed (message on stderr), 2 usage "
            + "errors."})
final class EventsCommand implements Callable<Integer> {
  static final String NAME = "ssekit events";

  @Option(names = "--url", required = true, paramLabel = "URL", description = "The server, such as http://127.0.0.1:4096.")
  String url;

  @Option(names = "--directory", paramLabel = "D",
      description = "The project directory whose /event stream to follow; with --global, only its events.")
  String directory;

  @Option(names = "--global", description = "Follow /global/event: the events of every directory.")
  boolean global;

  @Option(names = "--type", paramLabel = "TYPE", split = ",",
      description = "Print only events of these types (repeatable or comma-separated), such as session.idle.")
  java.util.Set<String> types;

  @Option(names = "--max-events", paramLabel = "N", description = "Exit after printing N events (default: never).")
  long maxEvents = Long.MAX_VALUE;

  @Override
  public Integer call() {
    OpenCodeClientOptions options;
    try {
      if (maxEvents < 1) {
        throw new IllegalArgumentException("--max-events must be positive");
      }
      // /global/event is not scoped: the directory filters what is printed instead
      options = OpenCodeCommand.options(url, global ? null : directory);
    } catch (IllegalArgumentException e) {
      System.err.println(NAME + ": " + OpenCodeCommand.message(e));
      return SsekitCommand.USAGE;
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Vertx vertx = Vertx.vertx();
    OpenCodeClient client = OpenCodeClient.create(vertx, options);
    CompletableFuture<Void> done = new CompletableFuture<>();
    AtomicLong printed = new AtomicLong();
    try {
      OpenCodeEventStream stream = OpenCodeCommand.await(global ? client.globalEvents() : client.events());
      stream.exceptionHandler(done::completeExceptionally)
          .endHandler(v -> done.complete(null))
          .reconnectHandler(attempt -> System.err.println(NAME + ": the stream closed"
              + attempt.cause().map(c -> " (" + OpenCodeCommand.message(c) + ")").orElse("")
              + "; reconnecting in " + attempt.delay().toMillis() + " ms"))
          .handler(event -> {
            if (done.isDone() || !shown(event)) {
              return;
            }
            out.println(line(event));
            if (printed.incrementAndGet() >= maxEvents) {
              done.complete(null);
            }
          });
      done.get();
      stream.cancel();
      return 0;
    } catch (ExecutionException e) {
      out.flush();
      System.err.println(NAME + ": " + OpenCodeCommand.message(e.getCause()));
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } finally {
      out.flush();
      OpenCodeCommand.close(client, vertx);
    }
  }

  private boolean shown(OpenCodeEvent event) {
    if (types != null && !types.isEmpty() && !types.contains(event.type())) {
      return false;
    }
    return !global || directory == null || event.envelope().directory().map(directory::equals).orElse(true);
  }

  /** {@code {"id","type","directory"?,"properties"}}: the properties as the server sent them. */
  static String line(OpenCodeEvent event) {
    EventEnvelope envelope = event.envelope();
    StringBuilder line = new StringBuilder(128).append("{\"id\":");
    JsonText.string(line, envelope.id()).append(",\"type\":");
    JsonText.string(line, envelope.type());
    envelope.directory().ifPresent(d -> JsonText.string(line.append(",\"directory\":"), d));
    return line.append(",\"properties\":").append(envelope.properties().toString()).append('}').toString();
  }
}
