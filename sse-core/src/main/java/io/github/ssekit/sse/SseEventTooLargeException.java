package io.github.ssekit.sse;

/**
 * An event grew over the parser's {@link SseParser.Builder#maxEventSize(int) size limit}. The parser dropped the
 * whole event (its data, type and id) and skipped to the next blank line; later events are delivered normally.
 */
public final class SseEventTooLargeException extends SseException {
  private static final long serialVersionUID = 1L;

  private final int limit;

  public SseEventTooLargeException(int limit) {
    super("SSE event larger than the limit of " + limit + " bytes: dropped, resynchronising at the next blank line");
    this.limit = limit;
  }

  /** The limit that was exceeded, in bytes. */
  public int limit() {
    return limit;
  }
}
