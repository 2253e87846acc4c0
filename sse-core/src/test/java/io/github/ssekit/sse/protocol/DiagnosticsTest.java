package io.github.ssekit.sse.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DiagnosticsTest {
  private static final String A = "a";
  private static final String B = "b";
  private static final String C = "c";

  /**
   * A sequence of codes recorded with some limits, and what the record must then say: the codes and counts of its
   * summaries, the codes of the occurrences it kept, how many it left out, and which occurrences were the first.
   */
  record Case(String name, DiagnosticLimits limits, List<String> recorded, List<String> summaries,
      List<Long> counts, List<String> kept, long notKept, List<Boolean> firsts) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("nothing", DiagnosticLimits.DEFAULT, List.of(), List.of(), List.of(), List.of(), 0, List.of()),
        new Case("one code repeated: one summary with its count", DiagnosticLimits.DEFAULT,
            List.of(A, A, A, A), List.of(A), List.of(4L), List.of(A, A, A, A), 0,
            List.of(true, false, false, false)),
        new Case("summaries in the order codes first occurred", DiagnosticLimits.DEFAULT,
            List.of(B, A, B, C, A, B), List.of(B, A, C), List.of(3L, 2L, 1L), List.of(B, A, B, C, A, B), 0,
            List.of(true, true, false, true, false, false)),
        new Case("at most N per code; counts stay exact", new DiagnosticLimits(2, 100),
            List.of(A, A, B, A, A, B, B, C), List.of(A, B, C), List.of(4L, 3L, 1L), List.of(A, A, B, B, C), 3,
            List.of(true, false, true, false, false, false, false, true)),
        new Case("at most M in all; a later code is still summarised", new DiagnosticLimits(10, 3),
            List.of(A, B, A, A, C, C), List.of(A, B, C), List.of(3L, 1L, 2L), List.of(A, B, A), 3,
            List.of(true, true, false, false, true, false)),
        new Case("no occurrence kept: summaries and counts only", new DiagnosticLimits(0, 0),
            List.of(A, A, B), List.of(A, B), List.of(2L, 1L), List.of(), 3, List.of(true, false, true)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void recordsOneSummaryPerCodeAndABoundedListOfOccurrences(Case c) {
    Diagnostics diagnostics = new Diagnostics(c.limits());
    List<Boolean> firsts = new ArrayList<>();
    List<Diagnostic> firstOccurrences = new ArrayList<>();
    int n = 0;
    for (String code : c.recorded()) {
      Diagnostic d = Diagnostic.of(code, "occurrence " + n++, "raw " + code);
      boolean first = diagnostics.record(d);
      firsts.add(first);
      if (first) {
        firstOccurrences.add(d);
      }
      assertEquals(first, diagnostics.count(code) == 1, "the first occurrence is the one that makes the count 1");
    }
    assertEquals(c.firsts(), firsts, "record says which occurrence is its code's first");
    List<DiagnosticSummary> summaries = diagnostics.summaries();
    assertEquals(c.summaries(), summaries.stream().map(DiagnosticSummary::code).toList());
    assertEquals(c.counts(), summaries.stream().map(DiagnosticSummary::count).toList());
    for (int i = 0; i < summaries.size(); i++) {
      assertSame(firstOccurrences.get(i), summaries.get(i).first(), "a summary keeps the first occurrence");
      assertEquals(c.counts().get(i), diagnostics.count(summaries.get(i).code()));
    }
    assertEquals(c.kept(), diagnostics.occurrences().stream().map(Diagnostic::code).toList());
    assertEquals(c.notKept(), diagnostics.occurrencesNotKept());
    assertEquals(c.recorded().size(), diagnostics.total());
    assertEquals(c.recorded().isEmpty(), diagnostics.isEmpty());
  }

  @Test
  void aCodeEqualButNotIdenticalIsTheSameCode() {
    Diagnostics diagnostics = new Diagnostics();
    assertTrue(diagnostics.record(Diagnostic.of(A, "m", "")));
    assertTrue(diagnostics.record(Diagnostic.of(B, "m", "")));
    assertFalse(diagnostics.record(Diagnostic.of(new String(new char[] {'a'}), "m", "")));
    assertEquals(2, diagnostics.count(new String(new char[] {'a'})));
    assertEquals(0, diagnostics.count("never"));
  }

  @Test
  void aMillionOccurrencesKeepTheLimitsAndExactCounts() {
    Diagnostics diagnostics = new Diagnostics();
    for (int i = 0; i < 1_000_000; i++) {
      diagnostics.record(Diagnostic.of(i % 1000 == 999 ? B : A, "m", "x"));
    }
    assertEquals(List.of(A, B), diagnostics.summaries().stream().map(DiagnosticSummary::code).toList());
    assertEquals(List.of(999_000L, 1_000L), diagnostics.summaries().stream().map(DiagnosticSummary::count).toList());
    assertEquals(2 * DiagnosticLimits.DEFAULT_MAX_OCCURRENCES_PER_CODE, diagnostics.occurrences().size());
    assertEquals(1_000_000 - 20, diagnostics.occurrencesNotKept());
  }

  @Test
  void recordingARepeatedCodePastTheLimitsAllocatesNothing() throws Exception {
    // com.sun.management through reflection: the tests compile inside the module, which does not read
    // java.management; they run on the class path, where it is readable
    Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
        .invoke(null);
    Method allocatedBytes = Class.forName("com.sun.management.ThreadMXBean")
        .getMethod("getCurrentThreadAllocatedBytes");
    Diagnostics diagnostics = new Diagnostics();
    Diagnostic a = Diagnostic.of(A, "m", "");
    Diagnostic b = Diagnostic.of(B, "m", "");
    for (int i = 0; i < 1000; i++) { // past the limits, and warm
      diagnostics.record(a);
      diagnostics.record(b);
    }
    long before = (long) allocatedBytes.invoke(threads);
    for (int i = 0; i < 100_000; i++) {
      diagnostics.record(a);
      diagnostics.record(a);
      diagnostics.record(b); // a change of code: the map lookup, which allocates nothing either
    }
    long allocated = (long) allocatedBytes.invoke(threads) - before;
    // 300,000 records; one allocation each would be megabytes. The margin is for the measurement itself.
    assertTrue(allocated < 16 * 1024, allocated + " bytes allocated");
    assertEquals(201_000, diagnostics.count(A));
  }

  @Test
  void codesPastTheGuardAreOnlyCounted() {
    Diagnostics diagnostics = new Diagnostics(new DiagnosticLimits(0, 0));
    for (int i = 0; i < Diagnostics.MAX_CODES; i++) {
      assertTrue(diagnostics.record(Diagnostic.of("code-" + i, "m", "")));
    }
    assertFalse(diagnostics.record(Diagnostic.of("one-too-many", "m", "")));
    assertEquals(Diagnostics.MAX_CODES, diagnostics.summaries().size());
    assertEquals(0, diagnostics.count("one-too-many"));
    assertEquals(Diagnostics.MAX_CODES + 1, diagnostics.total());
    assertEquals(Diagnostics.MAX_CODES + 1, diagnostics.occurrencesNotKept());
  }

  @Test
  void limitsAndSummariesRejectNonsense() {
    assertThrows(IllegalArgumentException.class, () -> new DiagnosticLimits(-1, 10));
    assertThrows(IllegalArgumentException.class, () -> new DiagnosticLimits(10, -1));
    assertThrows(IllegalArgumentException.class, () -> new DiagnosticSummary(Diagnostic.of(A, "m", ""), 0));
    assertThrows(NullPointerException.class, () -> new Diagnostics().record(null));
    assertEquals(new DiagnosticLimits(10, 100), DiagnosticLimits.DEFAULT);
  }

  @Test
  void aSummaryReadsAsItsFirstOccurrence() {
    DiagnosticSummary summary = new DiagnosticSummary(Diagnostic.of(A, "the message", "the excerpt"), 3);
    assertEquals(List.of(A, "the message", "the excerpt"), List.of(summary.code(), summary.message(),
        summary.excerpt()));
    Diagnostics diagnostics = new Diagnostics();
    diagnostics.record(Diagnostic.of(A, "m", ""));
    diagnostics.record(Diagnostic.of(A, "m", ""));
    assertEquals("Diagnostics[a x2]", diagnostics.toString());
  }
}
