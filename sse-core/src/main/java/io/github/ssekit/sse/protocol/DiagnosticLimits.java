package io.github.ssekit.sse.protocol;

/**
 * How many of a stream's diagnostic occurrences its {@link Diagnostics} keeps one by one. Counts are exact whatever
 * the limits, and the first occurrence of each code is always kept (in its {@link DiagnosticSummary}); the limits
 * bound only the list of occurrences, so that a provider repeating a deviation millions of times cannot make a
 * stream hold millions of diagnostics.
 *
 * @param maxOccurrencesPerCode at most this many occurrences of one code are kept in the list
 * @param maxOccurrences at most this many occurrences are kept in the list, all codes together
 */
public record DiagnosticLimits(int maxOccurrencesPerCode, int maxOccurrences) {

  /** Default of {@link #maxOccurrencesPerCode}: enough to see how a deviation varies, not a log flood. */
  public static final int DEFAULT_MAX_OCCURRENCES_PER_CODE = 10;

  /**
   * Default of {@link #maxOccurrences}. A diagnostic is at most a few hundred bytes (its excerpt is cut to
   * {@link Diagnostic#MAX_EXCERPT} characters), so a stream's list stays under some 100 KiB.
   */
  public static final int DEFAULT_MAX_OCCURRENCES = 100;

  /** The defaults: {@value #DEFAULT_MAX_OCCURRENCES_PER_CODE} per code, {@value #DEFAULT_MAX_OCCURRENCES} in all. */
  public static final DiagnosticLimits DEFAULT =
      new DiagnosticLimits(DEFAULT_MAX_OCCURRENCES_PER_CODE, DEFAULT_MAX_OCCURRENCES);

  /**
   * Checks the limits; zero is allowed (only the summaries and the counts are kept).
   *
   * @throws IllegalArgumentException if a limit is negative
   */
  public DiagnosticLimits {
    if (maxOccurrencesPerCode < 0) {
      throw new IllegalArgumentException("maxOccurrencesPerCode must not be negative: " + maxOccurrencesPerCode);
    }
    if (maxOccurrences < 0) {
      throw new IllegalArgumentException("maxOccurrences must not be negative: " + maxOccurrences);
    }
  }
}
