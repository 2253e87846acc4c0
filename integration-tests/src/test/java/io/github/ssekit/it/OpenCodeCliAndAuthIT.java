package io.github.ssekit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.client.HttpStatusException;
import io.github.ssekit.client.opencode.OpenCodeClient;
import io.github.ssekit.client.opencode.OpenCodeClientOptions;
import io.github.ssekit.client.opencode.OpenCodeHttpException;
import io.github.ssekit.opencode.ModelRef;
import io.github.ssekit.opencode.Reply;
import io.github.ssekit.opencode.request.PromptBody;
import io.github.ssekit.opencode.request.PromptPart;
import io.github.ssekit.opencode.request.SessionCreateBody;
import io.github.ssekit.testkit.FakeOpenAiServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A password-protected OpenCode server ({@code OPENCODE_SERVER_PASSWORD}): the client's basic authentication, and
 * the {@code ssekit} command line end to end, run as a process from the shaded jar
 * ({@code examples/cli/target/ssekit.jar}), with the password in its environment and never in its output.
 */
class OpenCodeCliAndAuthIT {
  static final String PASSWORD = "it-Pa55-" + Long.toHexString(System.nanoTime());
  static final String NORMAL = String.join("", FakeOpenAiServer.NORMAL_TEXT);
  static Vertx vertx;
  static FakeOpenAiServer provider;
  static OpenCodeServer opencode;
  static Path jar;

