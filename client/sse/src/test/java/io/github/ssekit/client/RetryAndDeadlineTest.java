package io.github.ssekit.client;

import static io.github.ssekit.client.testing.ScriptedServer.eventStream;
import static io.github.ssekit.client.testing.Sink.await;
import static io.github.ssekit.client.testing.Sink.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.client.testing.FaultServer;
import io.github.ssekit.client.testing.Sink;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Retries of a request that failed before its stream was accepted, and the total deadline. */
class RetryAndDeadlineTest extends LoopbackTest {
  private final List<RetryAttempt> retries = new CopyOnWriteArrayList<>();
  private final List<StreamStats> ended = new CopyOnWriteArrayList<>();

  /** Fast retries (10 ms doubling) reported to this test. */
  private SseClientOptions retrying() {
    return fastOptions().setRetryDelay(Duration.ofMillis(10)).setObserver(new SseObserver() {
      @Override
      public void onRetry(ObservedStream stream, RetryAttempt attempt) {
        retries.add(attempt);
      }

      @Override
      public void onEnd(StreamStats stats) {
        ended.add(stats);
      }
    });
  }

  @SafeVarargs
  private void script(String path, Consumer<HttpServerRequest>... scripts) {
    AtomicInteger count = new AtomicInteger();
    server.on(path, req -> scripts[Math.min(count.getAndIncrement(), scripts.length - 1)].accept(req));
  }

  private static Consumer<HttpServerRequest> status(int status, String... headers) {
    return req -> {
      for (int i = 0; i < headers.length; i += 2) {
        req.response().putHeader(headers[i], headers[i + 1]);
      }
      req.response().setStatusCode(status).end("{\"error\":\"busy\"}");
    };
  }

  private static Consumer<HttpServerRequest> stream(String body) {
    return req -> eventStream(req).end(body);
  }

  private SseRequest post(String path) {
    return SseRequest.post(server.url(path)).body("{}").build();
  }

  @Test
  void a429WithRetryAfterOneSecondIsRetriedAfterIt() throws Exception {
    script("/429", status(429, "Retry-After", "1"), stream("data: ok\n\n"));
    long start = System.nanoTime();
    SseStream stream = await(client(retrying()).connect(post("/429")));
    long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    Sink sink = Sink.attach(stream);
    sink.awaitEnd();
    assertEquals(List.of("ok"), sink.data());
    assertTrue(waitedMs >= 950, "waited " + waitedMs + " ms");
    assertEquals(1, stream.retries());
    assertEquals(1, stream.responseMetadata().retries());
    assertEquals(1, retries.size());
    assertEquals(Duration.ofSeconds(1), retries.get(0).delay());
    assertEquals(429, retries.get(0).status().getAsInt());
    assertEquals(2, server.seen("/429").size());
  }

  @Test
  void retryAfterAsAnHttpDateIsHonoured() throws Exception {
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
    script("/date", status(503, "Retry-After", date), stream("data: ok\n\n"));
    Sink sink = Sink.attach(await(client(retrying()).connect(post("/date"))));
    sink.awaitEnd();
    long delayMs = retries.get(0).delay().toMillis();
    // the date has whole seconds: between 1 and 2 s from now
    assertTrue(delayMs > 0 && delayMs <= 2000, "delay " + delayMs + " ms");
    assertTrue(delayMs > 100, "the date, not the 10 ms backoff: " + delayMs);
  }

  @Test
  void garbageRetryAfterFallsBackToTheBackoffWithADiagnostic() throws Exception {
    script("/garbage", status(503, "Retry-After", "-5"), stream("data: ok\n\n"));
    Sink sink = Sink.attach(await(client(retrying()).connect(post("/garbage"))));
    sink.awaitEnd();
    RetryAttempt attempt = retries.get(0);
    assertTrue(attempt.delay().toMillis() <= 10, attempt.toString());
    assertTrue(attempt.retryAfterProblem().orElseThrow().contains("\"-5\""), attempt.toString());
  }

