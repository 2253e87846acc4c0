package io.github.ssekit.client;

import static io.github.ssekit.client.testing.ScriptedServer.eventStream;
import static io.github.ssekit.client.testing.Sink.await;
import static io.github.ssekit.client.testing.Sink.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.client.internal.StreamProbe;
import io.github.ssekit.client.openai.OpenAiClient;
import io.github.ssekit.client.openai.OpenAiClientOptions;
import io.github.ssekit.client.opencode.OpenCodeClient;
import io.github.ssekit.client.opencode.OpenCodeClientOptions;
import io.github.ssekit.client.opencode.OpenCodeHttpException;
import io.github.ssekit.client.opencode.OpenCodeTurn;
import io.github.ssekit.client.opencode.OpenCodeTurnListener;
import io.github.ssekit.client.opencode.testing.OpenCodeFakeServer;
import io.github.ssekit.client.testing.Sink;
import io.github.ssekit.sse.SseEventTooLargeException;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.SseParser;
import io.github.ssekit.sse.protocol.DiagnosticLimits;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every limit on something that grows: its default (as documented in the README and SECURITY.md), its setter's
 * validation, and its effect at the boundary (exactly at the limit passes, one over it is cut or fails).
 */
class LimitsTest extends LoopbackTest {

  /** A limit: its name, its default as the options report it, the documented value, a setter given a bad value. */
  record Limit(String name, IntSupplier actualDefault, int documented, Runnable invalid) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Limit> limits() {
    return Stream.of(
        new Limit("maxEventBytes", () -> new SseClientOptions().getMaxEventBytes(), 8 * 1024 * 1024,
            () -> new SseClientOptions().setMaxEventBytes(0)),
        new Limit("maxErrorBodyBytes", () -> new SseClientOptions().getMaxErrorBodyBytes(), 64 * 1024,
            () -> new SseClientOptions().setMaxErrorBodyBytes(-1)),
        new Limit("maxRedirects", () -> new SseClientOptions().getMaxRedirects(), 10,
            () -> new SseClientOptions().setMaxRedirects(-1)),
        new Limit("maxReconnectAttempts", () -> new SseClientOptions().getMaxReconnectAttempts(), 10,
            () -> new SseClientOptions().setMaxReconnectAttempts(-1)),
        new Limit("maxPendingEvents", () -> new SseClientOptions().getMaxPendingEvents(), 64,
            () -> new SseClientOptions().setMaxPendingEvents(0)),
        new Limit("maxConnectionsPerEndpoint", () -> new SseClientOptions().getMaxConnectionsPerEndpoint(), 128,
            () -> new SseClientOptions().setMaxConnectionsPerEndpoint(0)),
        new Limit("maxWaitQueueSize", () -> new SseClientOptions().getMaxWaitQueueSize(), 256,
            () -> new SseClientOptions().setMaxWaitQueueSize(-1)),
        new Limit("maxReconnectDelay (ms)", () -> (int) new SseClientOptions().getMaxReconnectDelay().toMillis(),
            30_000, () -> new SseClientOptions().setMaxReconnectDelay(Duration.ofMillis(-1))),
        new Limit("OpenCode maxResponseBodyBytes", () -> new OpenCodeClientOptions().getMaxResponseBodyBytes(),
            64 * 1024 * 1024, () -> new OpenCodeClientOptions().setMaxResponseBodyBytes(0)),
        new Limit("OpenAI maxResponseChars", () -> new OpenAiClientOptions().getMaxResponseChars(),
            256 * 1024 * 1024, () -> new OpenAiClientOptions().setMaxResponseChars(0)),
        new Limit("OpenAI diagnostic occurrences per code",
            () -> new OpenAiClientOptions().getDiagnosticLimits().maxOccurrencesPerCode(), 10,
            () -> new OpenAiClientOptions().setDiagnosticLimits(new DiagnosticLimits(-1, 100))),
        new Limit("OpenAI diagnostic occurrences in all",
            () -> new OpenAiClientOptions().getDiagnosticLimits().maxOccurrences(), 100,
            () -> new OpenAiClientOptions().setDiagnosticLimits(null)),
        new Limit("OpenCode maxReplyChars", () -> new OpenCodeClientOptions().getMaxReplyChars(),
            64 * 1024 * 1024, () -> new OpenCodeClientOptions().setMaxReplyChars(0)),
        new Limit("Vert.x maxHeaderSize (response head)",
            () -> new SseClientOptions().getHttpClientOptions().getMaxHeaderSize(), 8192,
            () -> new SseClientOptions().setHttpClientOptions(null)));
  }

