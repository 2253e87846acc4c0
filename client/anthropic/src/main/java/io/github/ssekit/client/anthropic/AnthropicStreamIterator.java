package io.github.ssekit.client.anthropic;

import io.github.ssekit.anthropic.AnthropicEvent;
import io.github.ssekit.anthropic.MessagesResult;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * The events of one Messages stream, pulled on the caller's own thread (never a Vert.x event loop, where waiting
 * throws {@link IllegalStateException}); from {@link AnthropicMessagesStream#iterator()}, which sends the request.
 *
 * <p>{@link #hasNext()} waits for the next event and returns {@code false} after {@code message_stop} or when the
 * body ends; it throws when the stream fails ({@link AnthropicHttpException} for an error status, and so on). Only a
 * few events are read ahead: a consumer that stops taking them stops the stream reading its connection.
 * {@link #close()} cancels the stream.
 */
public interface AnthropicStreamIterator extends Iterator<AnthropicEvent>, AutoCloseable {

  /**
   * The assembled result, once the iteration is over (after {@link #hasNext()} returned {@code false} or threw, or
   * after {@link #close()}).
   *
   * @throws IllegalStateException while events may still come
   * @throws RuntimeException the failure of a stream that was never accepted ({@link AnthropicHttpException}, ...)
   */
  MessagesResult result();

  /** The remaining events as a sequential {@link Stream}; closing that stream closes this iterator. */
  Stream<AnthropicEvent> stream();

  /** Cancels the stream unless it is over; {@link #hasNext()} then returns {@code false}. */
  @Override
  void close();
}
