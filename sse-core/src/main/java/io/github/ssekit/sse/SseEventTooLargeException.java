package io.github.ssekit.sse;

/**
 * Something in the stream grew over the parser's {@link SseParser.Builder#maxEventBytes(int) size limit}: an event
 * (the parser dropped it whole, data, type and id, and skipped to the next blank line) or a reported comment (the
 * parser dropped the comment). Later events are delivered normally.
 */
public final class SseEventTooLargeException extends SseException {
  private static final long serialVersionUID = 1L;

  private final int limit;

  /** An event over the limit. */
  public SseEventTooLargeException(int limit) {
    super("SSE event larger than the limit of " + limit + " bytes: dropped, resynchronising at the next blank line");
    this.limit = limit;
  }

  /** Something other than an event over the limit, such as a {@code "comment"}, that was dropped. */
  public SseEventTooLargeException(int limit, String what) {
    super("SSE " + what + " larger than the limit of " + limit + " bytes: dropped");
    this.limit = limit;
  }

  /** The limit that was exceeded, in bytes. */
  public int limitBytes() {
    return limit;
  }
}
