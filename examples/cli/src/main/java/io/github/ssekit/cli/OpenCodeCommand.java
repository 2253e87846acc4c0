package io.github.ssekit.cli;

import io.github.ssekit.client.ReconnectAttempt;
import io.github.ssekit.client.opencode.OpenCodeClient;
import io.github.ssekit.client.opencode.OpenCodeClientOptions;
import io.github.ssekit.client.opencode.OpenCodeTurn;
import io.github.ssekit.client.opencode.OpenCodeTurnListener;
import io.github.ssekit.opencode.ModelRef;
import io.github.ssekit.opencode.PendingRequest;
import io.github.ssekit.opencode.Reply;
import io.github.ssekit.opencode.ReplyDelta;
import io.github.ssekit.opencode.model.OpenCodeError;
import io.github.ssekit.opencode.request.PermissionReply;
import io.github.ssekit.opencode.request.PromptBody;
import io.github.ssekit.opencode.request.PromptPart;
import io.github.ssekit.relay.OpenCodePassword;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ssekit opencode}: sends a prompt to an OpenCode server and streams the reply's text as it arrives, with the
 * model nested as OpenCode requires and the event stream scoped to the session's directory.
 */
@Command(
    name = "opencode",
    mixinStandardHelpOptions = true,
    description = {
        "Sends PROMPT to an OpenCode server (opencode serve) and streams the reply's text as it arrives; "
            + "exits when the session is idle. Creates a session unless --session is given. The server "
            + "password, if any, is read from OPENCODE_SERVER_PASSWORD (user: OPENCODE_SERVER_USERNAME, default "
            + "opencode). Ctrl-C aborts the turn.",
        "When the turn asks a permission or a question: on a terminal, asks you (options listed, free text where "
            + "the question allows it); otherwise follows --permission and --answer, and without them rejects it, "
            + "says so on stderr and exits with 1, so a script never hangs.",
        "Exit status: 0 success, 1 the stream or the turn failed, or a permission or a question was rejected for "
            + "want of a flag (message on stderr), 2 usage errors."})
final class OpenCodeCommand implements java.util.concurrent.Callable<Integer> {
  static final String NAME = "ssekit opencode";

  @Option(names = "--url", required = true, paramLabel = "URL", description = "The server, such as http://127.0.0.1:4096.")
  String url;

  @Option(names = "--model", required = true, paramLabel = "PROVIDER/MODEL",
      description = "The model, such as anthropic/claude-sonnet-4 (split at the first '/').")
  String model;

  @Option(names = "--directory", paramLabel = "D",
      description = "The project directory (OpenCode instance) of the session; default: the server's.")
  String directory;

  @Option(names = "--session", paramLabel = "ID", description = "Continue this session instead of creating one.")
  String session;

  @Option(names = "--json", description = "Print only, at the end, {\"sessionId\",\"messageId\",\"text\",\"reasoning\","
      + "\"model\":{\"providerID\",\"modelID\"},\"tokens\",\"error\"}.")
  boolean json;

  @Option(names = "--permission", paramLabel = "REPLY", description = "Without a terminal: the reply to every "
      + "permission the turn asks: once (or allow-once), always, reject. Without it, a permission is rejected and the "
      + "exit status is 1.")
  String permission;

  @Option(names = "--answer", paramLabel = "TEXT", description = "Without a terminal: the answer to the turn's "
      + "questions, one per question in order (repeat the option); an option's label or free text. Without it, a "
      + "question is rejected and the exit status is 1.")
  List<String> answers;

  @Parameters(paramLabel = "PROMPT", arity = "1..*", description = "The prompt (several words are joined with spaces).")
  List<String> prompt;

