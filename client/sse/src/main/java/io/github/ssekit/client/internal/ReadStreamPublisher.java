package io.github.ssekit.client.internal;

import io.vertx.core.Future;
import io.vertx.core.streams.ReadStream;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A {@link Flow.Publisher} over a Vert.x {@link ReadStream}, for one subscriber: {@code request(n)} becomes
 * {@code fetch(n)}, so demand reaches the source; {@code cancel()} runs the given cancellation. Signals come from
 * the stream's event loop, one at a time, as the Flow rules require.
 */
public final class ReadStreamPublisher<T> implements Flow.Publisher<T> {
  private final ReadStream<T> stream;
  private final Supplier<Future<Void>> cancel;
  private final Executor streamThread;
  private final AtomicBoolean subscribed = new AtomicBoolean();

  /**
   * @param cancel cancels the stream
   * @param streamThread runs a task where the stream signals (its event loop), so that a signal this publisher
   *     makes itself never overlaps one of the stream's (rule 1.3)
   */
  public ReadStreamPublisher(ReadStream<T> stream, Supplier<Future<Void>> cancel, Executor streamThread) {
    this.stream = Objects.requireNonNull(stream, "stream");
    this.cancel = Objects.requireNonNull(cancel, "cancel");
    this.streamThread = Objects.requireNonNull(streamThread, "streamThread");
  }

  @Override
  public void subscribe(Flow.Subscriber<? super T> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    if (!subscribed.compareAndSet(false, true)) {
      subscriber.onSubscribe(new Flow.Subscription() {
        @Override
        public void request(long n) {}

        @Override
        public void cancel() {}
      });
      subscriber.onError(new IllegalStateException("this publisher accepts a single subscriber"));
      return;
    }
    AtomicBoolean finished = new AtomicBoolean();
    stream.pause();
    stream.endHandler(v -> {
      if (finished.compareAndSet(false, true)) {
        subscriber.onComplete();
      }
    });
    stream.exceptionHandler(err -> {
      if (finished.compareAndSet(false, true)) {
        subscriber.onError(err);
      }
    });
    subscriber.onSubscribe(new Flow.Subscription() {
      @Override
      public void request(long n) {
        if (finished.get()) {
          return;
        }
        if (n <= 0) {
          // rule 3.9: a non-positive request is an error that cancels the subscription
          if (finished.compareAndSet(false, true)) {
            cancel.get();
            streamThread.execute(
                () -> subscriber.onError(new IllegalArgumentException("request(n) needs n > 0, got " + n)));
          }
          return;
        }
        stream.fetch(n);
      }

      @Override
      public void cancel() {
        if (finished.compareAndSet(false, true)) {
          cancel.get();
        }
      }
    });
    // Last: the handler starts the flow (and lets the end or failure through), so onSubscribe comes first (rule 1.9).
    stream.handler(item -> {
      if (!finished.get()) {
        subscriber.onNext(item);
      }
    });
  }
}
