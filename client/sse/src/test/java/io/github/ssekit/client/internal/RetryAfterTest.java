package io.github.ssekit.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private static final Instant NOW = Instant.parse("2015-10-21T07:28:00Z");

  private static Optional<Duration> delay(String retryAfter, String ms) {
    return RetryAfter.parse(retryAfter, ms, NOW).delay();
  }

  @Test
  void secondsAndDates() {
    assertEquals(Optional.of(Duration.ofSeconds(1)), delay("1", null));
    assertEquals(Optional.of(Duration.ofSeconds(120)), delay(" 120 ", null));
    assertEquals(Optional.of(Duration.ofSeconds(30)), delay("Wed, 21 Oct 2015 07:28:30 GMT", null));
    assertEquals(Optional.of(Duration.ZERO), delay("Wed, 21 Oct 2015 07:00:00 GMT", null), "a past date: now");
    assertEquals(Optional.empty(), delay(null, null));
    assertTrue(RetryAfter.parse(null, null, NOW).garbage().isEmpty());
  }

  @Test
  void retryAfterMsIsPreferred() {
    assertEquals(Optional.of(Duration.ofMillis(250)), delay("5", "250"));
    assertEquals(Optional.of(Duration.ofMillis(1500)), delay(null, "1500.7"));
    RetryAfter bad = RetryAfter.parse("2", "soon", NOW);
    assertEquals(Optional.of(Duration.ofSeconds(2)), bad.delay(), "a bad retry-after-ms falls back to Retry-After");
    assertTrue(bad.garbage().orElseThrow().contains("retry-after-ms"));
  }

  @Test
  void hugeValuesAreHugeNotIgnored() {
    assertEquals(Optional.of(Duration.ofSeconds(999_999_999L)), delay("999999999", null));
    assertEquals(Optional.of(RetryAfter.HUGE), delay("1000000000000", null), "10^12 s: more than a thousand years");
    assertEquals(Optional.of(RetryAfter.HUGE), delay("99999999999999999999999999", null));
    assertEquals(Optional.of(RetryAfter.HUGE), delay(null, "99999999999999999999999999"));
  }

  @Test
  void garbageGivesNoDelayAndSaysWhy() {
    for (String garbage : new String[] {"-5", "1.5", "soon", "", "\u0000\u0001", "x".repeat(10_000)}) {
      RetryAfter parsed = RetryAfter.parse(garbage, null, NOW);
      assertEquals(Optional.empty(), parsed.delay(), garbage);
      String why = parsed.garbage().orElseThrow();
      assertTrue(why.length() < 200, why);
      assertTrue(why.chars().allMatch(c -> c >= 0x20 && c < 0x7f), why);
    }
  }
}