  @Test
  void twoFailuresThenSuccess() throws Exception {
    script("/flaky", status(503), status(502), stream("data: ok\n\n"));
    SseStream stream = await(client(retrying()).connect(post("/flaky")));
    Sink sink = Sink.attach(stream);
    sink.awaitEnd();
    assertEquals(List.of("ok"), sink.data());
    assertEquals(2, stream.retries());
    assertEquals(2, retries.size());
    // 10 ms, then 20 ms, each less up to a quarter of jitter
    assertTrue(retries.get(0).delay().toMillis() <= 10 && retries.get(0).delay().toMillis() >= 7);
    assertTrue(retries.get(1).delay().toMillis() <= 20 && retries.get(1).delay().toMillis() >= 15);
  }

  @Test
  void threeFailuresWithTwoRetriesFailNamingAllThree() throws Exception {
    script("/down", status(503), status(503), status(503), stream("data: never\n\n"));
    HttpStatusException e = awaitFailure(client(retrying()).connect(post("/down")), HttpStatusException.class);
    assertEquals(503, e.status());
    assertTrue(e.getMessage().contains("attempt 3 of 3; earlier: HTTP 503, HTTP 503"), e.getMessage());
    assertEquals(2, e.getSuppressed().length);
    for (Throwable earlier : e.getSuppressed()) {
      assertEquals(503, ((HttpStatusException) earlier).status());
    }
    assertEquals(3, server.seen("/down").size());
    StreamStats stats = ended.get(0);
    assertEquals(StreamStats.Outcome.REJECTED, stats.outcome());
    assertEquals(2, stats.retries());
    assertEquals("503", stats.errorType().orElseThrow());
  }

  @Test
  void clientErrorsAreNeverRetried() throws Exception {
    for (int code : new int[] {400, 401, 403, 404, 422}) {
      script("/no" + code, status(code), stream("data: never\n\n"));
      HttpStatusException e = awaitFailure(client(retrying()).connect(post("/no" + code)),
          HttpStatusException.class);
      assertEquals(code, e.status());
      assertEquals(1, server.seen("/no" + code).size(), "HTTP " + code + " was sent once");
    }
    assertTrue(retries.isEmpty());
  }

  @Test
  void zeroRetriesTurnsThemOff() throws Exception {
    script("/off", status(503), stream("data: ok\n\n"));
    SseRequest once = SseRequest.post(server.url("/off")).body("{}").maxRetries(0).build();
    HttpStatusException e = awaitFailure(client(retrying()).connect(once), HttpStatusException.class);
    assertFalse(e.getMessage().contains("attempt"), e.getMessage());
    assertEquals(1, server.seen("/off").size());
  }

