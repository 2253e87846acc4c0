package io.github.ssekit.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ssekit.cli.SseDumpCommandTest.Run;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CLI against hostile or broken servers on 127.0.0.1 and a broken event loop: refused redirects are reported as
 * such, a fatal error on a loop ends the process instead of wedging it, Vert.x's own log lines stay off stderr,
 * and {@code sse-dump}'s chunk size is bounded and does not flush per chunk.
 */
class HostileServerCliTest {
  private static final long WAIT_SECONDS = 60;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static Vertx vertx;
  private static HttpServer server;
  private static final Map<String, Consumer<HttpServerRequest>> ROUTES = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer()
        .requestHandler(req -> {
          Consumer<HttpServerRequest> route = ROUTES.get(req.path());
          if (route == null) {
            req.response().setStatusCode(404).end();
          } else {
            route.accept(req);
          }
        })
        .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void reset() {
    ROUTES.clear();
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  // ---- redirects ---------------------------------------------------------------------------------------------

  @ParameterizedTest(name = "Location: {0}")
  @ValueSource(strings = {"/v1/chat/completions", "file:///etc/passwd"})
  void chatReportsARefusedRedirectAsRedirectError(String location) throws Exception {
    AtomicInteger requests = new AtomicInteger();
    ROUTES.put("/v1/chat/completions", req -> {
      requests.incrementAndGet();
      req.response().setStatusCode(302).putHeader("Location", location).end();
    });
    Run run = SseDumpCommandTest.run(new byte[0], "chat", "--base-url", url("/v1"), "--model", "m", "--api-key",
        "sk-redirect-test", "--json", "hi");
    assertEquals(1, run.status(), run.err());
    JsonNode error = MAPPER.readTree(run.lines().get(0)).get("error");
    assertEquals("redirect_error", error.get("type").asText(), run.out());
    assertTrue(requests.get() <= 11, "a loop stops at maxRedirects: " + requests.get());
  }

  // ---- a broken event loop -----------------------------------------------------------------------------------

  @Test
  void aFatalErrorOnAnEventLoopEndsTheCommandWithAMessageInsteadOfAHang() throws Exception {
    ROUTES.put("/v1/chat/completions", req -> {}); // never answers: the command waits on the loop
    long started = System.nanoTime();
    Run run = runChild("error", "chat", "--base-url", url("/v1"), "--model", "m", "--api-key", "sk-x", "hi");
    assertEquals(CliProcess.FATAL, run.status(), run.err());
    assertTrue(run.err().contains("ssekit: fatal error on thread"), run.err());
    assertTrue(run.err().contains("OutOfMemoryError: forced by the test"), run.err());
    assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) < 30, "ended at once");
  }

  @Test
  void vertxLogsNothingOnStderrAndTheCommandStillSucceeds() throws Exception {
    // the answer comes after the loop failure, so the command is mid-stream when Vert.x would log it
    ROUTES.put("/v1/chat/completions", req -> vertx.setTimer(1500, t -> req.response().setChunked(true)
        .putHeader("content-type", "text/event-stream")
        .end("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"fine\"},\"finish_reason\":\"stop\"}]}"
            + "\n\ndata: [DONE]\n\n")));
    Run run = runChild("exception", "chat", "--base-url", url("/v1"), "--model", "m", "--api-key", "sk-x", "hi");
    assertEquals(0, run.status(), run.err());
    assertEquals("fine\n", run.out());
    assertEquals("", run.err(), "no SEVERE line, no stack trace of Vert.x's");
  }

  // ---- sse-dump ----------------------------------------------------------------------------------------------

  @ParameterizedTest(name = "--chunk-size {0}")
  @ValueSource(strings = {"2147483647", "1048577", "0", "-1"})
  void aChunkSizeOutOfRangeIsAUsageError(String size) {
    Run run = SseDumpCommandTest.run("data: x\n\n".getBytes(UTF_8), "sse-dump", "--chunk-size", size);
    assertEquals(SsekitCommand.USAGE, run.status(), run.err());
    assertTrue(run.err().contains("--chunk-size must be 1 to 1048576"), run.err());
    assertEquals("", run.out());
  }

  @Test
  void theLargestChunkSizeWorks() {
    Run run = SseDumpCommandTest.run("data: x\n\n".getBytes(UTF_8), "sse-dump", "--chunk-size", "1048576");
    assertEquals(0, run.status(), run.err());
    assertEquals(2, run.lines().size(), run.out());
  }

  @Test
  void oneByteChunksAreNotFlushedOneByOne() {
    byte[] input = "data: 0123456789\n\n".repeat(1000).getBytes(UTF_8);
    AtomicInteger flushes = new AtomicInteger();
    AtomicInteger written = new AtomicInteger();
    OutputStream counting = new OutputStream() {
      @Override
      public void write(int b) {
        written.incrementAndGet();
      }

      @Override
      public void write(byte[] b, int off, int len) {
        written.addAndGet(len);
      }

      @Override
      public void flush() {
        flushes.incrementAndGet();
      }
    };
    PrintStream oldOut = System.out;
    InputStream oldIn = System.in;
    int status;
    try {
      System.setOut(new PrintStream(counting, false, UTF_8));
      System.setIn(new ByteArrayInputStream(input));
      status = SsekitCommand.run("sse-dump", "--chunk-size", "1");
    } finally {
      System.setOut(oldOut);
      System.setIn(oldIn);
    }
    assertEquals(0, status);
    assertTrue(written.get() > 30_000, "every event printed: " + written.get() + " bytes");
    assertTrue(flushes.get() <= 10, "flushed " + flushes.get() + " times for " + input.length + " one-byte chunks");
  }

  /** {@code ssekit ARGS} in a child JVM through {@link LoopFailureMain} with {@code mode}. */
  private static Run runChild(String mode, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(mode));
    all.addAll(List.of(args));
    return ChildJvm.run(LoopFailureMain.class, all, environment -> {}, WAIT_SECONDS);
  }
}
