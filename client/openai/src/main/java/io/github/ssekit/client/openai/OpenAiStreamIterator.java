package io.github.ssekit.client.openai;

import java.util.Iterator;
import java.util.stream.Stream;

/**
 * The typed values of one OpenAI stream, pulled on the caller's own thread (a plain or a virtual thread; never a
 * Vert.x event loop, where waiting throws {@link IllegalStateException}): the chunks of a Chat Completions stream,
 * the events of a Responses stream. From {@link OpenAiChatStream#iterator()} and
 * {@link OpenAiResponsesStream#iterator()}; the request is sent when the iterator is made.
 *
 * <pre>{@code
 * try (OpenAiStreamIterator<ChatChunk, ChatResult> chunks = client.streamChat(request).iterator()) {
 *   chunks.forEachRemaining(chunk -> System.out.print(chunk.text()));
 *   ChatResult result = chunks.result();  // usage, finish reason, diagnostics, errors sent inside the stream
 * }
 * }</pre>
 *
 * <p>{@link #hasNext()} waits for the next value and returns {@code false} at the protocol's end: after
 * {@code [DONE]} (Chat Completions), after {@code response.completed}, {@code .incomplete} or {@code .failed}
 * (Responses), or when the body ends without it. It throws when the stream fails: {@link OpenAiHttpException} for an
 * error status, {@link io.github.ssekit.client.SseIdleTimeoutException} when the stream stalls,
 * {@link io.github.ssekit.client.SseConnectionException} for a lost connection, and so on (each an
 * {@link io.github.ssekit.sse.SseException}), or what a listener of the stream threw.
 *
 * <p>Backpressure: only a few values are read ahead; a consumer that stops taking them stops the stream reading its
 * connection, and TCP holds the server back. Use it from one thread. {@link #close()} (or leaving a
 * try-with-resources block early) cancels the stream; an interrupted wait cancels it too.
 *
 * @param <T> the values ({@code ChatChunk}, {@code ResponsesEvent})
 * @param <R> the assembled result ({@code ChatResult}, {@code ResponsesResult})
 */
public interface OpenAiStreamIterator<T, R> extends Iterator<T>, AutoCloseable {

  /**
   * The assembled result, once the iteration is over: after {@link #hasNext()} returned {@code false} or threw, or
   * after {@link #close()} (then it holds what arrived). It is the stream's {@code result()}: a stream cut by a lost
   * connection or an idle timeout still has its partial result, with that failure last in its errors.
   *
   * @throws IllegalStateException while values may still come (it would wait for values nobody takes)
   * @throws RuntimeException the failure of a stream that was never accepted ({@link OpenAiHttpException}, ...)
   */
  R result();

  /** The remaining values as a sequential {@link Stream}; closing that stream closes this iterator. */
  Stream<T> stream();

  /** Cancels the stream unless it is over; {@link #hasNext()} then returns {@code false}. */
  @Override
  void close();
}
