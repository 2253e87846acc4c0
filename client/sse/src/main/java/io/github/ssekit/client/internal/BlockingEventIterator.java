package io.github.ssekit.client.internal;

import io.github.ssekit.client.EventIterator;
import io.github.ssekit.client.SseStream;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseException;
import io.vertx.core.Context;
import java.util.NoSuchElementException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The blocking iterator: the event loop puts events into a queue, the reading thread takes them. The stream is
 * asked for {@code capacity} events up front and for one more per event taken, so the queue never holds more
 * than {@code capacity} events plus the terminal signal.
 */
final class BlockingEventIterator implements EventIterator {
  private static final Object END = new Object();

  private final SseStream stream;
  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private Object next;
  private boolean closed;

  BlockingEventIterator(SseStream stream, int capacity) {
    this.stream = stream;
    stream.pause();
    stream.handler(queue::add);
    stream.endHandler(v -> queue.add(END));
    stream.exceptionHandler(queue::add);
    stream.fetch(capacity);
  }

  @Override
  public boolean hasNext() {
    if (closed) {
      return false;
    }
    if (next == null) {
      if (Context.isOnEventLoopThread()) {
        throw new IllegalStateException("blocking iteration on an event loop thread would block it");
      }
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
      throw failure instanceof SseException sse ? sse : new SseException("stream failed: " + failure, failure);
    }
    return true;
  }

  @Override
  public SseEvent next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    SseEvent event = (SseEvent) next;
    next = null;
    stream.fetch(1);
    return event;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      stream.cancel();
    }
  }
}
