package io.github.ssekit.sse.protocol;

import java.util.Objects;

/**
 * One diagnostic code of a stream, reported once: its first occurrence (message and raw excerpt) and how many times
 * it occurred in all. A provider that sends {@code "role":""} in every chunk gives one summary with a count, not one
 * report per chunk.
 *
 * @param first the first occurrence of the code
 * @param count how many times the code occurred, the first included: exact, whatever the {@link DiagnosticLimits}
 */
public record DiagnosticSummary(Diagnostic first, long count) {

  /**
   * Checks the summary.
   *
   * @throws IllegalArgumentException if {@code count} is below 1
   */
  public DiagnosticSummary {
    Objects.requireNonNull(first, "first");
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1: " + count);
    }
  }

  /** The code, such as {@code "openai.empty-role"}. */
  public String code() {
    return first.code();
  }

  /** The first occurrence's message. */
  public String message() {
    return first.message();
  }

  /** The first occurrence's excerpt of the raw input. */
  public String excerpt() {
    return first.excerpt();
  }
}
