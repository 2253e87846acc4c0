package io.github.ssekit.client;

import io.github.ssekit.sse.SseException;
import java.time.Duration;

/**
 * Nothing arrived for the idle timeout while the consumer was waiting for events: the connection is presumed dead
 * and its request was cancelled.
 */
public final class SseIdleTimeoutException extends SseException {
  private static final long serialVersionUID = 1L;

  private final Duration timeout;

  public SseIdleTimeoutException(Duration timeout, String where) {
    super("no data for " + timeout.toMillis() + " ms from " + where);
    this.timeout = timeout;
  }

  /** The idle timeout that expired. */
  public Duration timeout() {
    return timeout;
  }
}
