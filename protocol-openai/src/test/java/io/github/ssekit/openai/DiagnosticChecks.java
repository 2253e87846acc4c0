package io.github.ssekit.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.protocol.DiagnosticSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a result's two views of its diagnostics must say of each other. */
public final class DiagnosticChecks {
  private DiagnosticChecks() {}

  /** The codes of {@code occurrences}, in order. */
  public static List<String> codes(List<Diagnostic> occurrences) {
    return occurrences.stream().map(Diagnostic::code).toList();
  }

  /**
   * Checks that {@code summaries} is {@code occurrences} (a complete list: nothing left out) coalesced: one summary
   * per code in the order each code first occurred, with the first occurrence and the number of occurrences.
   */
  public static void assertCoalesced(List<DiagnosticSummary> summaries, List<Diagnostic> occurrences) {
    Map<String, Diagnostic> firsts = new LinkedHashMap<>();
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Diagnostic d : occurrences) {
      firsts.putIfAbsent(d.code(), d);
      counts.merge(d.code(), 1L, Long::sum);
    }
    assertEquals(new ArrayList<>(firsts.keySet()), summaries.stream().map(DiagnosticSummary::code).toList(),
        "one summary per code, in the order of first occurrence");
    for (DiagnosticSummary summary : summaries) {
      assertSame(firsts.get(summary.code()), summary.first(), "the first occurrence of " + summary.code());
      assertEquals(counts.get(summary.code()), summary.count(), "the count of " + summary.code());
    }
  }
}
