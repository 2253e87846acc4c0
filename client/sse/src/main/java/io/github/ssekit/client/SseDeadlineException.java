package io.github.ssekit.client;

import io.github.ssekit.sse.SseException;
import java.time.Duration;

/**
 * The request's total deadline ({@link SseClientOptions#setDeadline}) expired: before the stream was accepted it
 * fails the connection; after, the connection was closed and the stream ends with this, after the events received.
 */
public final class SseDeadlineException extends SseException {
  private static final long serialVersionUID = 1L;

  private final Duration deadline;
  private final boolean accepted;

  /**
   * @param where the redacted URI, for the message
   * @param accepted whether the stream had been accepted when the deadline expired
   */
  public SseDeadlineException(Duration deadline, String where, boolean accepted) {
    super("the deadline of " + deadline.toMillis() + " ms expired " + (accepted ? "while streaming from "
        : "before a stream was accepted from ") + where);
    this.deadline = deadline;
    this.accepted = accepted;
  }

  /** The deadline that expired. */
  public Duration deadline() {
    return deadline;
  }

  /** Whether the stream had been accepted (some events may have arrived) when the deadline expired. */
  public boolean accepted() {
    return accepted;
  }
}
