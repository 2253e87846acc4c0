package io.github.ssekit.client.internal;

import io.vertx.core.Handler;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * A Vert.x {@link ReadStream} of values derived from the items of an upstream stream (an SSE stream's events, an
 * OpenCode event stream's events), any number per item, whose demand is the upstream's: the consumer asking for
 * {@code n} values asks the upstream for {@code n} items, an item that yields no value (a keep-alive, an ignored event)
 * is asked for again, and one that yields several keeps the extra ones here. So a consumer that takes nothing stops
 * the upstream, and for an SSE stream its {@link FlowControl} stops reading TCP. The protocol bindings' pull APIs
 * are this stream under the transport's {@link BlockingIterator} and {@link ReadStreamPublisher}.
 *
 * <p>Confined to one {@link EventLoop}, the upstream's. The owner, on that loop: {@link #attach}es the upstream
 * (paused), then sets the upstream's handler, which calls {@link #itemArrived()}, produces values with
 * {@link #offer}, then {@link #drain()}; {@link #end} follows the last value. The {@code ReadStream} methods may be
 * called from any thread: they hop onto the loop.
 *
 * @param <T> the values
 */
public final class DerivedStream<T> implements ReadStream<T> {
  private final EventLoop loop;
  private final ArrayDeque<T> ready = new ArrayDeque<>();
  private ReadStream<?> upstream;
  private Handler<T> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  private long demand = Long.MAX_VALUE;
  /** Items the upstream was asked for and has not delivered yet. */
  private long itemsAsked;
  private boolean ended;
  private Throwable failure;
  private boolean signalled;
  private boolean draining;
  private boolean drainAgain;

  /** A stream confined to {@code loop}, the upstream's event loop. */
  public DerivedStream(EventLoop loop) {
    this.loop = Objects.requireNonNull(loop, "loop");
  }

  /**
   * Takes over {@code upstream}'s demand: pauses it (set its handler next, then call {@link #drain()}, which asks
   * it for what the consumer wants). On the loop.
   */
  public void attach(ReadStream<?> upstream) {
    this.upstream = Objects.requireNonNull(upstream, "upstream");
    upstream.pause();
    itemsAsked = 0;
  }

  /** The upstream delivered one of the items asked for. On the loop, before that item's values are offered. */
  public void itemArrived() {
    if (itemsAsked != Long.MAX_VALUE && itemsAsked > 0) {
      itemsAsked--;
    }
  }

  /** A value derived from the current item; handed over by the next {@link #drain()}. On the loop. */
  public void offer(T value) {
    ready.add(value);
  }

  /**
   * The values are over: after those still ready, the end ({@code failure == null}) or {@code failure}; only the
   * first call counts. On the loop.
   */
  public void end(Throwable failure) {
    if (!ended) {
      ended = true;
      this.failure = failure;
      drain();
    }
  }

  /**
   * Hands ready values to the consumer as far as its demand goes, then asks the upstream for the items still
   * wanted. On the loop.
   */
  public void drain() {
    if (draining) {
      drainAgain = true; // the consumer's handler asked for more: the outer loop goes round again
      return;
    }
    draining = true;
    try {
      do {
        drainAgain = false;
        drainOnce();
      } while (drainAgain);
    } finally {
      draining = false;
    }
  }

  private void drainOnce() {
    while (handler != null && demand > 0 && !ready.isEmpty()) {
      if (demand != Long.MAX_VALUE) {
        demand--;
      }
      handler.handle(ready.poll());
    }
    if (ended) {
      // Signalled once, and only to a handler that is there: the consumer's handlers are set by tasks queued on the
      // loop, and a failure may come first (a 401 on loopback does); it waits for its handler instead of being lost.
      if (ready.isEmpty() && handler != null && !signalled) {
        if (failure == null && endHandler != null) {
          signalled = true;
          endHandler.handle(null);
        } else if (failure != null && exceptionHandler != null) {
          signalled = true;
          exceptionHandler.handle(failure);
        }
      }
      return;
    }
    if (upstream != null && handler != null && demand > itemsAsked) {
      long more = demand == Long.MAX_VALUE ? Long.MAX_VALUE : demand - itemsAsked;
      itemsAsked = demand;
      upstream.fetch(more);
    }
  }

  @Override
  public DerivedStream<T> handler(Handler<T> handler) {
    loop.execute(() -> {
      this.handler = handler;
      drain();
    });
    return this;
  }

  @Override
  public DerivedStream<T> pause() {
    loop.execute(() -> {
      demand = 0;
      if (upstream != null) {
        upstream.pause();
        itemsAsked = 0;
      }
    });
    return this;
  }

  @Override
  public DerivedStream<T> resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public DerivedStream<T> fetch(long amount) {
    if (amount < 0) {
      throw new IllegalArgumentException("negative fetch: " + amount);
    }
    loop.execute(() -> {
      demand = demand > Long.MAX_VALUE - amount ? Long.MAX_VALUE : demand + amount;
      drain();
    });
    return this;
  }

  @Override
  public DerivedStream<T> endHandler(Handler<Void> endHandler) {
    loop.execute(() -> {
      this.endHandler = endHandler;
      drain();
    });
    return this;
  }

  @Override
  public DerivedStream<T> exceptionHandler(Handler<Throwable> handler) {
    loop.execute(() -> {
      this.exceptionHandler = handler;
      drain();
    });
    return this;
  }
}
