package io.github.ssekit.client;

import static io.github.ssekit.client.testing.ScriptedServer.eventStream;
import static io.github.ssekit.client.testing.Sink.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.client.internal.StreamProbe;
import io.github.ssekit.client.testing.FaultServer;
import io.github.ssekit.client.testing.Sink;
import io.github.ssekit.sse.SseEvent;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Backpressure and the three ways to consume a stream: ReadStream, Flow.Publisher, blocking iterator. */
class ConsumingTest extends LoopbackTest {

  private static final int EVENT_SIZE = 1024;

  /** Writes numbered events of about 1 KiB as fast as the connection takes them, up to {@code total}. */
  private static final class Firehose {
    final AtomicLong written = new AtomicLong();
    volatile long lastWriteNanos = System.nanoTime();

    void pump(HttpServerResponse resp, int total, int[] next) {
      while (next[0] < total && !resp.writeQueueFull()) {
        String event = "id: " + next[0] + "\ndata: " + "x".repeat(EVENT_SIZE - 20) + next[0] + "\n\n";
        resp.write(event);
        written.addAndGet(event.length());
        lastWriteNanos = System.nanoTime();
        next[0]++;
      }
      if (next[0] == total) {
        resp.end();
      } else {
        resp.drainHandler(v -> pump(resp, total, next));
      }
    }
  }

  @Test
  void aPausedConsumerKeepsMemoryBoundedAndLosesNothing() throws Exception {
    int total = 32 * 1024; // 32 MiB of events
    Firehose hose = new Firehose();
    server.on("/firehose", req -> hose.pump(eventStream(req), total, new int[1]));
    SseClientOptions options = fastOptions().setMaxPendingEvents(16);
    SseStream stream = await(client(options).connect(SseRequest.get(server.url("/firehose")).reconnect(false).build()));
    Sink sink = new Sink();
    stream.endHandler(v -> sink.done.complete(null)).exceptionHandler(sink.done::completeExceptionally);
    AtomicLong delivered = new AtomicLong();
    stream.handler(event -> {
      sink.add(event);
      if (delivered.incrementAndGet() == 1) {
        stream.pause();
      }
    });
    sink.awaitEvents(1);

    // wait until the server has been unable to write for a while: backpressure reached it through TCP
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Sink.WAIT_SECONDS);
    while (System.nanoTime() - hose.lastWriteNanos < TimeUnit.MILLISECONDS.toNanos(300)) {
      assertTrue(System.nanoTime() < deadline, "the server never stopped writing");
      Thread.sleep(20);
    }
    long writtenWhilePaused = hose.written.get();
    assertTrue(writtenWhilePaused < 16L * 1024 * 1024,
        "the server wrote " + writtenWhilePaused + " bytes to a paused client: the pause did not reach TCP");
    int pending = StreamProbe.pendingEvents(stream);
    // 16 held events plus at most one 8 KiB chunk's worth of 1 KiB events
    assertTrue(pending <= 16 + 9, "pending events: " + pending);
    assertEquals(1, sink.events().size(), "nothing delivered while paused");

