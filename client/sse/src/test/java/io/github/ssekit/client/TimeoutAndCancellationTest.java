package io.github.ssekit.client;

import static io.github.ssekit.client.testing.ScriptedServer.eventStream;
import static io.github.ssekit.client.testing.Sink.await;
import static io.github.ssekit.client.testing.Sink.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.client.internal.StreamProbe;
import io.github.ssekit.client.testing.Sink;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TimeoutAndCancellationTest extends LoopbackTest {

  private static final Duration IDLE = Duration.ofMillis(300);

  /** Sends one event and then nothing, keeping the response open; completes {@code closed} when the client hangs up. */
  private void stallAfterOneEvent(String path, CompletableFuture<Void> closed) {
    server.on(path, req -> {
      req.connection().closeHandler(v -> closed.complete(null));
      eventStream(req).write("data: first\n\n");
    });
  }

  @Test
  void aStallFiresTheIdleTimeoutAndClosesTheRequest() throws Exception {
    CompletableFuture<Void> closed = new CompletableFuture<>();
    stallAfterOneEvent("/stall", closed);
    SseRequest request = SseRequest.post(server.url("/stall")).idleTimeout(IDLE).build();
    Sink sink = Sink.attach(await(client().connect(request)));
    sink.awaitEvents(1);
    long afterFirst = System.nanoTime();

    SseIdleTimeoutException e = sink.awaitFailure(SseIdleTimeoutException.class);
    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - afterFirst);
    assertTrue(waited >= IDLE.toMillis() - 50, "timed out after " + waited + " ms");
    assertEquals(IDLE, e.timeout());
    assertEquals(List.of("first"), sink.data());
    closed.get(Sink.WAIT_SECONDS, TimeUnit.SECONDS); // the request was cancelled: the server saw its connection close
  }

  @Test
  void aPausedConsumerDoesNotTimeOutAndTheTimerRestartsOnResume() throws Exception {
    Sink sink = new Sink();
    SseStream stream = pausedAfterTheFirstEvent(sink);

    // Absence can only be observed by waiting: three idle periods while paused.
    Thread.sleep(3 * IDLE.toMillis());
    assertFalse(sink.done.isDone(), "a paused stream must not time out");

    assertTimesOutAFullIdlePeriodAfterResume(stream, sink);
  }

  @Test
  void aPauseShorterThanTheIdleTimeoutAlsoRestartsTheCountOnResume() throws Exception {
    // the timer armed before the pause is still pending at the resume: it must count from the resume, not from the
    // last byte (which came before the pause)
    Sink sink = new Sink();
    SseStream stream = pausedAfterTheFirstEvent(sink);
    Thread.sleep(IDLE.toMillis() * 2 / 3);

    assertTimesOutAFullIdlePeriodAfterResume(stream, sink);
  }

  /** A stream on a server that stalls after one event, paused by its handler on that event. */
  private SseStream pausedAfterTheFirstEvent(Sink sink) throws Exception {
    stallAfterOneEvent("/stall", new CompletableFuture<>());
    SseRequest request = SseRequest.post(server.url("/stall")).idleTimeout(IDLE).build();
    SseStream stream = await(client().connect(request));
    stream.exceptionHandler(sink.done::completeExceptionally).handler(event -> {
      sink.add(event);
      stream.pause();
    });
    sink.awaitEvents(1);
    return stream;
  }

  private static void assertTimesOutAFullIdlePeriodAfterResume(SseStream stream, Sink sink) throws Exception {
    long resumedAt = System.nanoTime();
    stream.resume();
    sink.awaitFailure(SseIdleTimeoutException.class);
    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - resumedAt);
    assertTrue(waited >= IDLE.toMillis() - 50, "the timer must count afresh after resume; fired after " + waited);
  }

  @Test
  void bytesKeepTheStreamAliveEvenWithoutEvents() throws Exception {
    // comments every 50 ms for 2.5 idle periods, then an event: no timeout in between
    server.on("/heartbeat", req -> {
      var resp = eventStream(req);
      AtomicInteger beats = new AtomicInteger();
      vertx.setPeriodic(50, id -> {
        if (beats.incrementAndGet() < 15) {
          resp.write(": keep-alive\n\n");
        } else {
          vertx.cancelTimer(id);
          resp.end("data: done\n\n");
        }
      });
    });
    SseRequest request = SseRequest.post(server.url("/heartbeat")).idleTimeout(IDLE).build();
    Sink sink = Sink.attach(await(client().connect(request)));
    sink.awaitEnd();
    assertEquals(List.of("done"), sink.data());
  }

  @Test
  void noResponseHeadWithinTheIdleTimeoutFailsTheConnect() throws Exception {
    server.on("/silent", req -> {}); // never answers
    SseRequest request = SseRequest.get(server.url("/silent")).idleTimeout(IDLE).build();
    awaitFailure(client().connect(request), SseIdleTimeoutException.class);
  }

  @Test
  void cancellationFreesThePooledConnectionAndAFullPoolHitsTheConnectTimeout() throws Exception {
    CompletableFuture<Void> firstClosed = new CompletableFuture<>();
    stallAfterOneEvent("/stall", firstClosed);
    server.on("/other", req -> eventStream(req).end("data: second\n\n"));
    SseClientOptions options = fastOptions().setMaxConnectionsPerEndpoint(1)
        .setConnectTimeout(Duration.ofMillis(300));
    SseClient client = client(options);

    SseStream first = await(client.connect(SseRequest.get(server.url("/stall")).build()));
    Sink firstSink = Sink.attach(first);
    firstSink.awaitEvents(1);

    // the only connection is taken: a second stream waits for it until the connect timeout
    SseConnectionException e = awaitFailure(client.connect(SseRequest.get(server.url("/other")).build()),
        SseConnectionException.class);
    assertTrue(e.getMessage().contains("cannot connect"), e.getMessage());

    await(first.cancel());
    firstClosed.get(Sink.WAIT_SECONDS, TimeUnit.SECONDS);
    Sink second = Sink.attach(await(client.connect(SseRequest.get(server.url("/other")).reconnect(false).build())));
    second.awaitEnd();
    assertEquals(List.of("second"), second.data());
    assertFalse(firstSink.done.isDone(), "a cancelled stream calls no handler");
    assertEquals(0, StreamProbe.openStreams(client));
  }

  @Test
  void closingTheClientCancelsItsStreams() throws Exception {
    CompletableFuture<Void> closed = new CompletableFuture<>();
    stallAfterOneEvent("/stall", closed);
    SseClient client = SseClient.create(vertx, fastOptions());
    Sink sink = Sink.attach(await(client.connect(SseRequest.get(server.url("/stall")).build())));
    sink.awaitEvents(1);

    await(client.closeAsync());
    closed.get(Sink.WAIT_SECONDS, TimeUnit.SECONDS);
    assertTrue(sink.reconnects.isEmpty(), "a closed client does not reconnect");
    awaitFailure(client.connect(SseRequest.get(server.url("/stall")).build()), SseConnectionException.class);
  }
}