  @Test
  void aServerAskingForMinutesFailsAtOnce() throws Exception {
    script("/later", status(429, "Retry-After", "300"), stream("data: ok\n\n"));
    long start = System.nanoTime();
    HttpStatusException e = awaitFailure(client(retrying()).connect(post("/later")), HttpStatusException.class);
    assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 2);
    assertEquals(429, e.status());
    assertTrue(e.getMessage().contains("the server asks to wait 300 s, more than maxRetryAfter 60 s"),
        e.getMessage());
    assertEquals(1, server.seen("/later").size());
  }

  @Test
  void aConnectionResetBeforeTheHeadIsRetried() throws Exception {
    try (FaultServer faults = FaultServer.start(List.of(
        (request, exchange) -> exchange.reset(),
        (request, exchange) -> {
          exchange.streamHead();
          exchange.chunk("data: ok\n\n");
          exchange.endChunks();
        }))) {
      SseStream stream = await(client(retrying()).connect(
          SseRequest.post(faults.url("/reset")).body("{}").build()));
      Sink sink = Sink.attach(stream);
      sink.awaitEnd();
      assertEquals(List.of("ok"), sink.data());
      assertEquals(1, stream.retries());
      assertEquals(2, faults.requests().size());
      assertTrue(retries.get(0).status().isEmpty());
    }
  }

  @Test
  void nothingIsResentOnceAnEventWasAccepted() throws Exception {
    try (FaultServer faults = FaultServer.start(List.of(
        (request, exchange) -> {
          exchange.streamHead();
          exchange.chunk("data: first\n\n");
          exchange.reset(); // the connection breaks mid-stream
        },
        (request, exchange) -> {
          exchange.streamHead();
          exchange.chunk("data: resent\n\n");
          exchange.endChunks();
        }))) {
      Sink sink = Sink.attach(await(client(retrying()).connect(
          SseRequest.post(faults.url("/once")).body("{}").build())));
      sink.awaitFailure(SseConnectionException.class);
      assertEquals(List.of("first"), sink.data());
      assertEquals(1, faults.requests().size(), "counted at the server: one request");
      assertTrue(retries.isEmpty());
    }
  }

  @Test
  void aDeadlineBeforeTheHeadFailsTheConnectionWithATypedTimeout() throws Exception {
    try (FaultServer faults = FaultServer.start(List.of((request, exchange) -> exchange.stall()))) {
      SseRequest request = SseRequest.post(faults.url("/slow")).body("{}").deadline(Duration.ofMillis(300)).build();
      SseDeadlineException e = awaitFailure(client(retrying()).connect(request), SseDeadlineException.class);
      assertFalse(e.accepted());
      assertEquals(Duration.ofMillis(300), e.deadline());
      assertTrue(faults.awaitNoOpenConnections(Sink.WAIT_SECONDS, TimeUnit.SECONDS), "the connection was closed");
      assertEquals(StreamStats.Outcome.DEADLINE, ended.get(0).outcome());
    }
  }

  @Test
  void aDeadlineMidStreamKeepsWhatArrivedAndClosesTheConnection() throws Exception {
    try (FaultServer faults = FaultServer.start(List.of((request, exchange) -> {
      exchange.streamHead();
      exchange.chunk("data: a\n\ndata: b\n\n");
      exchange.stall();
    }))) {
      SseClient client = client(retrying().setDeadline(Duration.ofMillis(1500)).setMaxConnectionsPerEndpoint(1));
      Sink sink = Sink.attach(await(client.connect(SseRequest.post(faults.url("/mid")).body("{}").build())));
      SseDeadlineException e = sink.awaitFailure(SseDeadlineException.class);
      assertTrue(e.accepted());
      assertEquals(List.of("a", "b"), sink.data());
      assertTrue(faults.awaitNoOpenConnections(Sink.WAIT_SECONDS, TimeUnit.SECONDS), "the connection was closed");
      assertEquals(StreamStats.Outcome.DEADLINE, ended.get(0).outcome());
    }
  }

  @Test
  void theDeadlineFreesThePoolSlot() throws Exception {
    script("/held", req -> eventStream(req).write("data: a\n\n"), stream("data: next\n\n"));
    SseClient client = client(retrying().setMaxConnectionsPerEndpoint(1).setMaxWaitQueueSize(0));
    SseRequest held = SseRequest.post(server.url("/held")).body("{}").deadline(Duration.ofMillis(300)).build();
    Sink first = Sink.attach(await(client.connect(held)));
    first.awaitFailure(SseDeadlineException.class);
    Sink second = Sink.attach(await(client.connect(post("/held"))));
    second.awaitEnd();
    assertEquals(List.of("next"), second.data(), "the only pool slot was free again");
  }

  @Test
  void theObserverSeesAStreamsFigures() throws Exception {
    script("/timed", req -> {
      var resp = eventStream(req);
      resp.write("data: one\n\n");
      vertx.setTimer(200, t -> resp.write("data: two\n\n"));
      vertx.setTimer(400, t -> resp.end("data: three\n\n"));
    });
    Sink sink = Sink.attach(await(client(retrying()).connect(post("/timed"))));
    sink.awaitEnd();
    StreamStats stats = ended.get(0);
    assertEquals(StreamStats.Outcome.COMPLETED, stats.outcome());
    assertEquals(3, stats.tokenEvents());
    assertEquals(0, stats.retries());
    assertEquals("sse", stats.stream().system());
    assertEquals("127.0.0.1", stats.stream().serverAddress());
    assertEquals(("data: one\n\n" + "data: two\n\n" + "data: three\n\n").length(), stats.bytes());
    long gapMs = stats.maxTokenGap().orElseThrow().toMillis();
    assertTrue(gapMs >= 150 && gapMs < 1000, "max gap " + gapMs);
    assertTrue(stats.duration().toMillis() >= 380, stats.toString());
    assertTrue(stats.responseHeadTime().orElseThrow().compareTo(stats.firstTokenTime().orElseThrow()) <= 0);
    assertTrue(stats.connectTime().orElseThrow().compareTo(stats.responseHeadTime().orElseThrow()) <= 0);
  }
}
