package io.github.ssekit.client.internal;

import io.github.ssekit.sse.SseException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.streams.ReadStream;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The blocking iterator over a Vert.x {@link ReadStream}, for plain and virtual threads: the stream's event loop puts
 * items into a queue, the reading thread takes them. The stream is asked for {@code capacity} items up front and for
 * one more per item taken, so the queue never holds more than {@code capacity} items plus the terminal signal, and
 * demand reaches the source as the stream's {@code fetch}: the SSE stream's {@link FlowControl} then holds the
 * server back in TCP. Used for the SSE stream's events and the protocol bindings' typed values alike.
 *
 * <p>{@link #hasNext()} returns {@code false} after the stream's end and throws its failure: a
 * {@link RuntimeException} (an {@link SseException} from the transport) as it is, anything else wrapped in an
 * {@link SseException}. Waiting on an event loop thread throws {@link IllegalStateException} (it would block the
 * loop the items come from); an interrupted wait cancels the stream and throws with the interrupt flag set.
 *
 * <p>Not final, for one reason: the public iterator types ({@code EventIterator}, the bindings' typed iterators) are
 * this class under their own interface, adding at most their result ({@link #resultOnceFinished}).
 *
 * @param <T> the items
 */
public class BlockingIterator<T> implements Iterator<T>, AutoCloseable {
  private static final Object END = new Object();

  private final ReadStream<T> stream;
  private final Runnable cancel;
  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private Object next;
  private boolean closed;

  /**
   * Takes over {@code stream}'s handlers and asks it for {@code capacity} items.
   *
   * @param cancel cancels the stream, for {@link #close()}
   */
  public BlockingIterator(ReadStream<T> stream, Runnable cancel, int capacity) {
    this.stream = Objects.requireNonNull(stream, "stream");
    this.cancel = Objects.requireNonNull(cancel, "cancel");
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    stream.pause();
    stream.handler(queue::add);
    stream.endHandler(v -> queue.add(END));
    stream.exceptionHandler(queue::add);
    stream.fetch(capacity);
  }

  /**
   * How many items an iterator reads ahead of its consumer: few, so that a consumer that stops holds the stream back
   * soon, and never more than the stream's own bound.
   */
  public static int lookAhead(int maxPendingEvents) {
    return Math.max(1, Math.min(maxPendingEvents, 64));
  }

  /** Throws {@link IllegalStateException} when called on an event loop thread, which must never block. */
  public static void checkMayBlock(String what) {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException(what + " blocks, so it must not be used on an event loop thread ("
          + Thread.currentThread().getName() + "): use it from a plain or virtual thread, or use the listeners, "
          + "the future or the Flow.Publisher on the event loop");
    }
  }

  @Override
  public final boolean hasNext() {
    if (closed) {
      return false;
    }
    if (next == null) {
      checkMayBlock("blocking iteration");
      try {
        next = queue.take();
      } catch (InterruptedException e) {
        close();
        Thread.currentThread().interrupt();
        throw new SseException("interrupted while waiting for an event; the stream was cancelled", e);
      }
    }
    if (next == END) {
      closed = true;
      return false;
    }
    if (next instanceof Throwable failure) {
      closed = true;
      if (failure instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new SseException("stream failed: " + failure, failure);
    }
    return true;
  }

  @Override
  @SuppressWarnings("unchecked")
  public final T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    T item = (T) next;
    next = null;
    stream.fetch(1);
    return item;
  }

  /**
   * {@code result}, the stream's outcome, once this iteration is over (the end or the failure reached, or
   * {@link #close()} called): it is complete by then, or soon after a close.
   *
   * @param what its name, for the error
   * @throws IllegalStateException while items may still come: waiting would wait for items nobody takes
   */
  protected final <R> R resultOnceFinished(Future<R> result, String what) {
    if (!closed) {
      throw new IllegalStateException("the " + what + " is known once hasNext() returned false (or close() was called)");
    }
    return result.await();
  }

  /** Cancels the stream, unless it is over; then {@link #hasNext()} returns {@code false}. */
  @Override
  public final void close() {
    if (!closed) {
      closed = true;
      cancel.run();
    }
  }

  /** The remaining items as a sequential, ordered {@link Stream}; closing the stream closes this iterator. */
  public final Stream<T> stream() {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
        false).onClose(this::close);
  }
}
