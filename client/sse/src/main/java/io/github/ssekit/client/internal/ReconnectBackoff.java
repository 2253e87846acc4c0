package io.github.ssekit.client.internal;

import io.github.ssekit.client.SseClientOptions;
import java.time.Duration;
import java.util.OptionalLong;

/** The reconnection delay: the server's {@code retry} or the default, doubled per fruitless attempt, jittered, capped. */
public final class ReconnectBackoff {
  private ReconnectBackoff() {}

  /**
   * @param attempt 1 for the first reconnection since the last event
   * @param serverRetry the stream's {@code retry}, if the server sent one
   * @param random a value in [0, 1) that picks the jitter
   */
  public static Duration delay(int attempt, OptionalLong serverRetry, SseClientOptions options, double random) {
    long cap = options.getMaxReconnectDelay().toMillis();
    long base = serverRetry.isPresent() ? serverRetry.getAsLong() : options.getReconnectDelay().toMillis();
    long backoff = Math.min(base, cap);
    for (int i = 1; i < attempt && backoff < cap; i++) {
      backoff = Math.min(cap, backoff * 2);
    }
    long jitter = (long) (backoff * options.getReconnectJitter() * random);
    return Duration.ofMillis(Math.min(cap, backoff + jitter));
  }

  /**
   * Lengthens {@code delay} to the server's {@code Retry-After} (or {@code retry-after-ms}), within the cap: a server
   * asking for longer, however much longer, waits the cap. Never shortens it.
   */
  public static Duration atLeastRetryAfter(Duration delay, RetryAfter retryAfter, SseClientOptions options) {
    Duration asked = retryAfter.orElse(Duration.ZERO);
    Duration capped = asked.compareTo(options.getMaxReconnectDelay()) > 0 ? options.getMaxReconnectDelay() : asked;
    return capped.compareTo(delay) > 0 ? capped : delay;
  }
}