  @ParameterizedTest(name = "{0}: default and validation")
  @MethodSource("limits")
  void hasItsDocumentedDefaultAndRejectsNonsense(Limit limit) {
    assertEquals(limit.documented(), limit.actualDefault().getAsInt());
    assertThrows(RuntimeException.class, limit.invalid()::run);
  }

  @Test
  void theEventSizeDefaultIsTheParsers() {
    assertEquals(SseParser.DEFAULT_MAX_EVENT_BYTES, new SseClientOptions().getMaxEventBytes());
  }

  // ---- each limit at its boundary ---------------------------------------------------------------------------

  @Test
  void maxEventBytesDeliversAnEventOfExactlyTheLimitAndDropsOneByteMore() throws Exception {
    int limit = 1000;
    String fits = "f".repeat(limit - 1); // the data plus its line feed: exactly the limit
    String over = "o".repeat(limit);
    server.on("/sizes", req -> eventStream(req).end("data: " + fits + "\n\ndata: " + over + "\n\ndata: after\n\n"));
    Sink sink = Sink.attach(await(client(fastOptions().setMaxEventBytes(limit))
        .connect(SseRequest.get(server.url("/sizes")).reconnect(false).build())));
    sink.awaitEnd();
    assertEquals(List.of(fits, "after"), sink.data());
    assertEquals(1, sink.warnings.size());
    SseEventTooLargeException warning = (SseEventTooLargeException) sink.warnings.get(0);
    assertTrue(warning.getMessage().contains(String.valueOf(limit)), warning.getMessage());
  }

  @Test
  void maxErrorBodyBytesKeepsABodyOfExactlyTheLimitAndCutsOneByteMore() throws Exception {
    int limit = 5000;
    server.on("/error", req -> {
      byte[] body = new byte[Integer.parseInt(req.getParam("n"))];
      Arrays.fill(body, (byte) 'e');
      req.response().setStatusCode(500).end(Buffer.buffer(body));
    });
    SseClient client = client(fastOptions().setMaxErrorBodyBytes(limit));
    HttpStatusException whole = awaitFailure(client.connect(SseRequest.get(server.url("/error?n=" + limit)).build()),
        HttpStatusException.class);
    assertEquals(limit, whole.bodyBytes().length);
    assertFalse(whole.bodyTruncated());
    HttpStatusException cut = awaitFailure(client.connect(SseRequest.get(server.url("/error?n=" + (limit + 1)))
        .build()), HttpStatusException.class);
    assertEquals(limit, cut.bodyBytes().length);
    assertTrue(cut.bodyTruncated());
  }

  @Test
  void maxRedirectsFollowsExactlyThatManyAndFailsOnTheNext() throws Exception {
    server.on("/hop", req -> {
      int left = Integer.parseInt(req.getParam("left"));
      if (left == 0) {
        eventStream(req).end("data: landed\n\n");
      } else {
        req.response().setStatusCode(302).putHeader("Location", "/hop?left=" + (left - 1)).end();
      }
    });
    SseClient client = client(fastOptions().setMaxRedirects(3));
    Sink sink = Sink.attach(await(client.connect(SseRequest.get(server.url("/hop?left=3")).reconnect(false).build())));
    sink.awaitEnd();
    assertEquals(List.of("landed"), sink.data());
    RedirectException e = awaitFailure(client.connect(SseRequest.get(server.url("/hop?left=4")).build()),
        RedirectException.class);
    assertTrue(e.getMessage().contains("more than 3 redirects"), e.getMessage());
  }

  @ParameterizedTest(name = "Location: {0}")
  @CsvSource({"/v1/chat/completions", "file:///etc/passwd"})
  void openAiClientReportsARefusedRedirectAsRedirectExceptionNotAsAnHttpError(String location) throws Exception {
    AtomicInteger requests = new AtomicInteger();
    server.on("/v1/chat/completions", req -> {
      requests.incrementAndGet();
      req.response().setStatusCode(302).putHeader("Location", location).end();
    });
    OpenAiClient client = OpenAiClient.create(vertx, new OpenAiClientOptions().setBaseUrl(server.url("/v1"))
        .setSseClientOptions(fastOptions().setMaxRedirects(3)));
    try {
      RedirectException e = awaitFailure(client.streamChat(
          io.github.ssekit.openai.chat.ChatRequest.builder("m").user("hi").build()).result(), RedirectException.class);
      assertEquals(302, e.status());
      assertTrue(requests.get() <= 4, "a loop stops at maxRedirects: " + requests.get());
    } finally {
      await(client.closeAsync());
    }
  }

