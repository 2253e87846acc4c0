package io.github.ssekit.client.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The one reading of a server's wish to be asked again later, used by reconnection and by retries alike: the
 * {@code retry-after-ms} header (milliseconds, which OpenAI sends, preferred when valid) or {@code Retry-After}
 * (RFC 9110: whole seconds or an HTTP date). A value too large to represent (a thousand years of seconds) is read
 * as {@link #HUGE}, so a cap applies to it rather than it being ignored; a value that cannot be read at all
 * (negative, a fraction of seconds, text) yields {@link #garbage()} for a diagnostic and no delay.
 *
 * @param delay the delay the server asked for, if it asked readably
 * @param garbage what was wrong with an unreadable header, for a diagnostic
 */
public record RetryAfter(Optional<Duration> delay, Optional<String> garbage) {
  /** What a number of seconds too large to hold stands for: longer than any cap. */
  public static final Duration HUGE = Duration.ofDays(365L * 1000);

  private static final RetryAfter NONE = new RetryAfter(Optional.empty(), Optional.empty());
  /** Longer values are not read digit by digit: they are {@link #HUGE} anyway. */
  private static final int MAX_DIGITS = 15;
  /** A header longer than this is not worth parsing, nor quoting in a diagnostic. */
  private static final int MAX_HEADER_CHARS = 64;

  /**
   * @param retryAfter the {@code Retry-After} header, or {@code null}
   * @param retryAfterMs the {@code retry-after-ms} header, or {@code null}
   * @param now the time an HTTP date is measured from
   */
  public static RetryAfter parse(String retryAfter, String retryAfterMs, Instant now) {
    String problem = null;
    if (retryAfterMs != null) {
      Optional<Duration> ms = millis(retryAfterMs.trim());
      if (ms.isPresent()) {
        return new RetryAfter(ms, Optional.empty());
      }
      problem = "retry-after-ms " + quote(retryAfterMs) + " is not a number of milliseconds";
    }
    if (retryAfter != null) {
      String value = retryAfter.trim();
      Optional<Duration> seconds = seconds(value);
      if (seconds.isPresent()) {
        return new RetryAfter(seconds, Optional.ofNullable(problem));
      }
      Optional<Duration> untilDate = untilDate(value, now);
      if (untilDate.isPresent()) {
        return new RetryAfter(untilDate, Optional.ofNullable(problem));
      }
      problem = (problem == null ? "" : problem + "; ") + "Retry-After " + quote(retryAfter)
          + " is neither a number of seconds nor an HTTP date";
    }
    return problem == null ? NONE : new RetryAfter(Optional.empty(), Optional.of(problem));
  }

  /** The server's delay, or {@code fallback} when it asked for none readably. */
  public Duration orElse(Duration fallback) {
    return delay.orElse(fallback);
  }

  private static Optional<Duration> seconds(String value) {
    if (!digits(value)) {
      return Optional.empty();
    }
    if (value.length() > MAX_DIGITS) {
      return Optional.of(HUGE);
    }
    long seconds = Long.parseLong(value);
    return Optional.of(seconds >= HUGE.getSeconds() ? HUGE : Duration.ofSeconds(seconds));
  }

  private static Optional<Duration> millis(String value) {
    int dot = value.indexOf('.');
    String whole = dot < 0 ? value : value.substring(0, dot);
    String fraction = dot < 0 ? "" : value.substring(dot + 1);
    if (whole.isEmpty() || !digits(whole) || (!fraction.isEmpty() && !digits(fraction))) {
      return Optional.empty();
    }
    if (whole.length() > MAX_DIGITS) {
      return Optional.of(HUGE);
    }
    long ms = Long.parseLong(whole);
    return Optional.of(ms >= HUGE.toMillis() ? HUGE : Duration.ofMillis(ms));
  }

  private static Optional<Duration> untilDate(String value, Instant now) {
    if (value.isEmpty() || value.length() > MAX_HEADER_CHARS) {
      return Optional.empty();
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration until = Duration.between(now, at);
      return Optional.of(until.isNegative() ? Duration.ZERO : until);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static boolean digits(String value) {
    if (value.isEmpty()) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** A short, printable excerpt of a header value: it came from the server and may be long or odd. */
  private static String quote(String value) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < value.length() && i < MAX_HEADER_CHARS; i++) {
      char c = value.charAt(i);
      sb.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return sb.append(value.length() > MAX_HEADER_CHARS ? "...\"" : "\"").toString();
  }
}
