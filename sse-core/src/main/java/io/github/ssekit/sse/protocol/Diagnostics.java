package io.github.ssekit.sse.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The diagnostics of one stream, recorded as they are found: the one mechanism every protocol's result and
 * listeners are made from, so that a deviation repeated in every event is reported once, and a stream's memory stays
 * bounded whatever a provider sends.
 *
 * <ul>
 *   <li>{@link #summaries()}: one entry per code, in the order each code first occurred, with its first occurrence
 *       (message and raw excerpt) and the exact count of its occurrences. This is what a result reports.
 *   <li>{@link #occurrences()}: the occurrences themselves, in order, for those who want more than the first, but
 *       bounded by the {@link DiagnosticLimits}: at most {@code maxOccurrencesPerCode} of one code and
 *       {@code maxOccurrences} in all. {@link #occurrencesNotKept()} says how many were left out.
 *   <li>{@link #record} says whether an occurrence is the first of its code, so a driver can call its listeners once
 *       per code and not once per event.
 * </ul>
 *
 * <p>Recording an occurrence of a code seen before allocates nothing past the limits: codes are constants, so the
 * code of the previous occurrence is compared by identity first, then looked up in a small map keyed by code. The
 * number of codes is the protocol's documented set (a few dozen); as a guard against a protocol that would build
 * codes from its input, at most {@link #MAX_CODES} codes are summarised, and occurrences of further codes are only
 * counted in {@link #total()} and {@link #occurrencesNotKept()}.
 *
 * <p>One per stream; not thread-safe.
 */
public final class Diagnostics {

  /** At most this many distinct codes are summarised (a guard: no protocol has nearly as many). */
  public static final int MAX_CODES = 256;

  /** One code: its first occurrence, its count, how many of its occurrences the list holds. */
  private static final class Entry {
    final Diagnostic first;
    long count;
    int kept;

    Entry(Diagnostic first) {
      this.first = first;
    }
  }

  private final DiagnosticLimits limits;
  /** By code, in the order each code first occurred. */
  private final Map<String, Entry> byCode = new LinkedHashMap<>();
  private final List<Diagnostic> occurrences = new ArrayList<>();
  /** The entry of the previous occurrence: a repeated code, the usual case, needs no lookup. */
  private Entry last;
  private long total;

  /** An empty record with the {@linkplain DiagnosticLimits#DEFAULT default limits}. */
  public Diagnostics() {
    this(DiagnosticLimits.DEFAULT);
  }

  /**
   * An empty record.
   *
   * @param limits how many occurrences the list keeps
   */
  public Diagnostics(DiagnosticLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * Records one occurrence.
   *
   * @param diagnostic the occurrence
   * @return whether it is the first occurrence of its code (its code's summary is then this diagnostic)
   */
  public boolean record(Diagnostic diagnostic) {
    Objects.requireNonNull(diagnostic, "diagnostic");
    total++;
    Entry entry = last;
    boolean first = false;
    if (entry == null || entry.first.code() != diagnostic.code()) {
      entry = byCode.get(diagnostic.code());
      if (entry == null) {
        if (byCode.size() >= MAX_CODES) {
          return false; // counted in total, hence in occurrencesNotKept
        }
        entry = new Entry(diagnostic);
        byCode.put(diagnostic.code(), entry);
        first = true;
      }
      last = entry;
    }
    entry.count++;
    if (entry.kept < limits.maxOccurrencesPerCode() && occurrences.size() < limits.maxOccurrences()) {
      occurrences.add(diagnostic);
      entry.kept++;
    }
    return first;
  }

  /**
   * How many times {@code code} occurred so far.
   *
   * @param code a diagnostic code
   * @return its count; 0 for a code not seen (or not summarised, past {@link #MAX_CODES})
   */
  public long count(String code) {
    Entry entry = last != null && last.first.code() == code ? last : byCode.get(code);
    return entry == null ? 0 : entry.count;
  }

  /** How many occurrences were recorded, of every code. */
  public long total() {
    return total;
  }

  /** Whether nothing was recorded. */
  public boolean isEmpty() {
    return total == 0;
  }

  /**
   * One summary per code, in the order each code first occurred, with exact counts.
   *
   * @return a snapshot
   */
  public List<DiagnosticSummary> summaries() {
    List<DiagnosticSummary> summaries = new ArrayList<>(byCode.size());
    for (Entry entry : byCode.values()) {
      summaries.add(new DiagnosticSummary(entry.first, entry.count));
    }
    return List.copyOf(summaries);
  }

  /**
   * The occurrences kept, in the order recorded: all of them up to the {@link DiagnosticLimits}.
   *
   * @return a snapshot
   */
  public List<Diagnostic> occurrences() {
    return List.copyOf(occurrences);
  }

  /** How many recorded occurrences {@link #occurrences()} does not hold because of the limits; 0 if it holds all. */
  public long occurrencesNotKept() {
    return total - occurrences.size();
  }

  /** The limits of the occurrence list. */
  public DiagnosticLimits limits() {
    return limits;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("Diagnostics[");
    String separator = "";
    for (Entry entry : byCode.values()) {
      text.append(separator).append(entry.first.code()).append(" x").append(entry.count);
      separator = ", ";
    }
    return text.append(']').toString();
  }
}