  @Override
  public Integer call() {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    ModelRef modelRef;
    OpenCodeClientOptions options;
    try {
      modelRef = ModelRef.parse(model);
      options = options(url, directory);
    } catch (IllegalArgumentException e) {
      System.err.println(NAME + ": " + message(e));
      return SsekitCommand.USAGE;
    }
    Optional<PermissionReply> permissionReply;
    try {
      permissionReply = permission == null ? Optional.empty() : Optional.of(permissionReply(permission));
    } catch (IllegalArgumentException e) {
      System.err.println(NAME + ": " + e.getMessage());
      return SsekitCommand.USAGE;
    }
    String text = String.join(" ", prompt);
    if (text.isBlank()) {
      System.err.println(NAME + ": the prompt is empty");
      return SsekitCommand.USAGE;
    }
    Vertx vertx = Vertx.vertx();
    OpenCodeClient client = OpenCodeClient.create(vertx, options);
    try {
      String sessionId = session != null ? session
          : await(client.createSession()).id().orElseThrow(() -> new IllegalStateException("no session ID"));
      PromptBody body = PromptBody.builder().model(modelRef).addParts(PromptPart.text(text)).build();
      Printer printer = new Printer(out, !json);
      OpenCodeTurn turn = client.streamPrompt(sessionId, body, printer);
      Thread abortOnExit = new Thread(() -> abort(turn), "ssekit-opencode-abort");
      Runtime.getRuntime().addShutdownHook(abortOnExit);
      Reply reply;
      Answerer answerer = isTerminal()
          ? new Answerer.OnTerminal(new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
              StandardCharsets.UTF_8)), System.err)
          : new Answerer.FromFlags(permissionReply, answers == null ? List.of() : answers, System.err);
      try {
        // the listener runs on the event loop, which must not block: the requests are answered on this thread
        while (!turn.reply().isComplete()) {
          PendingRequest request = printer.waiting.poll(100, TimeUnit.MILLISECONDS);
          if (request != null) {
            printer.finishLine();
            answerer.answer(turn, request);
          }
        }
        reply = await(turn.reply());
      } finally {
        removeHook(abortOnExit);
      }
      printer.finish();
      if (json) {
        out.println(toJson(sessionId, reply).encode());
      }
      out.flush();
      if (reply.error().isPresent()) {
        System.err.println(NAME + ": the turn failed: " + describe(reply.error().get()));
        return 1;
      }
      return answerer.rejectedForWantOfAFlag() ? 1 : 0;
    } catch (ExecutionException e) {
      out.flush();
      System.err.println(NAME + ": " + message(e.getCause()));
      return 1;
    } catch (CancellationException e) {
      System.err.println(NAME + ": cancelled");
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } finally {
      close(client, vertx);
    }
  }

  /** Whether standard input (and output) are a terminal to ask on. */
  static boolean isTerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try { // from JDK 22 a console exists even when redirected; isTerminal() tells
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException olderJdk) {
      return true; // before JDK 22 System.console() is null unless both are a terminal
    }
  }

  static PermissionReply permissionReply(String text) {
    switch (text.toLowerCase(java.util.Locale.ROOT)) {
      case "once":
      case "allow-once":
        return PermissionReply.ONCE;
      case "always":
      case "allow-always":
        return PermissionReply.ALWAYS;
      case "reject":
        return PermissionReply.REJECT;
      default:
        throw new IllegalArgumentException("--permission must be once, always or reject, not '" + text + "'");
    }
  }

  static OpenCodeClientOptions options(String url, String directory) {
    OpenCodeClientOptions options = new OpenCodeClientOptions(url).setDirectory(directory)
        .setPassword(System.getenv("OPENCODE_SERVER_PASSWORD"));
    String user = System.getenv("OPENCODE_SERVER_USERNAME");
    if (user != null && !user.isEmpty()) {
      options.setUsername(user);
    }
    return options;
  }

  /** The final JSON object of {@code --json}. */
  static JsonObject toJson(String sessionId, Reply reply) {
    List<String> messages = reply.messageIDs();
    Reply.Usage usage = reply.usage();
    JsonObject tokens = new JsonObject().put("total", usage.total()).put("input", usage.input())
        .put("output", usage.output()).put("reasoning", usage.reasoning())
        .put("cache", new JsonObject().put("read", usage.cacheRead()).put("write", usage.cacheWrite()));
    return new JsonObject()
        .put("sessionId", sessionId)
        .put("messageId", messages.isEmpty() ? null : messages.get(messages.size() - 1))
        .put("text", reply.text())
        .put("reasoning", reply.reasoning())
        .put("model", reply.model().map(m -> new JsonObject().put("providerID", m.providerID())
            .put("modelID", m.modelID())).orElse(null))
        .put("tokens", tokens)
        .put("error", reply.error().map(OpenCodeCommand::errorJson).orElse(null));
  }

  private static JsonObject errorJson(OpenCodeError error) {
    JsonObject json = new JsonObject().put("name", error.nameOrEmpty())
        .put("message", error.message().map(OpenCodePassword::redact).orElse(null));
    error.statusCode().ifPresent(code -> json.put("statusCode", code));
    return json;
  }

  static String describe(OpenCodeError error) {
    return OpenCodePassword.redact(error.nameOrEmpty() + error.statusCode().map(c -> " " + c).orElse("")
        + error.message().map(m -> ": " + m).orElse(""));
  }

  static String message(Throwable error) {
    return OpenCodePassword.redact(error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage());
  }

  static <T> T await(Future<T> future) throws ExecutionException, InterruptedException {
    return future.toCompletionStage().toCompletableFuture().get();
  }

  private static void abort(OpenCodeTurn turn) {
    if (turn.reply().isComplete()) {
      return;
    }
    System.err.println(NAME + ": aborting the turn");
    try {
      turn.cancel().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      System.err.println(NAME + ": could not abort: " + message(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run
    }
  }

  static void close(OpenCodeClient client, Vertx vertx) {
    try {
      client.closeAsync().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // exiting anyway
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Prints the text deltas as they arrive, and reconnections on stderr; queues what the turn waits for. */
  private static final class Printer implements OpenCodeTurnListener {
    final java.util.concurrent.BlockingQueue<PendingRequest> waiting = new java.util.concurrent.LinkedBlockingQueue<>();
    private final PrintStream out;
    private final boolean streamText;
    private boolean printed;
    private boolean endsWithNewline;

    Printer(PrintStream out, boolean streamText) {
      this.out = out;
      this.streamText = streamText;
    }

    @Override
    public synchronized void onDelta(ReplyDelta delta) {
      if (streamText && delta.kind() == ReplyDelta.Kind.TEXT && !delta.text().isEmpty()) {
        out.print(delta.text());
        out.flush();
        printed = true;
        endsWithNewline = delta.text().endsWith("\n");
      }
    }

    @Override
    public void onWaiting(PendingRequest request) {
      waiting.add(request);
    }

    /** Ends the line of text printed so far, so a question starts on a line of its own. */
    synchronized void finishLine() {
      if (printed && !endsWithNewline) {
        out.println();
        endsWithNewline = true;
      }
      out.flush();
    }

    @Override
    public void onReconnect(ReconnectAttempt attempt) {
      System.err.println(NAME + ": the event stream closed; reconnecting in " + attempt.delay().toMillis() + " ms");
    }

    synchronized void finish() {
      if (printed && !endsWithNewline) {
        out.println();
      }
      out.flush();
    }
  }
}
