package io.github.ssekit.client.testing;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/** A {@link Flow.Subscriber} that requests {@code initial} items, records them, and lets the test wait for the end. */
public final class RecordingSubscriber<T> implements Flow.Subscriber<T> {
  public final List<T> items = new CopyOnWriteArrayList<>();
  /** Completes with the items at the end, exceptionally with the error. */
  public final CompletableFuture<List<T>> done = new CompletableFuture<>();
  private final long initial;
  private volatile Flow.Subscription subscription;

  public RecordingSubscriber(long initial) {
    this.initial = initial;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    subscription.request(initial);
  }

  @Override
  public void onNext(T item) {
    items.add(item);
  }

  @Override
  public void onError(Throwable error) {
    done.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    done.complete(List.copyOf(items));
  }

  /** Asks for {@code n} more. */
  public void request(long n) {
    subscription.request(n);
  }

  /** The items, once the publisher completed. */
  public List<T> awaitEnd() throws Exception {
    return awaitEnd(Sink.WAIT_SECONDS);
  }

  /**
   * The items, once the publisher completed, waiting at most {@code seconds}: for a bulk transfer, whose time on a
   * loaded machine is far from the usual bound (a bound on waiting, not a timing assertion).
   */
  public List<T> awaitEnd(long seconds) throws Exception {
    return done.get(seconds, TimeUnit.SECONDS);
  }

  /** The error the publisher signalled. */
  public Throwable awaitFailure() throws Exception {
    try {
      done.get(Sink.WAIT_SECONDS, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure, got " + items);
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  /** Waits until {@code count} items arrived. */
  public void awaitItems(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Sink.WAIT_SECONDS);
    while (items.size() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("only " + items.size() + " items of " + count);
      }
      Thread.sleep(5);
    }
  }
}
