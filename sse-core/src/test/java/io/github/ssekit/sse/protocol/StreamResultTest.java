package io.github.ssekit.sse.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ssekit.sse.SseException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What {@link StreamResult} derives from the members every result gives, and its defaults. */
class StreamResultTest {

  /** A result that gives only what {@link StreamResult} requires. */
  record Minimal(List<DiagnosticSummary> diagnostics, List<Diagnostic> diagnosticOccurrences,
      List<SseException> errors, boolean truncated) implements StreamResult {}

  @Test
  void theFirstErrorAndTheCodesInTheOrderTheyFirstOccurred() {
    Diagnostic late = Diagnostic.of("b.late", "second code", "");
    Diagnostic early = Diagnostic.of("a.early", "first code", "");
    SseException first = new SseException("first");
    Minimal result = new Minimal(List.of(new DiagnosticSummary(late, 3), new DiagnosticSummary(early, 1)),
        List.of(late, early), List.of(first, new SseException("second")), false);

    assertEquals(Optional.of(first), result.error());
    assertEquals(List.of("b.late", "a.early"), result.diagnosticCodes(), "in the summaries' order, not sorted");
  }

  @Test
  void aResultFedFromMemoryKeptEverythingAndHasNoResponse() {
    Minimal result = new Minimal(List.of(), List.of(), List.of(), true);

    assertEquals(Optional.empty(), result.error());
    assertEquals(List.of(), result.diagnosticCodes());
    assertEquals(0, result.errorsNotKept());
    assertEquals(0, result.diagnosticOccurrencesNotKept());
    assertEquals(ResponseMetadata.NONE, result.responseMetadata());
  }
}
