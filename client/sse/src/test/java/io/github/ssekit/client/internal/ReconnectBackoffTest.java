package io.github.ssekit.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ssekit.client.SseClientOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {
  private final SseClientOptions options = new SseClientOptions()
      .setReconnectDelay(Duration.ofMillis(100)).setMaxReconnectDelay(Duration.ofMillis(1000)).setReconnectJitter(0.5);

  private long delay(int attempt, OptionalLong retry, double random) {
    return ReconnectBackoff.delay(attempt, retry, options, random).toMillis();
  }

  @Test
  void doublesPerAttemptUpToTheCap() {
    assertEquals(100, delay(1, OptionalLong.empty(), 0));
    assertEquals(200, delay(2, OptionalLong.empty(), 0));
    assertEquals(400, delay(3, OptionalLong.empty(), 0));
    assertEquals(800, delay(4, OptionalLong.empty(), 0));
    assertEquals(1000, delay(5, OptionalLong.empty(), 0));
    assertEquals(1000, delay(Integer.MAX_VALUE, OptionalLong.empty(), 0));
  }

  @Test
  void theServersRetryReplacesTheDefaultAndIsCapped() {
    assertEquals(30, delay(1, OptionalLong.of(30), 0));
    assertEquals(60, delay(2, OptionalLong.of(30), 0));
    assertEquals(0, delay(3, OptionalLong.of(0), 0.9));
    assertEquals(1000, delay(1, OptionalLong.of(Long.MAX_VALUE), 0));
  }

  @Test
  void jitterAddsUpToTheConfiguredFractionWithinTheCap() {
    assertEquals(100, delay(1, OptionalLong.empty(), 0));
    assertEquals(149, delay(1, OptionalLong.empty(), 0.999));
    assertEquals(1000, delay(4, OptionalLong.empty(), 0.999), "800 + 399 is capped");
  }

  private Duration atLeast(Duration base, String retryAfter) {
    return ReconnectBackoff.atLeastRetryAfter(base, RetryAfter.parse(retryAfter, null, Instant.now()), options);
  }

  @Test
  void retryAfterLengthensTheDelayWithinTheCap() {
    Duration base = Duration.ofMillis(100);
    assertEquals(Duration.ofMillis(1000), atLeast(base, "1"));
    assertEquals(Duration.ofMillis(1000), atLeast(base, "120"), "capped");
    assertEquals(Duration.ofMillis(1000), atLeast(base, "1000000000000"), "more than nine digits: capped too");
    assertEquals(base, atLeast(base, "0"), "never shortens");
    assertEquals(base, atLeast(base, "Wed, 21 Oct 2015 07:28:00 GMT"), "a past date asks for no wait");
    assertEquals(base, atLeast(base, null));
    assertEquals(base, atLeast(base, "-5"));
  }
}