    stream.resume();
    sink.awaitEnd();
    List<SseEvent> events = sink.events();
    assertEquals(total, events.size());
    for (int i = 0; i < total; i += 997) {
      assertEquals(String.valueOf(i), events.get(i).lastEventId(), "events in order, none lost or repeated");
    }
  }

  /** How a consumer that keeps up takes events: it never lets the stream's queue fill. */
  private enum KeepingUp {
    FLOWING_HANDLER {
      @Override
      CompletableFuture<List<SseEvent>> consume(SseStream stream) {
        Sink sink = Sink.attach(stream);
        return sink.done.thenApply(v -> sink.events());
      }
    },
    FLOW_REQUESTING_ONE_PER_ITEM {
      @Override
      CompletableFuture<List<SseEvent>> consume(SseStream stream) {
        List<SseEvent> received = new CopyOnWriteArrayList<>();
        CompletableFuture<List<SseEvent>> done = new CompletableFuture<>();
        stream.publisher().subscribe(new Flow.Subscriber<SseEvent>() {
          Flow.Subscription subscription;

          @Override
          public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
          }

          @Override
          public void onNext(SseEvent item) {
            received.add(item);
            subscription.request(1);
          }

          @Override
          public void onError(Throwable throwable) {
            done.completeExceptionally(throwable);
          }

          @Override
          public void onComplete() {
            done.complete(received);
          }
        });
        return done;
      }
    };

    abstract CompletableFuture<List<SseEvent>> consume(SseStream stream);
  }

  @ParameterizedTest
  @EnumSource(KeepingUp.class)
  void aConsumerThatKeepsUpGetsEverythingFromAResponseResumedOnceAndNeverPaused(KeepingUp consumer)
      throws Exception {
    int total = 4096; // 4 MiB in 4,096 writes: thousands of Vert.x buffers
    Firehose hose = new Firehose();
    server.on("/firehose", req -> hose.pump(eventStream(req), total, new int[1]));
    SseStream stream = await(client(fastOptions().setMaxPendingEvents(16))
        .connect(SseRequest.get(server.url("/firehose")).reconnect(false).build()));
    List<SseEvent> events = consumer.consume(stream).get(Sink.WAIT_SECONDS * 4, TimeUnit.SECONDS);

    assertEquals(total, events.size());
    for (int i = 0; i < total; i++) {
      assertEquals(String.valueOf(i), events.get(i).lastEventId(), "events in order, none lost or repeated");
    }
    // each buffer's events are handed over within its own pump, so the queue never reaches the high-water mark:
    // no per-buffer pause and fetch (each a Vert.x event-loop task), one resume when the consumer attached
    assertArrayEquals(new int[] {0, 1}, StreamProbe.transportPausesAndResumes(stream), "[pauses, resumes]");
  }

  @Test
  void aSlowFetchingConsumerHoldsTheQueueBetweenTheWaterMarksAndTheServerBack() throws Exception {
    int max = 16;
    int total = 32 * 1024; // 32 MiB of events, more than TCP buffers on both sides hold
    Firehose hose = new Firehose();
    server.on("/firehose", req -> hose.pump(eventStream(req), total, new int[1]));
    SseStream stream = await(client(fastOptions().setMaxPendingEvents(max))
        .connect(SseRequest.get(server.url("/firehose")).reconnect(false).build()));
    stream.pause();
    Sink sink = Sink.attach(stream);
    // the queue fills up to the high-water mark before the consumer takes anything, so the slow phase starts paused
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Sink.WAIT_SECONDS);
    while (StreamProbe.pendingEvents(stream) < max) {
      assertTrue(System.nanoTime() < deadline, "the queue never filled: " + StreamProbe.pendingEvents(stream));
      Thread.sleep(10);
    }

    int maxPending = 0;
    long maxAhead = 0;
    for (int taken = 0; taken < total; taken++) {
      stream.fetch(1); // one event per round trip from this thread: slower than the server writes
      sink.awaitEvents(taken + 1);
      if (taken % 64 == 0) {
        maxPending = Math.max(maxPending, StreamProbe.pendingEvents(stream));
        maxAhead = Math.max(maxAhead, hose.written.get() - (long) (taken + 1) * EVENT_SIZE);
      }
    }
    stream.resume();
    sink.awaitEnd();

    List<SseEvent> events = sink.events();
    assertEquals(total, events.size());
    for (int i = 0; i < total; i++) {
      assertEquals(String.valueOf(i), events.get(i).lastEventId(), "events in order, none lost or repeated");
    }
    // one server write is one HTTP chunk, and Vert.x never merges chunks into a buffer: a buffer completes at most
    // one event, so the bound (maxPendingEvents - 1 plus one buffer's events) is maxPendingEvents here
    assertTrue(maxPending <= max, "pending events: " + maxPending);
    assertTrue(maxAhead < 16L * 1024 * 1024, "the server got " + maxAhead + " bytes ahead of a slow consumer");
    int[] pausesAndResumes = StreamProbe.transportPausesAndResumes(stream);
    assertTrue(pausesAndResumes[0] >= 1, "never paused for a slow consumer");
    // hysteresis: between a pause (16 waiting) and the next resume (8 waiting) the consumer took 8 events, so there
    // are at most total / 8 pauses and one resume more; reading one buffer per fetch would be one per event
    assertTrue(pausesAndResumes[1] <= 1 + total / (max - max / 2), "resumes: " + pausesAndResumes[1]);
    assertTrue(pausesAndResumes[1] <= pausesAndResumes[0] + 1, Arrays.toString(pausesAndResumes));
  }

  @Test
  void fetchDeliversExactlyTheRequestedNumberOfEvents() throws Exception {
    server.on("/ten", req -> eventStream(req).end(numbered(10)));
    SseStream stream = await(client().connect(SseRequest.get(server.url("/ten")).reconnect(false).build()));
    stream.pause();
    Sink sink = Sink.attach(stream);
    stream.fetch(3);
    sink.awaitEvents(3);
    // a further event could only come from a bug; give it the chance to show
    Thread.sleep(100);
    assertEquals(3, sink.events().size());
    stream.fetch(7);
    sink.awaitEnd();
    assertEquals(IntStream.range(0, 10).mapToObj(String::valueOf).toList(), sink.data());
  }

  @Test
  void flowPublisherHonoursRequestNAndCompletes() throws Exception {
    server.on("/ten", req -> eventStream(req).end(numbered(10)));
    SseStream stream = await(client().connect(SseRequest.get(server.url("/ten")).reconnect(false).build()));
    List<String> received = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> completed = new CompletableFuture<>();
    AtomicLong requested = new AtomicLong();
    List<String> violations = new CopyOnWriteArrayList<>();
    stream.publisher().subscribe(new Flow.Subscriber<SseEvent>() {
      Flow.Subscription subscription;

      @Override
      public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        requested.addAndGet(2);
        s.request(2);
      }

      @Override
      public void onNext(SseEvent item) {
        if (received.size() >= requested.get()) {
          violations.add("onNext beyond demand: " + item.data());
        }
        received.add(item.data());
        if (received.size() == requested.get()) {
          requested.addAndGet(2);
          subscription.request(2);
        }
      }

      @Override
      public void onError(Throwable throwable) {
        completed.completeExceptionally(throwable);
      }

      @Override
      public void onComplete() {
        completed.complete(null);
      }
    });
    completed.get(Sink.WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals(IntStream.range(0, 10).mapToObj(String::valueOf).toList(), received);
    assertTrue(violations.isEmpty(), violations.toString());
  }

  @Test
  void flowCancelClosesTheConnection() throws Exception {
    CompletableFuture<Void> closed = new CompletableFuture<>();
    server.on("/open", req -> {
      req.connection().closeHandler(v -> closed.complete(null));
      eventStream(req).write(numbered(5));
    });
    SseStream stream = await(client().connect(SseRequest.get(server.url("/open")).build()));
    List<String> received = new CopyOnWriteArrayList<>();
    stream.publisher().subscribe(new Flow.Subscriber<SseEvent>() {
      Flow.Subscription subscription;

      @Override
      public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(10);
      }

      @Override
      public void onNext(SseEvent item) {
        received.add(item.data());
        if (received.size() == 2) {
          subscription.cancel();
        }
      }

      @Override
      public void onError(Throwable throwable) {}

      @Override
      public void onComplete() {}
    });
    closed.get(Sink.WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals(List.of("0", "1"), received);
  }

  @Test
  void aNonPositiveRequestErrorsTheSubscriberAndCancelsTheStream() throws Exception {
    CompletableFuture<Void> closed = new CompletableFuture<>();
    server.on("/open", req -> {
      req.connection().closeHandler(v -> closed.complete(null));
      eventStream(req).write(numbered(3));
    });
    SseStream stream = await(client().connect(SseRequest.get(server.url("/open")).build()));
    CompletableFuture<Throwable> error = new CompletableFuture<>();
    stream.publisher().subscribe(new Flow.Subscriber<SseEvent>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        s.request(0);
      }

      @Override
      public void onNext(SseEvent item) {
        error.completeExceptionally(new AssertionError("no demand, yet onNext(" + item + ")"));
      }

      @Override
      public void onError(Throwable throwable) {
        error.complete(throwable);
      }

      @Override
      public void onComplete() {}
    });
    assertTrue(error.get(Sink.WAIT_SECONDS, TimeUnit.SECONDS) instanceof IllegalArgumentException);
    closed.get(Sink.WAIT_SECONDS, TimeUnit.SECONDS);
  }

  @Test
  void aSecondSubscriberIsRejected() throws Exception {
    server.on("/ten", req -> eventStream(req).end(numbered(10)));
    SseStream stream = await(client().connect(SseRequest.get(server.url("/ten")).reconnect(false).build()));
    Flow.Publisher<SseEvent> publisher = stream.publisher();
    publisher.subscribe(new Flow.Subscriber<SseEvent>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(SseEvent item) {}

      @Override
      public void onError(Throwable throwable) {}

      @Override
      public void onComplete() {}
    });
    CompletableFuture<Throwable> error = new CompletableFuture<>();
    publisher.subscribe(new Flow.Subscriber<SseEvent>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {}

      @Override
      public void onNext(SseEvent item) {}

      @Override
      public void onError(Throwable throwable) {
        error.complete(throwable);
      }

      @Override
      public void onComplete() {}
    });
    assertTrue(error.get(Sink.WAIT_SECONDS, TimeUnit.SECONDS) instanceof IllegalStateException);
  }

  @Test
  void blockingIteratorReadsEverythingOnAPlainThread() throws Exception {
    server.on("/hundred", req -> eventStream(req).end(numbered(100)));
    SseStream stream = await(client().connect(SseRequest.get(server.url("/hundred")).reconnect(false).build()));
    List<String> data = new ArrayList<>();
    try (EventIterator it = stream.iterator()) {
      while (it.hasNext()) {
        data.add(it.next().data());
      }
    }
    assertEquals(IntStream.range(0, 100).mapToObj(String::valueOf).toList(), data);
  }

  @Test
  void blockingIteratorThrowsTheStreamFailure() throws Exception {
    server.on("/stall", req -> eventStream(req).write("data: only\n\n"));
    SseRequest request = SseRequest.post(server.url("/stall")).idleTimeout(Duration.ofMillis(200)).build();
    try (EventIterator it = await(client().connect(request)).iterator()) {
      assertEquals("only", it.next().data());
      assertThrows(SseIdleTimeoutException.class, it::hasNext);
      assertFalse(it.hasNext());
    }
  }

  @Test
  void closingABlockingStreamCancelsTheConnection() throws Exception {
    CompletableFuture<Void> closed = new CompletableFuture<>();
    server.on("/open", req -> {
      req.connection().closeHandler(v -> closed.complete(null));
      eventStream(req).write(numbered(10));
    });
    SseStream stream = await(client().connect(SseRequest.get(server.url("/open")).build()));
    List<String> firstThree;
    try (Stream<SseEvent> events = stream.blockingStream()) {
      firstThree = events.limit(3).map(SseEvent::data).collect(Collectors.toList());
    }
    assertEquals(List.of("0", "1", "2"), firstThree);
    closed.get(Sink.WAIT_SECONDS, TimeUnit.SECONDS);
  }

  @Test
  void blockingIterationOnAnEventLoopIsRefused() throws Exception {
    server.on("/ten", req -> eventStream(req).end(numbered(10)));
    SseStream stream = await(client().connect(SseRequest.get(server.url("/ten")).reconnect(false).build()));
    EventIterator it = stream.iterator();
    assertTrue(Sink.thrownOnEventLoop(vertx, it::hasNext) instanceof IllegalStateException);
    it.close();
  }

  private static String numbered(int count) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < count; i++) {
      sb.append("id: ").append(i).append("\ndata: ").append(i).append("\n\n");
    }
    return sb.toString();
  }
}
