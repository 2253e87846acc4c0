package io.github.ssekit.recipes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.client.testing.ScriptedServer;
import io.github.ssekit.testkit.FakeOpenAiServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs each recipe's {@code main} in a fresh JVM, as a user would, against servers on 127.0.0.1: the process must
 * exit by itself within {@link #EXIT_BOUND} with the expected status, and print what the recipe promises.
 */
final class RecipesTest {

  /** Far above a recipe's run (a second or two), far below forever: a JVM kept alive by a thread fails. */
  private static final Duration EXIT_BOUND = Duration.ofSeconds(60);

  /** The key the recipes read from {@code OPENAI_API_KEY}; a fake, so the provider can check it arrived. */
  private static final String API_KEY = "sk-recipes-test";

  /** What the fake provider's {@code mock-demo} model streams as content. */
  private static final String DEMO_TEXT =
      "Hello! ssekit streams this reply token by token, even though the provider bends the protocol.";

  /** A stream with a named event, an unknown one, a comment, CRLF, two data lines and an unfinished last block. */
  private static final String STREAM = ": keep-alive\n"
      + "data: {\"delta\":\"Hel\"}\n\n"
      + "event: hermes.tool.progress\ndata: {\"status\":\"running\"}\n\n"
      + "event: usage\ndata: {\"tokens\":3}\n\n"
      + "data: lo\r\n\r\n"
      + "data: two\ndata: lines\n\n"
      + "data: never dispatched";

  private static Vertx vertx;
  private static FakeOpenAiServer provider;
  private static ScriptedServer events;

  @TempDir
  Path dir;

  @BeforeAll
  static void startServers() throws Exception {
    vertx = Vertx.vertx();
    provider = FakeOpenAiServer.start(vertx, Duration.ZERO).await(10, TimeUnit.SECONDS);
    events = ScriptedServer.start(vertx).on("/events", req -> ScriptedServer.writeApart(vertx,
        ScriptedServer.eventStream(req), List.of(Buffer.buffer("data: first\n\n"),
            Buffer.buffer("event: tick\nid: 2\ndata: second\n\n")), 10));
  }

  @AfterAll
  static void stopServers() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void embeddedParserReadsAFileAndRoutesTheNamedEvent() throws Exception {
    Path file = dir.resolve("stream.sse");
    Files.writeString(file, STREAM, UTF_8);
    Run run = run(EmbeddedParser.class, null, file.toString());
    assertEquals(0, run.status(), run.err());
    assertEquals(List.of("{\"delta\":\"Hel\"}", "progress {\"status\":\"running\"}", "lo", "two", "lines",
        "events of other types: 1"), run.lines());
  }

  @Test
  void embeddedParserReadsStandardInput() throws Exception {
    Path file = dir.resolve("stdin.sse");
    Files.writeString(file, STREAM, UTF_8);
    Run run = run(EmbeddedParser.class, file);
    assertEquals(0, run.status(), run.err());
    assertEquals(List.of("{\"delta\":\"Hel\"}", "progress {\"status\":\"running\"}", "lo", "two", "lines",
        "events of other types: 1"), run.lines());
  }

  @Test
  void blockingSseReadsAFiniteStreamOnEachKindOfThreadAndExits() throws Exception {
    int before = events.seen("/events").size();
    Run run = run(BlockingSse.class, null, events.url("/events"));
    assertEquals(0, run.status(), run.err());
    List<String> read = List.of("message: first", "tick: second", "== 2 events, the stream ended");
    List<String> expected = new ArrayList<>();
    expected.add("== on a plain thread");
    expected.addAll(read);
    boolean virtualThreads = Runtime.version().feature() >= 21;
    if (virtualThreads) {
      expected.add("== on a virtual thread");
      expected.addAll(read);
    } else {
      expected.add("== no virtual threads before JDK 21");
    }
    assertEquals(expected, run.lines());
    // one request per read: the ended stream was not reconnected
    assertEquals(virtualThreads ? 2 : 1, events.seen("/events").size() - before);
  }

  @Test
  void chatVerticleStreamsRoutesTheNamedEventAndPrintsTheResult() throws Exception {
    Run run = run(ChatVerticle.class, null, provider.baseUrl(), "mock-demo", "Say hello.");
    assertEquals(0, run.status(), run.err());
    List<String> lines = run.lines();
    int progress = lines.indexOf("[progress] {\"tool\":\"search\",\"status\":\"running\",\"message\":\"looking up\"}");
    int streamed = lines.indexOf(DEMO_TEXT);
    int content = lines.indexOf("content: " + DEMO_TEXT);
    assertTrue(progress >= 0 && progress < streamed && streamed < content, run.out());
    assertEquals("finish reason: tool_calls", lines.get(content + 1), run.out());
    List<String> diagnostics = lines.subList(content + 2, lines.size());
    // the named event was routed by name, so only the empty roles are deviations: one per text delta, each code
    // reported once with its count
    assertEquals(1, diagnostics.size(), run.out());
    assertTrue(diagnostics.get(0).startsWith("diagnostic openai.empty-role (x15): "), run.out());
    assertEquals("Bearer " + API_KEY, lastRequest().authorization().orElse(null));
  }

  @Test
  void openAiPlainJavaStreamsReportsTheUnroutedEventAndExits() throws Exception {
    Run run = run(OpenAiPlainJava.class, null, provider.baseUrl(), "mock-named-event", "Say hello.");
    assertEquals(0, run.status(), run.err());
    assertEquals(List.of(String.join("", FakeOpenAiServer.NORMAL_TEXT), "tokens: 14",
        "diagnostics: [sse.ignored-event]"), run.lines());
    assertEquals("mock-named-event", new io.vertx.core.json.JsonObject(lastRequest().body()).getString("model"));
    assertEquals("Bearer " + API_KEY, lastRequest().authorization().orElse(null));
  }

  @Test
  void openAiPlainJavaExitsByItselfWhenTheProviderRefuses() throws Exception {
    Run run = run(OpenAiPlainJava.class, null, provider.baseUrl(), "mock-http401", "Say hello.");
    assertNotEquals(0, run.status());
    assertTrue(run.err().contains("OpenAiHttpException"), run.err());
    assertFalse(run.err().contains(API_KEY), run.err());
  }

  private static FakeOpenAiServer.Request lastRequest() {
    List<FakeOpenAiServer.Request> requests = provider.requests();
    return requests.get(requests.size() - 1);
  }

  /** What a recipe's process did. */
  private record Run(int status, String out, String err) {
    List<String> lines() {
      List<String> lines = new ArrayList<>(List.of(out.replace("\r\n", "\n").split("\n", -1)));
      lines.removeIf(String::isEmpty);
      return Collections.unmodifiableList(lines);
    }
  }

  /**
   * Runs {@code main} of {@code recipe} in a new JVM on this test's class path, standard input from {@code stdin}
   * (or none), and waits at most {@link #EXIT_BOUND} for it to exit by itself.
   */
  private Run run(Class<?> recipe, Path stdin, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), recipe.getName()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    if (stdin != null) {
      builder.redirectInput(stdin.toFile());
    }
    builder.environment().put("OPENAI_API_KEY", API_KEY);
    Process process = builder.start();
    try {
      if (stdin == null) {
        process.getOutputStream().close();
      }
      boolean exited = process.waitFor(EXIT_BOUND.toSeconds(), TimeUnit.SECONDS);
      assertTrue(exited, recipe.getSimpleName() + " did not exit by itself within " + EXIT_BOUND + "; it printed:\n"
          + Files.readString(out, UTF_8) + Files.readString(err, UTF_8));
      return new Run(process.exitValue(), Files.readString(out, UTF_8), Files.readString(err, UTF_8));
    } finally {
      process.destroyForcibly();
    }
  }
}
