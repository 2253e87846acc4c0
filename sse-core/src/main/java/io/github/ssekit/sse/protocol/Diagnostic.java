package io.github.ssekit.sse.protocol;

import java.util.Objects;

/**
 * A deviation from a protocol that was tolerated, or a condition worth knowing about: never silent, never fatal
 * by itself.
 *
 * @param code a stable, documented identifier such as {@code "sse.ignored-event"} or {@code "openai.empty-role"}
 * @param message what happened, for people
 * @param excerpt the start of the raw input it is about (at most {@link #MAX_EXCERPT} characters), or {@code ""}
 */
public record Diagnostic(String code, String message, String excerpt) {

  /** Excerpts are cut to this many characters, so diagnostics stay small whatever the input. */
  public static final int MAX_EXCERPT = 200;

  /** An event of a type the protocol does not consume, with no listener registered for it. */
  public static final String IGNORED_EVENT = "sse.ignored-event";

  /** A protocol decoder threw instead of returning an outcome (a bug in the decoder, contained). */
  public static final String DECODER_FAILURE = "sse.decoder-failure";

  public Diagnostic {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    excerpt = excerpt == null ? "" : cut(excerpt);
  }

  /** A diagnostic with the excerpt cut to {@link #MAX_EXCERPT} characters. */
  public static Diagnostic of(String code, String message, String excerpt) {
    return new Diagnostic(code, message, excerpt);
  }

  private static String cut(String raw) {
    if (raw.length() <= MAX_EXCERPT) {
      return raw;
    }
    int end = MAX_EXCERPT;
    if (Character.isHighSurrogate(raw.charAt(end - 1))) {
      end--;
    }
    return raw.substring(0, end) + "...";
  }
}
