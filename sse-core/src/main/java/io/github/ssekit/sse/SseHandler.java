package io.github.ssekit.sse;

/**
 * Receives what an {@link SseParser} finds in a stream. Only {@link #onEvent} is required.
 *
 * <p>Callbacks run on the thread that calls {@link SseParser#feed}, in stream order. A callback may call
 * {@link SseParser#end()} or {@link SseParser#reset()} to stop the parser; no further callbacks follow for the
 * bytes of that feed.
 */
@FunctionalInterface
public interface SseHandler {

  /** An event was dispatched (a blank line ended a block whose data buffer was not empty). */
  void onEvent(SseEvent event);

  /**
   * A comment line ({@code ":..."}): {@code text} is everything after the colon, unchanged. Called only when the
   * parser was built with {@link SseParser.Builder#comments(boolean) comments(true)}.
   */
  default void onComment(String text) {}

  /** A valid {@code retry} field set the reconnection time, in milliseconds. Takes effect without a dispatch. */
  default void onRetry(long millis) {}

  /**
   * The stream's last event ID changed. This happens at dispatch (even of a block without data), never for a
   * block that the end of the stream cut off.
   */
  default void onLastEventId(String lastEventId) {}

  /**
   * The parser dropped something and went on, for example an event over the size limit
   * ({@link SseEventTooLargeException}). The stream continues after this call.
   */
  default void onError(SseException error) {}
}
