package io.github.ssekit.sse.protocol;

import io.github.ssekit.sse.SseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The errors of one stream as its result keeps them, bounded as its {@link Diagnostics} are: in strict mode every
 * diagnostic occurrence becomes an error, so a provider repeating a deviation millions of times would otherwise make
 * a result hold millions of exceptions (each with its stack trace).
 *
 * <p>The first {@link DiagnosticLimits#maxOccurrences()} errors are kept in order (at least one, so a stream that
 * had an error always shows its first); the others are only counted ({@link #notKept()}). The error that ended the
 * stream, a transport failure given to {@link #addLast}, is kept whatever the count: it is the last one and says
 * how the stream ended.
 *
 * <p>One per stream; not thread-safe.
 */
public final class StreamErrors {
  private final int maxErrors;
  private final List<SseException> kept = new ArrayList<>();
  private long notKept;

  /**
   * An empty record that keeps up to {@code limits.maxOccurrences()} errors, at least one.
   *
   * @param limits the stream's diagnostic limits
   */
  public StreamErrors(DiagnosticLimits limits) {
    this(limits.maxOccurrences());
  }

  /**
   * An empty record that keeps up to {@code maxErrors} errors, at least one: for a result whose errors are bounded
   * otherwise than its diagnostics ({@code Integer.MAX_VALUE} keeps every error, for a result that has no count of
   * the errors not kept).
   *
   * @param maxErrors the most errors kept one by one
   */
  public StreamErrors(int maxErrors) {
    this.maxErrors = Math.max(1, maxErrors);
  }

  /**
   * Records an error: kept while fewer than the limit are, otherwise counted.
   *
   * @param error the error
   * @return whether it was kept
   */
  public boolean add(SseException error) {
    if (kept.size() < maxErrors) {
      kept.add(error);
      return true;
    }
    notKept++;
    return false;
  }

  /**
   * Records the error that ended the stream: always kept, after the others.
   *
   * @param error the failure that cut the stream
   */
  public void addLast(SseException error) {
    kept.add(error);
  }

  /**
   * Whether no error was recorded at all (kept or counted).
   *
   * @return true before the first error
   */
  public boolean isEmpty() {
    return kept.isEmpty() && notKept == 0;
  }

  /**
   * The errors kept, in the order recorded.
   *
   * @return an unmodifiable copy
   */
  public List<SseException> kept() {
    return List.copyOf(kept);
  }

  /**
   * How many errors were recorded but not kept.
   *
   * @return 0 when every error was kept
   */
  public long notKept() {
    return notKept;
  }

  @Override
  public String toString() {
    return "StreamErrors[" + kept.size() + " kept, " + notKept + " not kept]";
  }
}
