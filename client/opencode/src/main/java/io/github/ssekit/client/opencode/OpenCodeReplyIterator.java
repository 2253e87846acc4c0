package io.github.ssekit.client.opencode;

import io.github.ssekit.opencode.Reply;
import io.github.ssekit.opencode.ReplyDelta;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * The text and reasoning deltas of a turn of {@link OpenCodeClient#pullPrompt}, pulled on the caller's own thread (a
 * plain or a virtual thread; never a Vert.x event loop, where waiting throws {@link IllegalStateException}).
 *
 * <p>{@link #hasNext()} waits for the next delta and returns {@code false} once the session is idle: the turn is
 * over, and {@link #reply()} is the assembled reply (a failed turn still has one, with its error). It throws what
 * fails {@link OpenCodeTurn#reply()}: the event stream or {@code prompt_async} failed
 * ({@link OpenCodeHttpException}, {@link io.github.ssekit.client.SseConnectionException}, ...), the reply outgrew
 * {@code maxReplyChars}, or a listener threw.
 *
 * <p>Only a few deltas are read ahead; a consumer that stops taking them stops the turn's event stream, and TCP
 * holds the server back. Use it from one thread. {@link #close()} (or leaving a try-with-resources block early)
 * cancels the turn ({@link OpenCodeTurn#cancel()}); an interrupted wait does too.
 */
public interface OpenCodeReplyIterator extends Iterator<ReplyDelta>, AutoCloseable {

  /**
   * The reply, once the iteration is over: after {@link #hasNext()} returned {@code false} or threw, or after
   * {@link #close()} (it then waits for the aborted turn to complete).
   *
   * @throws IllegalStateException while deltas may still come
   * @throws RuntimeException what failed the turn
   */
  Reply reply();

  /** The remaining deltas as a sequential {@link Stream}; closing that stream closes this iterator. */
  Stream<ReplyDelta> stream();

  /** Cancels the turn unless it is over; {@link #hasNext()} then returns {@code false}. */
  @Override
  void close();
}
