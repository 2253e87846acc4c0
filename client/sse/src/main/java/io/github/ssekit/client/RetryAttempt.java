package io.github.ssekit.client;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A retry a request has just scheduled because it failed before its stream was accepted, as reported to the
 * {@link SseObserver}.
 *
 * @param retry 1 for the first retry, then 2, 3, ...
 * @param delay how long the request waits before it is sent again
 * @param cause why the attempt failed: an {@link HttpStatusException} (408, 409, 429, 5xx) or a
 *     {@link SseConnectionException} or {@link SseIdleTimeoutException} before the response head
 * @param retryAfterProblem why the server's {@code Retry-After} or {@code retry-after-ms} was not used, when it
 *     could not be read (the backoff was used instead)
 */
public record RetryAttempt(int retry, Duration delay, Throwable cause, Optional<String> retryAfterProblem) {
  /** The status of the failed attempt, if it got a response. */
  public OptionalInt status() {
    return cause instanceof HttpStatusException e ? OptionalInt.of(e.status()) : OptionalInt.empty();
  }
}
