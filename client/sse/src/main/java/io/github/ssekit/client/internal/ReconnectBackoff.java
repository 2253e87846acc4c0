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
   * Lengthens {@code delay} to a 429's or 503's {@code Retry-After} when that is a number of seconds, within the
   * cap. The HTTP-date form is ignored: clocks of client and server need not agree.
   */
  public static Duration atLeastRetryAfter(Duration delay, String retryAfter, SseClientOptions options) {
    if (retryAfter == null || retryAfter.isEmpty() || retryAfter.length() > 9
        || !retryAfter.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return delay;
    }
    long millis = Math.min(options.getMaxReconnectDelay().toMillis(), Long.parseLong(retryAfter) * 1000);
    return millis > delay.toMillis() ? Duration.ofMillis(millis) : delay;
  }
}
