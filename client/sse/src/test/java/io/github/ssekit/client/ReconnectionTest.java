package io.github.ssekit.client;

import static io.github.ssekit.client.testing.ScriptedServer.eventStream;
import static io.github.ssekit.client.testing.Sink.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.client.testing.ScriptedServer;
import io.github.ssekit.client.testing.Sink;
import io.github.ssekit.sse.SseEvent;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ReconnectionTest extends LoopbackTest {

  /** Answers the n-th request to {@code path} (0-based) with {@code scripts[n]}; later requests get 204. */
  @SafeVarargs
  private void script(String path, Consumer<HttpServerRequest>... scripts) {
    AtomicInteger count = new AtomicInteger();
    server.on(path, req -> {
      int n = count.getAndIncrement();
      if (n < scripts.length) {
        scripts[n].accept(req);
      } else {
        req.response().setStatusCode(204).end();
      }
    });
  }

  @Test
  void aCloseMidEventReconnectsWithLastEventIdLosingAndRepeatingNothing() throws Exception {
    script("/feed",
        req -> eventStream(req)
            .write("retry: 40\nid: 1\ndata: a\n\nid: 2\ndata: b\n\nid: 3\ndata: cut o")
            .onSuccess(v -> req.connection().close()),
        req -> eventStream(req).end("id: 3\ndata: c\n\n"));
    SseStream stream = await(client().connect(SseRequest.get(server.url("/feed")).build()));
    Sink sink = Sink.attach(stream);
    sink.awaitEnd(); // the third request gets 204: stop

    assertEquals(List.of(new SseEvent("message", "a", "1"), new SseEvent("message", "b", "2"),
        new SseEvent("message", "c", "3")), sink.events());
    List<ScriptedServer.Seen> seen = server.seen("/feed");
    assertEquals(3, seen.size());
    assertNull(seen.get(0).headers().get("Last-Event-ID"));
    assertEquals("2", seen.get(1).headers().get("Last-Event-ID"), "the cut-off event's id is not committed");
    assertEquals("3", seen.get(2).headers().get("Last-Event-ID"));

    assertEquals(2, sink.reconnects.size());
    ReconnectAttempt afterClose = sink.reconnects.get(0);
    assertEquals(1, afterClose.attempt());
    assertEquals(Duration.ofMillis(40), afterClose.delay(), "the server's retry is the delay");
    assertTrue(afterClose.cause().orElseThrow() instanceof SseConnectionException, afterClose.toString());
    assertEquals("2", afterClose.lastEventId());
    ReconnectAttempt afterEnd = sink.reconnects.get(1);
    assertTrue(afterEnd.cause().isEmpty(), "a body that ended is not an error");
    assertEquals("3", afterEnd.lastEventId());
    assertEquals("3", stream.lastEventId());
  }

  @Test
  void eventsReceivedBeforeAConnectionErrorAreDeliveredToALateConsumer() throws Exception {
    CompletableFuture<Void> closed = new CompletableFuture<>();
    script("/late",
        req -> {
          req.connection().closeHandler(v -> closed.complete(null));
          eventStream(req).write("id: 1\ndata: a\n\nid: 2\ndata: b\n\n").onSuccess(v -> req.connection().close());
        },
        req -> eventStream(req).end("id: 3\ndata: c\n\n"));
    SseStream stream = await(client().connect(SseRequest.get(server.url("/late")).build()));
    closed.get(Sink.WAIT_SECONDS, TimeUnit.SECONDS); // the connection is gone before anyone reads
    Sink sink = Sink.attach(stream);
    sink.awaitEnd();
    assertEquals(List.of("a", "b", "c"), sink.data());
    assertEquals("2", server.seen("/late").get(1).headers().get("Last-Event-ID"));
  }

  @Test
  void retryableStatusesBackOffAndAnEventResetsTheBackoff() throws Exception {
    script("/flaky",
        req -> eventStream(req).end("id: 1\ndata: a\n\n"),
        req -> req.response().setStatusCode(503).end("busy"),
        req -> eventStream(req).end("id: 2\ndata: b\n\n"),
        req -> req.response().setStatusCode(404).end("no such stream"));
    Sink sink = Sink.attach(await(client().connect(SseRequest.get(server.url("/flaky")).build())));

    HttpStatusException e = sink.awaitFailure(HttpStatusException.class);
    assertEquals(404, e.status(), "404 is not retryable: the stream fails");
    assertEquals("no such stream", e.body());
    assertEquals(List.of("a", "b"), sink.data());
    assertEquals(4, server.seen("/flaky").size());
    List<Integer> attempts = sink.reconnects.stream().map(ReconnectAttempt::attempt).toList();
    List<Duration> delays = sink.reconnects.stream().map(ReconnectAttempt::delay).toList();
    assertEquals(List.of(1, 2, 1), attempts);
    assertEquals(List.of(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(10)), delays);
    assertEquals(503, ((HttpStatusException) sink.reconnects.get(1).cause().orElseThrow()).status());
  }

  @Test
  void reconnectionGivesUpAfterTheConfiguredAttemptsWithoutAnEvent() throws Exception {
    server.on("/down", req -> {
      if (server.seen("/down").size() == 1) {
        eventStream(req).end("data: only\n\n");
      } else {
        req.response().setStatusCode(503).end();
      }
    });
    SseClientOptions options = fastOptions().setMaxReconnectAttempts(2);
    Sink sink = Sink.attach(await(client(options).connect(SseRequest.get(server.url("/down")).build())));

    HttpStatusException e = sink.awaitFailure(HttpStatusException.class);
    assertEquals(503, e.status());
    assertEquals(List.of("only"), sink.data());
    assertEquals(2, sink.reconnects.size());
    assertEquals(3, server.seen("/down").size());
  }

  @Test
  void aStallReconnectsAResumableStream() throws Exception {
    script("/stall",
        req -> eventStream(req).write("id: 7\ndata: before\n\n"),
        req -> eventStream(req).end("id: 8\ndata: after\n\n"));
    SseRequest request = SseRequest.get(server.url("/stall")).idleTimeout(Duration.ofMillis(200)).build();
    Sink sink = Sink.attach(await(client().connect(request)));
    sink.awaitEnd();

    assertEquals(List.of("before", "after"), sink.data());
    assertTrue(sink.reconnects.get(0).cause().orElseThrow() instanceof SseIdleTimeoutException);
    assertEquals("7", server.seen("/stall").get(1).headers().get("Last-Event-ID"));
  }

  @Test
  void aStoredLastEventIdIsSentWithTheFirstRequest() throws Exception {
    script("/resume", req -> eventStream(req).end("id: 43\ndata: next\n\n"));
    SseRequest request = SseRequest.get(server.url("/resume")).lastEventId("42").build();
    Sink sink = Sink.attach(await(client().connect(request)));
    sink.awaitEnd();
    assertEquals("42", server.seen("/resume").get(0).headers().get("Last-Event-ID"));
    assertEquals(List.of("next"), sink.data());
  }

  @Test
  void aNonAsciiLastEventIdIsSentAsUtf8() throws Exception {
    script("/utf8", req -> eventStream(req).end("id: caf\u00e9-\u4e16\ndata: x\n\n"));
    Sink sink = Sink.attach(await(client().connect(SseRequest.get(server.url("/utf8")).build())));
    sink.awaitEnd();
    String raw = server.seen("/utf8").get(1).headers().get("Last-Event-ID");
    // the server reads header octets as ISO-8859-1 chars: turn them back into bytes to check they are UTF-8
    assertEquals("caf\u00e9-\u4e16", new String(raw.getBytes(StandardCharsets.ISO_8859_1),
        StandardCharsets.UTF_8));
  }

  @Test
  void retryAfterOfA503LengthensTheReconnectionDelay() throws Exception {
    script("/busy",
        req -> eventStream(req).end("data: a\n\n"),
        req -> req.response().setStatusCode(503).putHeader("Retry-After", "1").end());
    SseClientOptions options = fastOptions().setMaxReconnectDelay(Duration.ofMillis(60));
    Sink sink = Sink.attach(await(client(options).connect(SseRequest.get(server.url("/busy")).build())));
    sink.awaitEnd();
    assertEquals(List.of(Duration.ofMillis(10), Duration.ofMillis(60)),
        sink.reconnects.stream().map(ReconnectAttempt::delay).toList(), "1 s asked, capped at 60 ms");
  }

  @Test
  void aRetryAfterOfMoreThanNineDigitsIsCappedNotIgnored() throws Exception {
    script("/huge",
        req -> eventStream(req).end("data: a\n\n"),
        req -> req.response().setStatusCode(503).putHeader("Retry-After", "1000000000000").end());
    SseClientOptions options = fastOptions().setMaxReconnectDelay(Duration.ofMillis(60));
    Sink sink = Sink.attach(await(client(options).connect(SseRequest.get(server.url("/huge")).build())));
    sink.awaitEnd();
    assertEquals(List.of(Duration.ofMillis(10), Duration.ofMillis(60)),
        sink.reconnects.stream().map(ReconnectAttempt::delay).toList(), "10^12 s asked: the cap, not the backoff");
  }

  @Test
  void postDoesNotReconnectUnlessAskedTo() throws Exception {
    script("/post", req -> eventStream(req).end("data: one\n\n"), req -> eventStream(req).end("data: two\n\n"));
    Sink once = Sink.attach(await(client().connect(SseRequest.post(server.url("/post")).body("{}").build())));
    once.awaitEnd();
    assertEquals(List.of("one"), once.data());
    assertTrue(once.reconnects.isEmpty());

    Sink resumed = Sink.attach(await(client().connect(
        SseRequest.post(server.url("/post")).body("{}").reconnect(true).build())));
    resumed.awaitEnd();
    assertEquals(List.of("two"), resumed.data());
    assertEquals("{}", server.seen("/post").get(2).body(), "the body is sent again");
    assertFalse(resumed.reconnects.isEmpty());
  }

  @Test
  void wrongContentTypeOnReconnectionFailsWithoutFurtherAttempts() throws Exception {
    script("/ct", req -> eventStream(req).end("data: a\n\n"),
        req -> req.response().putHeader("content-type", "text/html").end("<html>login</html>"));
    Sink sink = Sink.attach(await(client().connect(SseRequest.get(server.url("/ct")).build())));
    UnexpectedContentTypeException e = sink.awaitFailure(UnexpectedContentTypeException.class);
    assertEquals("<html>login</html>", e.body());
    assertEquals(2, server.seen("/ct").size());
  }
}
