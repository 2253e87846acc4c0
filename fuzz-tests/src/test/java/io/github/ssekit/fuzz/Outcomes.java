package io.github.ssekit.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.protocol.DiagnosticLimits;
import io.github.ssekit.sse.protocol.DiagnosticSummary;
import io.github.ssekit.sse.protocol.ProtocolListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records what a protocol pipeline delivered, in order and comparably (errors by class and message, since
 * exceptions have no equality), and checks the properties every decoder target shares.
 *
 * @param <T> the protocol's value type
 */
class Outcomes<T> implements ProtocolListener<T> {
  final List<Object> log = new ArrayList<>();
  final List<SseException> errors = new ArrayList<>();
  final List<Diagnostic> diagnostics = new ArrayList<>();

  @Override
  public void onValue(T value) {
    log.add(value);
  }

  @Override
  public void onDiagnostic(Diagnostic diagnostic) {
    diagnostics.add(diagnostic);
    log.add(diagnostic);
  }

  @Override
  public void onKeepAlive() {
    log.add("KEEP_ALIVE");
  }

  @Override
  public void onEnd() {
    log.add("END");
  }

  @Override
  public void onError(SseException error) {
    errors.add(error);
    log.add(describe(error));
  }

  @Override
  public void onIgnored(SseEvent event) {
    log.add("IGNORED " + event);
  }

  static String describe(SseException error) {
    return error.getClass().getName() + ": " + error.getMessage();
  }

  static List<String> describe(List<SseException> errors) {
    return errors.stream().map(Outcomes::describe).toList();
  }

  /**
   * No decoder threw (the dispatcher contains a throwing decoder as an {@code sse.decoder-failure}: that is a bug
   * here) and every error is of a documented type.
   */
  void checkContract(Set<Class<?>> documented) {
    for (Diagnostic d : diagnostics) {
      if (Diagnostic.DECODER_FAILURE.equals(d.code())) {
        // the dispatcher wrapped what the decoder threw: fail with it, stack trace and all
        Throwable thrown = errors.stream().filter(e -> e.getMessage().equals(d.message())).findFirst()
            .map(Throwable::getCause).orElse(null);
        throw new AssertionError("a decoder threw: " + d.message() + "; data: " + d.excerpt(), thrown);
      }
    }
    checkErrors(errors, documented);
  }

  /**
   * A result's diagnostics within their bounds: at most the default number of occurrences kept, per code and in
   * all; the counts of the summaries account for every occurrence, kept or not; and the listener saw exactly the
   * first occurrence of each code.
   */
  void checkDiagnosticBounds(List<DiagnosticSummary> summaries, List<Diagnostic> occurrences, long notKept) {
    checkDiagnosticBounds(summaries, occurrences, notKept, diagnostics);
  }

  /** As {@link #checkDiagnosticBounds(List, List, long)}, for a record whose listener saw {@code told}. */
  static void checkDiagnosticBounds(List<DiagnosticSummary> summaries, List<Diagnostic> occurrences, long notKept,
      List<Diagnostic> told) {
    assertTrue(occurrences.size() <= DiagnosticLimits.DEFAULT_MAX_OCCURRENCES,
        "occurrences kept: " + occurrences.size());
    Map<String, Integer> kept = new HashMap<>();
    occurrences.forEach(d -> kept.merge(d.code(), 1, Integer::sum));
    kept.forEach((code, n) -> assertTrue(n <= DiagnosticLimits.DEFAULT_MAX_OCCURRENCES_PER_CODE,
        code + " kept " + n));
    assertEquals(occurrences.size() + notKept, summaries.stream().mapToLong(DiagnosticSummary::count).sum(),
        "every occurrence counted");
    assertEquals(summaries.stream().map(DiagnosticSummary::first).toList(), told,
        "the listener sees the first occurrence of each code");
  }

  static void checkErrors(List<SseException> errors, Set<Class<?>> documented) {
    for (SseException error : errors) {
      assertTrue(documented.contains(error.getClass()), "undocumented error type: " + describe(error));
    }
  }
}