  @BeforeAll
  static void start() throws Exception {
    jar = Path.of(System.getProperty("ssekit.cli.jar", "../examples/cli/target/ssekit.jar")).toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("The command line jar " + jar + " is missing: build the examples module first"
          + " (./mvnw -pl examples,integration-tests -am verify)");
    }
    vertx = Vertx.vertx();
    provider = await(FakeOpenAiServer.start(vertx, Duration.ofMillis(20)));
    opencode = OpenCodeServer.start(provider.baseUrl(), "ask", Map.of("OPENCODE_SERVER_PASSWORD", PASSWORD));
  }

  @AfterAll
  static void stop() throws Exception {
    if (opencode != null) {
      opencode.close();
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  static OpenCodeClientOptions options(String password) {
    return new OpenCodeClientOptions(opencode.url()).setPassword(password).setRequestTimeout(Duration.ofSeconds(90));
  }

  @Test
  void theClientAuthenticatesWithBasicAuthAndIsRefusedWithout() throws Exception {
    OpenCodeClient authed = OpenCodeClient.create(vertx, options(PASSWORD));
    OpenCodeClient anonymous = OpenCodeClient.create(vertx, options(null));
    OpenCodeClient wrong = OpenCodeClient.create(vertx, options("not-the-password"));
    try {
      String session = await(authed.createSession(SessionCreateBody.builder().title("auth").build())).id().orElseThrow();
      Reply reply = await(authed.streamPrompt(session, PromptBody.builder().model(ModelRef.of("mock", "mock-normal"))
          .addParts(PromptPart.text("hi")).build()).reply());
      assertEquals(NORMAL, reply.text());

      OpenCodeHttpException refused = failure(anonymous.listSessions(), OpenCodeHttpException.class);
      assertEquals(401, refused.status());
      assertEquals(401, failure(wrong.listSessions(), OpenCodeHttpException.class).status());
      assertEquals(401, failure(anonymous.events(), HttpStatusException.class).status());
      String basic = Base64.getEncoder().encodeToString(("opencode:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
      for (String text : List.of(refused.getMessage(), authed.toString(), authed.options().toString())) {
        assertFalse(text.contains(PASSWORD) || text.contains(basic), text);
      }
    } finally {
      await(authed.closeAsync());
      await(anonymous.closeAsync());
      await(wrong.closeAsync());
    }
  }

  /** What one run of the command line printed, when, and returned. */
  record Run(int status, String out, String err, long firstOutputMillis, long exitMillis) {
    List<String> lines() {
      return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }
  }

  @Test
  void opencodeStreamsTheReplyAsItArrivesAndExitsAtIdle() throws Exception {
    int before = provider.requestedModels().size();
    Run run = ssekit(PASSWORD, "opencode", "--url", opencode.url(), "--model", "mock/mock-slow", "Say hello");
    assertEquals(0, run.status(), run::toString);
    assertEquals(NORMAL + "\n", run.out());
    assertEquals("", run.err());
    // mock-slow pauses 1.5 s between chunks: the first text shows well before the end
    assertTrue(run.exitMillis() - run.firstOutputMillis() >= FakeOpenAiServer.SLOW_DELAY.toMillis(), run::toString);
    assertTrue(provider.requestedModels().subList(before, provider.requestedModels().size()).contains("mock-slow"),
        () -> provider.requestedModels().toString());
  }

  @Test
  void opencodeJsonInAnotherDirectory() throws Exception {
    Path other = opencode.newProjectDir("cli-project");
    Run run = ssekit(PASSWORD, "opencode", "--url", opencode.url(), "--model", "mock/mock-normal", "--directory",
        other.toString(), "--json", "Say", "hello");
    assertEquals(0, run.status(), run::toString);
    assertEquals(1, run.lines().size(), run::toString);
    JsonObject json = new JsonObject(run.lines().get(0));
    assertTrue(json.getString("sessionId").startsWith("ses"), json.encode());
    assertTrue(json.getString("messageId").startsWith("msg"), json.encode());
    assertEquals(NORMAL, json.getString("text"));
    assertEquals(new JsonObject().put("providerID", "mock").put("modelID", "mock-normal"), json.getJsonObject("model"));
    assertTrue(json.getJsonObject("tokens").getLong("total") > 0, json.encode());
    assertTrue(json.containsKey("error") && json.getValue("error") == null, json.encode());
    OpenCodeClient client = OpenCodeClient.create(vertx, options(PASSWORD).setDirectory(other.toString()));
    try {
      assertEquals(other.toString(), await(client.getSession(json.getString("sessionId"))).directory().orElseThrow());
    } finally {
      await(client.closeAsync());
    }
  }

  @Test
  void opencodeFailsWithOneOnAProviderErrorAndWithoutThePassword() throws Exception {
    Run failed = ssekit(PASSWORD, "opencode", "--url", opencode.url(), "--model", "mock/mock-http401", "fail");
    assertEquals(1, failed.status(), failed::toString);
    assertTrue(failed.err().contains("the turn failed: APIError 401"), failed::toString);
    assertFalse(failed.err().contains(PASSWORD) || failed.out().contains(PASSWORD));

    Run refused = ssekit(null, "opencode", "--url", opencode.url(), "--model", "mock/mock-normal", "hi");
    assertEquals(1, refused.status(), refused::toString);
    assertTrue(refused.err().startsWith("ssekit opencode: HTTP 401"), refused::toString);

    Run usage = ssekit(PASSWORD, "opencode", "--url", opencode.url(), "--model", "no-slash", "hi");
    assertEquals(2, usage.status(), usage::toString);
  }

  @Test
  void opencodeWithoutATerminalAnswersAQuestionFromTheFlag() throws Exception {
    Run run = ssekit(PASSWORD, "opencode", "--url", opencode.url(), "--model", "mock/mock-question", "--answer", "blue",
        "ask me");
    assertEquals(0, run.status(), run::toString);
    assertTrue(run.out().startsWith("You answered: ") && run.out().contains("blue"), run::toString);
    assertTrue(run.err().contains("answered [[blue]] (--answer)"), run::toString);
  }

  @Test
  void opencodeWithoutATerminalOrAFlagDismissesTheQuestionAndExitsWithOne() throws Exception {
    Run run = ssekit(PASSWORD, "opencode", "--url", opencode.url(), "--model", "mock/mock-question", "ask me");
    assertEquals(1, run.status(), run::toString);
    assertTrue(run.err().contains("the turn asked a question (" + FakeOpenAiServer.QUESTION + "), and standard input"
        + " is not a terminal: dismissed it (answer with --answer TEXT"), run::toString);
  }

  @Test
  void opencodeWithoutATerminalFollowsThePermissionFlagOrRejects() throws Exception {
    Run allowed = ssekit(PASSWORD, "opencode", "--url", opencode.url(), "--model", "mock/mock-tool",
        "--permission", "allow-once", "run it");
    assertEquals(0, allowed.status(), allowed::toString);
    assertTrue(allowed.out().startsWith("Tool done: hi-from-tool"), allowed::toString);
    assertTrue(allowed.err().contains("the turn asks permission for bash: echo hi-from-tool -> once"),
        allowed::toString);

    Run rejected = ssekit(PASSWORD, "opencode", "--url", opencode.url(), "--model", "mock/mock-tool", "run it");
    assertEquals(1, rejected.status(), rejected::toString);
    assertTrue(rejected.err().contains("and standard input is not a terminal: rejected it (answer with --permission"),
        rejected::toString);

    Run usage = ssekit(PASSWORD, "opencode", "--url", opencode.url(), "--model", "mock/mock-tool",
        "--permission", "maybe", "run it");
    assertEquals(2, usage.status(), usage::toString);
  }

  @Test
  void opencodeOnATerminalAsksTheQuestionAndThePermission() throws Exception {
    // script(1) gives the command a pseudo-terminal: System.console() sees a terminal
    Terminal question = Terminal.start("opencode", "--url", opencode.url(), "--model", "mock/mock-question",
        "ask me");
    question.awaitContains("Answer (a number, a label or your own text");
    assertTrue(question.text().contains("[Colour] " + FakeOpenAiServer.QUESTION + "\n  1. blue - The colour of the"
        + " sky\n  2. red - The colour of fire"), question::text);
    question.type("1\n");
    assertEquals(0, question.exit(), question::text);
    assertTrue(question.text().contains("You answered: ") && question.text().contains("blue"), question::text);

    Terminal permission = Terminal.start("opencode", "--url", opencode.url(), "--model", "mock/mock-tool", "run it");
    permission.awaitContains("Allow? [o]nce, [a]lways, [r]eject: ");
    assertTrue(permission.text().contains("the turn asks permission for bash: echo hi-from-tool"), permission::text);
    permission.type("o\n");
    assertEquals(0, permission.exit(), permission::text);
    assertTrue(permission.text().contains("Tool done: hi-from-tool"), permission::text);
  }

  /** The command line on a pseudo-terminal made by {@code script -qefc}, its output (stdout and stderr) merged. */
  static final class Terminal {
    private final Process process;
    private final Output out;

    private Terminal(Process process) {
      this.process = process;
      this.out = Output.of(process.getInputStream());
    }

    static Terminal start(String... args) throws IOException {
      StringBuilder command = new StringBuilder(quote(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString())).append(" -jar ").append(quote(jar.toString()));
      for (String arg : args) {
        command.append(' ').append(quote(arg));
      }
      ProcessBuilder builder = new ProcessBuilder("script", "-qefc", command.toString(), "/dev/null")
          .redirectErrorStream(true);
      builder.environment().put("OPENCODE_SERVER_PASSWORD", PASSWORD);
      return new Terminal(builder.start());
    }

    private static String quote(String arg) {
      return "'" + arg.replace("'", "'\\''") + "'";
    }

    void awaitContains(String text) throws InterruptedException {
      out.awaitContains(text, Duration.ofSeconds(90));
    }

    void type(String text) throws IOException {
      process.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().flush();
    }

    int exit() throws InterruptedException {
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("did not exit; printed " + text());
      }
      out.join();
      return process.exitValue();
    }

    /** What the terminal showed, with its CR LF line ends as LF. */
    String text() {
      return out.text().replace("\r\n", "\n");
    }
  }

  @Test
  void eventsPrintsJsonLinesAndReconnectsAfterTheInstanceIsDisposed() throws Exception {
    Path other = opencode.newProjectDir("cli-events");
    OpenCodeClient client = OpenCodeClient.create(vertx, options(PASSWORD).setDirectory(other.toString()));
    try {
      // a turn first: the instance is fully up, so the stream shows only what follows (and disposing an instance
      // still booting can hang in opencode 1.18.33)
      String warm = await(client.createSession(SessionCreateBody.builder().title("warm").build())).id().orElseThrow();
      assertEquals(NORMAL, await(client.prompt(warm, PromptBody.builder().model(ModelRef.of("mock", "mock-normal"))
          .addParts(PromptPart.text("warm up")).build())).text());
      // other events (catalog.updated, ...) come at times of their own: print only the two types that matter
      Process process = start(PASSWORD, "events", "--url", opencode.url(), "--directory", other.toString(),
          "--type", "server.connected,server.instance.disposed", "--max-events", "3");
      Output out = Output.of(process.getInputStream());
      Output err = Output.of(process.getErrorStream());
      out.awaitContains("server.connected", Duration.ofSeconds(60));
      opencode.awaitInstanceBooted(other);
      assertTrue(await(client.disposeInstance()));
      assertTrue(process.waitFor(90, TimeUnit.SECONDS), () -> "still running; printed " + out.text());
      out.join();
      err.join();
      assertEquals(0, process.exitValue(), () -> out.text() + err.text());
      List<String> types = new ArrayList<>();
      for (String line : out.text().split("\n")) {
        types.add(new JsonObject(line).getString("type"));
      }
      assertEquals(List.of("server.connected", "server.instance.disposed", "server.connected"), types, out.text());
      assertTrue(err.text().contains("ssekit events: the stream closed; reconnecting in"), err.text());
      assertFalse(out.text().contains(PASSWORD) || err.text().contains(PASSWORD));
    } finally {
      await(client.closeAsync());
    }
  }

  static Run ssekit(String password, String... args) throws Exception {
    long started = System.nanoTime();
    Process process = start(password, args);
    process.getOutputStream().close();
    Output out = Output.of(process.getInputStream());
    Output err = Output.of(process.getErrorStream());
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("ssekit " + String.join(" ", args) + " did not exit; printed " + out.text() + err.text());
    }
    long exited = System.nanoTime();
    out.join();
    err.join();
    long first = out.firstByteNanos == 0 ? exited : out.firstByteNanos;
    return new Run(process.exitValue(), out.text(), err.text(), (first - started) / 1_000_000,
        (exited - started) / 1_000_000);
  }

  static Process start(String password, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("OPENCODE_SERVER_PASSWORD");
    builder.environment().remove("OPENCODE_SERVER_USERNAME");
    if (password != null) {
      builder.environment().put("OPENCODE_SERVER_PASSWORD", password);
    }
    return builder.start();
  }

  /** Reads a process's output on a thread of its own, noting when the first byte came. */
  static final class Output {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Thread reader;
    volatile long firstByteNanos;

    private Output(InputStream in) {
      reader = new Thread(() -> {
        byte[] buffer = new byte[4096];
        try (in) {
          for (int n; (n = in.read(buffer)) >= 0; ) {
            if (n > 0 && firstByteNanos == 0) {
              firstByteNanos = System.nanoTime();
            }
            synchronized (bytes) {
              bytes.write(buffer, 0, n);
            }
          }
        } catch (IOException e) {
          // the process is gone
        }
      }, "ssekit-output");
      reader.setDaemon(true);
      reader.start();
    }

    static Output of(InputStream in) {
      return new Output(in);
    }

    String text() {
      synchronized (bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
      }
    }

    void join() throws InterruptedException {
      reader.join(TimeUnit.SECONDS.toMillis(10));
    }

    void awaitContains(String text, Duration within) throws InterruptedException {
      long deadline = System.nanoTime() + within.toNanos();
      while (!text().contains(text)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("no '" + text + "' within " + within + "; printed " + text());
        }
        Thread.sleep(20);
      }
    }
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  static <T extends Throwable> T failure(Future<?> future, Class<T> type) throws Exception {
    try {
      Object value = await(future);
      throw new AssertionError("expected a failure, got " + value);
    } catch (ExecutionException e) {
      if (!type.isInstance(e.getCause())) {
        throw new AssertionError("expected a " + type.getSimpleName() + ", got " + e.getCause(), e.getCause());
      }
      return type.cast(e.getCause());
    }
  }
}
