package io.github.ssekit.client.internal;

import io.github.ssekit.client.SseClientOptions;
import io.github.ssekit.client.SseRequest;
import io.github.ssekit.sse.SseException;
import io.vertx.core.MultiMap;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a request that failed before its stream was accepted is sent again, and after how long: a connection
 * that failed before the response head, or a 408, 409, 429 or 5xx, is retried up to the request's retries, after an
 * exponential backoff with jitter or the server's {@link RetryAfter} within {@link SseClientOptions#getMaxRetryAfter}.
 * It keeps each failed attempt, so the final failure can name them all. One per stream, used on its event loop.
 */
final class RetryPolicy {
  /** Earlier failures kept for the final one's suppressed exceptions: enough to see a pattern, bounded. */
  static final int MAX_FAILURES_KEPT = 16;

  /** What to do after a failed attempt. */
  sealed interface Decision {
    /** Text for the failure's message: empty when retrying, else why it is the last attempt. */
    String note();
  }

  /** Send the request again after {@code delay}. */
  record Retry(int retry, Duration delay, Optional<String> retryAfterProblem) implements Decision {
    @Override
    public String note() {
      return "";
    }
  }

  /** The failure is final. */
  record GiveUp(String note) implements Decision {}

  private final int maxRetries;
  private final Duration retryDelay;
  private final Duration maxRetryDelay;
  private final Duration maxRetryAfter;
  private final List<String> summaries = new ArrayList<>();
  private final List<SseException> failures = new ArrayList<>();
  private int retries;

  RetryPolicy(SseClientOptions options, SseRequest request) {
    this.maxRetries = request.maxRetries().orElse(options.getMaxRetries());
    this.retryDelay = options.getRetryDelay();
    this.maxRetryDelay = options.getMaxRetryDelay();
    this.maxRetryAfter = options.getMaxRetryAfter();
  }

  /** Whether a status before acceptance is worth another attempt. */
  static boolean retryableStatus(int status) {
    return status == 408 || status == 409 || status == 429 || (status >= 500 && status <= 599);
  }

  /**
   * Decides after a failed attempt.
   *
   * @param retryable whether this kind of failure may be retried at all
   * @param summary a short name of the failure, such as {@code "HTTP 503"}, for the final message
   * @param headers the response headers, or {@code null} without a response
   * @param random a value in [0, 1) that picks the jitter
   */
  Decision decide(boolean retryable, String summary, MultiMap headers, double random, Instant now) {
    if (summaries.size() < MAX_FAILURES_KEPT) {
      summaries.add(summary);
    }
    if (!retryable) {
      return new GiveUp(history());
    }
    if (retries >= maxRetries) {
      return new GiveUp(maxRetries == 0 ? "" : history());
    }
    RetryAfter asked = headers == null ? RetryAfter.parse(null, null, now)
        : RetryAfter.parse(headers.get("Retry-After"), headers.get("retry-after-ms"), now);
    Duration delay;
    if (asked.delay().isPresent()) {
      delay = asked.delay().get();
      if (delay.compareTo(maxRetryAfter) > 0) {
        String wait = delay.equals(RetryAfter.HUGE) ? "longer than can be counted" : delay.toSeconds() + " s";
        return new GiveUp(" (not retried: the server asks to wait " + wait + ", more than maxRetryAfter "
            + maxRetryAfter.toSeconds() + " s" + earlier() + ")");
      }
    } else {
      delay = backoff(retries + 1, random);
    }
    retries++;
    return new Retry(retries, delay, asked.garbage());
  }

  /** Keeps a failed attempt that is retried, for the final failure. */
  void retried(SseException failure) {
    if (failures.size() < MAX_FAILURES_KEPT) {
      failures.add(failure);
    }
  }

  /** The final failure, with every earlier attempt's failure as a suppressed exception. */
  SseException last(SseException failure) {
    failures.forEach(failure::addSuppressed);
    return failure;
  }

  int retries() {
    return retries;
  }

  /** {@code retryDelay * 2^(retry - 1)}, capped, less up to a quarter at random. */
  Duration backoff(int retry, double random) {
    long cap = maxRetryDelay.toMillis();
    long delay = Math.min(retryDelay.toMillis(), cap);
    for (int i = 1; i < retry && delay < cap; i++) {
      delay = Math.min(cap, delay * 2);
    }
    return Duration.ofMillis(delay - (long) (delay * 0.25 * random));
  }

  private String history() {
    return retries == 0 ? "" : " (attempt " + (retries + 1) + " of " + (retries + 1) + earlier() + ")";
  }

  private String earlier() {
    if (retries == 0) {
      return "";
    }
    int shown = Math.min(retries, summaries.size());
    return "; earlier: " + String.join(", ", summaries.subList(0, shown)) + (shown < retries ? ", ..." : "");
  }
}
