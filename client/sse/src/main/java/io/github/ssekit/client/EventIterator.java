package io.github.ssekit.client;

import io.github.ssekit.sse.SseEvent;
import java.util.Iterator;

/**
 * A blocking iterator over a stream's events, for plain or virtual threads. {@link #hasNext()} waits for the next
 * event, returns {@code false} when the stream ended, and throws the stream's failure (an
 * {@link io.github.ssekit.sse.SseException}). It holds at most a small, fixed number of events; beyond that the
 * stream stops reading from its connection until the iterator is advanced.
 *
 * <p>Use it from one thread, never from a Vert.x event loop (it would block it: that throws
 * {@link IllegalStateException}). {@link #close()} cancels the stream; an interrupted wait cancels it too and
 * throws with the thread's interrupt flag set.
 */
public interface EventIterator extends Iterator<SseEvent>, AutoCloseable {

  /** Cancels the stream; then {@link #hasNext()} returns {@code false}. */
  @Override
  void close();
}