  @Test
  void maxReconnectAttemptsGivesUpAfterThatManyFailuresInARowAndZeroNeverReconnects() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    server.on("/flaky", req -> {
      if (requests.getAndIncrement() == 0) {
        eventStream(req).end("data: first\n\n");
      } else {
        req.response().setStatusCode(503).end();
      }
    });
    Sink sink = Sink.attach(await(client(fastOptions().setMaxReconnectAttempts(3))
        .connect(SseRequest.get(server.url("/flaky")).build())));
    assertEquals(503, sink.awaitFailure(HttpStatusException.class).status());
    assertEquals(3, sink.reconnects.size());
    assertEquals(1 + 3, server.seen("/flaky").size());

    server.on("/once", req -> eventStream(req).end("data: only\n\n"));
    Sink never = Sink.attach(await(client(fastOptions().setMaxReconnectAttempts(0))
        .connect(SseRequest.get(server.url("/once")).build())));
    never.awaitEnd();
    assertTrue(never.reconnects.isEmpty());
    assertEquals(1, server.seen("/once").size());
  }

  @Test
  void maxPendingEventsBoundsWhatAPausedConsumerHolds() throws Exception {
    int max = 4;
    int total = 300;
    server.on("/many", req -> writeEach(eventStream(req), total, 0));
    SseStream stream = await(client(fastOptions().setMaxPendingEvents(max))
        .connect(SseRequest.get(server.url("/many")).reconnect(false).build()));
    Sink sink = new Sink();
    stream.endHandler(v -> sink.done.complete(null)).exceptionHandler(sink.done::completeExceptionally);
    stream.handler(event -> {
      sink.add(event);
      if (sink.events().size() == 1) {
        stream.pause();
      }
    });
    sink.awaitEvents(1);
    // the queue fills up to the limit, then reading stops: wait until it stops growing
    int pending = waitUntilStable(() -> StreamProbe.pendingEvents(stream));
    // one 1 KiB event per write, and Vert.x chunks of at most 8 KiB: at most 8 events come on top of the limit
    assertTrue(pending >= max && pending <= max + 8, "pending events: " + pending);
    assertEquals(1, sink.events().size());
    stream.resume();
    sink.awaitEnd();
    assertEquals(IntStream.range(0, total).mapToObj(i -> i + ":" + "p".repeat(1000)).toList(), sink.data());
  }

  private void writeEach(HttpServerResponse response, int total, int next) {
    if (next == total) {
      response.end();
      return;
    }
    response.write("data: " + next + ":" + "p".repeat(1000) + "\n\n")
        .onSuccess(v -> writeEach(response, total, next + 1));
  }

  private static int waitUntilStable(IntSupplier value) throws InterruptedException {
    int last = -1;
    int current = value.getAsInt();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Sink.WAIT_SECONDS);
    while (current != last && System.nanoTime() < deadline) {
      Thread.sleep(200);
      last = current;
      current = value.getAsInt();
    }
    return current;
  }

  @Test
  void aFullPoolWithNoWaitQueueFailsAtOnce() throws Exception {
    server.on("/hold", req -> eventStream(req).write("data: held\n\n"));
    // a connect timeout far beyond the wait of the test: only the empty wait queue can fail the second stream
    SseClient client = client(fastOptions().setMaxConnectionsPerEndpoint(1).setMaxWaitQueueSize(0)
        .setConnectTimeout(Duration.ofMinutes(5)));
    Sink first = Sink.attach(await(client.connect(SseRequest.get(server.url("/hold")).build())));
    first.awaitEvents(1);
    SseConnectionException e = awaitFailure(client.connect(SseRequest.get(server.url("/hold")).build()),
        SseConnectionException.class);
    assertTrue(e.getMessage().contains("cannot connect"), e.getMessage());
  }

  // ---- the assembled replies --------------------------------------------------------------------------------

  @Test
  void openAiMaxResponseCharsTakesExactlyTheLimitAndCancelsTheStreamPastIt() throws Exception {
    List<String> chunks = IntStream.range(0, 20).mapToObj(i -> "{\"id\":\"c\",\"object\":\"chat.completion.chunk\","
        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + "t".repeat(50) + "\"}}]}").toList();
    int total = chunks.stream().mapToInt(String::length).sum();
    AtomicInteger closed = new AtomicInteger();
    server.on("/v1/chat/completions", req -> {
      req.connection().closeHandler(v -> closed.incrementAndGet());
      var response = eventStream(req);
      chunks.forEach(c -> response.write("data: " + c + "\n\n"));
      // the finish arrives only after the limit: a stream that stops at the limit is truncated
      response.write("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
          + "\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n"); // never ended: the client must cut
    });
    for (int limit : new int[] {total + 200, total - 1}) {
      OpenAiClient client = OpenAiClient.create(vertx, new OpenAiClientOptions().setBaseUrl(server.url("/v1"))
          .setMaxResponseChars(limit).setSseClientOptions(fastOptions()));
      try {
        var result = await(client.streamChat(io.github.ssekit.openai.chat.ChatRequest.builder("m").user("hi").build())
            .result());
        String content = result.message().orElseThrow().content();
        if (limit > total) {
          assertTrue(result.error().isEmpty(), result.errors().toString());
          assertEquals(20 * 50, content.length());
          assertFalse(result.truncated());
        } else {
          assertEquals(19 * 50, content.length(), "what arrived within the limit is kept");
          assertTrue(result.truncated());
          assertTrue(result.error().orElseThrow().getMessage().contains("maxResponseChars"), result.errors().toString());
        }
      } finally {
        await(client.closeAsync());
      }
    }
    // both connections are closed: [DONE] releases one, the limit cancels the other (the server learns it later)
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Sink.WAIT_SECONDS);
    while (closed.get() < 2) {
      assertTrue(System.nanoTime() < deadline, "connections closed: " + closed.get());
      Thread.sleep(10);
    }
  }

  @ParameterizedTest(name = "limits {0}, {1} empty roles: {2} kept")
  @CsvSource({"'3,100', 3, 3", "'3,100', 4, 3", "'100,3', 3, 3", "'100,3', 4, 3", "'0,0', 2, 0"})
  void openAiDiagnosticLimitsKeepExactlyThatManyOccurrencesAndCountTheRest(String limits, int chunks, int kept)
      throws Exception {
    String[] pair = limits.split(",");
    server.on("/v1/chat/completions", req -> {
      StringBuilder body = new StringBuilder();
      for (int i = 0; i < chunks; i++) {
        body.append("data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"\",\"content\":\"x\"}}]}\n\n");
      }
      eventStream(req).end(body.append("data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}"
          + "\n\ndata: [DONE]\n\n").toString());
    });
    OpenAiClient client = OpenAiClient.create(vertx, new OpenAiClientOptions().setBaseUrl(server.url("/v1"))
        .setDiagnosticLimits(new DiagnosticLimits(Integer.parseInt(pair[0]), Integer.parseInt(pair[1])))
        .setSseClientOptions(fastOptions()));
    try {
      var result = await(client.streamChat(io.github.ssekit.openai.chat.ChatRequest.builder("m").user("hi").build())
          .result());
      assertEquals(kept, result.diagnosticOccurrences().size());
      assertEquals(chunks - kept, result.diagnosticOccurrencesNotKept());
      assertEquals(chunks, result.diagnostics().get(0).count(), "the count stays exact");
      assertEquals("x".repeat(chunks), result.message().orElseThrow().content());
    } finally {
      await(client.closeAsync());
    }
  }

  @Test
  void openCodeMaxReplyCharsAbortsTheTurnPastIt() throws Exception {
    try (OpenCodeFakeServer fake = OpenCodeFakeServer.start(vertx)) {
      List<String> pieces = IntStream.range(0, 10).mapToObj(i -> "r".repeat(100)).toList();
      fake.onPrompt((session, body) -> fake.play(OpenCodeFakeServer.turn(session, pieces)));
      fake.json(HttpMethod.POST, "/session/ses_big/abort", 200, "true");
      io.github.ssekit.opencode.request.PromptBody prompt = io.github.ssekit.opencode.request.PromptBody.builder()
          .model(io.github.ssekit.opencode.ModelRef.of("p", "m"))
          .addParts(io.github.ssekit.opencode.request.PromptPart.text("hi")).build();
      for (int limit : new int[] {1000, 999}) {
        OpenCodeClient client = OpenCodeClient.create(vertx, new OpenCodeClientOptions(fake.url())
            .setMaxReplyChars(limit).setRequestTimeout(Duration.ofSeconds(Sink.WAIT_SECONDS))
            .setSseClientOptions(fastOptions()));
        try {
          OpenCodeTurn turn = client.streamPrompt("ses_big", prompt, new OpenCodeTurnListener() {});
          if (limit == 1000) {
            assertEquals(1000, await(turn.reply()).text().length());
          } else {
            SseException e = awaitFailure(turn.reply(), SseException.class);
            assertTrue(e.getMessage().contains("maxReplyChars (999 characters)"), e.getMessage());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Sink.WAIT_SECONDS);
            while (fake.seen(HttpMethod.POST, "/session/ses_big/abort").isEmpty()) {
              assertTrue(System.nanoTime() < deadline, "the server's turn is aborted");
              Thread.sleep(10);
            }
          }
        } finally {
          await(client.closeAsync());
        }
      }
    }
  }

  // ---- OpenCode plain calls ----------------------------------------------------------------------------------

  private OpenCodeClient openCode(OpenCodeFakeServer fake, int maxResponse, int maxError) {
    return OpenCodeClient.create(vertx, new OpenCodeClientOptions(fake.url()).setMaxResponseBodyBytes(maxResponse)
        .setRequestTimeout(Duration.ofSeconds(Sink.WAIT_SECONDS))
        .setSseClientOptions(fastOptions().setMaxErrorBodyBytes(maxError)));
  }

  @Test
  void openCodeMaxResponseBodyBytesAcceptsExactlyTheLimitAndFailsOneByteMore() throws Exception {
    try (OpenCodeFakeServer fake = OpenCodeFakeServer.start(vertx)) {
      String fits = "{\"healthy\":true,\"pad\":\"" + "x".repeat(1000 - 25) + "\"}";
      assertEquals(1000, fits.length());
      fake.json(HttpMethod.GET, "/global/health", 200, fits);
      OpenCodeClient exact = openCode(fake, 1000, 100);
      OpenCodeClient smaller = openCode(fake, 999, 100);
      try {
        assertTrue(await(exact.health()).path("healthy").asBoolean(false));
        SseException e = awaitFailure(smaller.health(), SseException.class);
        assertTrue(e.getMessage().contains("larger than the limit of 999 bytes"), e.getMessage());
      } finally {
        await(exact.closeAsync());
        await(smaller.closeAsync());
      }
    }
  }

  /** An answer that never ends: a 64 KiB chunk at a time until the client hangs up. */
  private static void endless(HttpServerResponse response, int status) {
    response.setStatusCode(status).setChunked(true).putHeader("content-type", "application/json");
    Buffer chunk = Buffer.buffer("[" + "0,".repeat(32 * 1024));
    Runnable[] pump = new Runnable[1];
    pump[0] = () -> {
      while (!response.writeQueueFull() && !response.closed()) {
        response.write(chunk);
      }
      if (!response.closed()) {
        response.drainHandler(v -> pump[0].run());
      }
    };
    pump[0].run();
  }

  static Stream<Object[]> endlessAnswers() {
    return Stream.of(new Object[] {200}, new Object[] {500});
  }

  @ParameterizedTest(name = "HTTP {0}")
  @MethodSource("endlessAnswers")
  void anEndlessOpenCodeAnswerIsCutAndItsConnectionClosed(int status) throws Exception {
    try (OpenCodeFakeServer fake = OpenCodeFakeServer.start(vertx)) {
      AtomicInteger closed = new AtomicInteger();
      fake.on(HttpMethod.GET, "/session", req -> {
        req.connection().closeHandler(v -> closed.incrementAndGet());
        endless(req.response(), status);
      });
      OpenCodeClient client = openCode(fake, 100_000, 4096);
      try {
        SseException e = awaitFailure(client.listSessions(), SseException.class);
        if (status == 500) {
          OpenCodeHttpException http = (OpenCodeHttpException) e;
          assertEquals(4096, http.bodyBytes().length);
          assertTrue(http.bodyTruncated());
        } else {
          assertTrue(e.getMessage().contains("larger than the limit of 100000 bytes"), e.getMessage());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Sink.WAIT_SECONDS);
        while (closed.get() == 0) {
          assertTrue(System.nanoTime() < deadline, "the connection of an endless answer must be closed");
          Thread.sleep(10);
        }
      } finally {
        await(client.closeAsync());
      }
    }
  }
}
