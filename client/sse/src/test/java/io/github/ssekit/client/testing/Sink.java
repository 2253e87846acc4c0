package io.github.ssekit.client.testing;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.ssekit.client.ReconnectAttempt;
import io.github.ssekit.client.SseStream;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Records what a stream delivers, and lets the test thread wait for it. */
public final class Sink {
  public static final long WAIT_SECONDS = 5;

  private final List<SseEvent> events = new ArrayList<>();
  public final List<ReconnectAttempt> reconnects = new CopyOnWriteArrayList<>();
  public final List<SseException> warnings = new CopyOnWriteArrayList<>();
  /** Completes normally at the end, exceptionally with the failure. */
  public final CompletableFuture<Void> done = new CompletableFuture<>();

  /** Attaches observers first, the event handler last (it starts the flow). */
  public static Sink attach(SseStream stream) {
    Sink sink = new Sink();
    stream.reconnectHandler(sink.reconnects::add)
        .warningHandler(sink.warnings::add)
        .endHandler(v -> sink.done.complete(null))
        .exceptionHandler(sink.done::completeExceptionally)
        .handler(sink::add);
    return sink;
  }

  public synchronized void add(SseEvent event) {
    events.add(event);
    notifyAll();
  }

  public synchronized List<SseEvent> events() {
    return List.copyOf(events);
  }

  public List<String> data() {
    return events().stream().map(SseEvent::data).toList();
  }

  public synchronized void awaitEvents(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (events.size() < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        fail("waited for " + count + " events, got " + events.size() + ": " + events);
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  public void awaitEnd() throws Exception {
    done.get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  public <T extends Throwable> T awaitFailure(Class<T> type) throws Exception {
    return failureOf(done, type);
  }

  public static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  public static <T extends Throwable> T awaitFailure(Future<?> future, Class<T> type) throws Exception {
    return failureOf(future.toCompletionStage().toCompletableFuture(), type);
  }

  /** Runs {@code action} on an event loop of {@code vertx}: what it threw there, or {@code null}. */
  public static Throwable thrownOnEventLoop(Vertx vertx, Runnable action) throws Exception {
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    vertx.runOnContext(v -> {
      try {
        action.run();
        thrown.complete(null);
      } catch (Throwable e) {
        thrown.complete(e);
      }
    });
    return thrown.get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  private static <T extends Throwable> T failureOf(CompletableFuture<?> future, Class<T> type)
      throws InterruptedException, TimeoutException {
    try {
      Object value = future.get(WAIT_SECONDS, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure, got " + value);
    } catch (ExecutionException e) {
      return assertInstanceOf(type, e.getCause());
    }
  }
}
