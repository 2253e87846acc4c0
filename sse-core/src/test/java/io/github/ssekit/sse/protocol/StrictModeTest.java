package io.github.ssekit.sse.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseException;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrictModeTest {
  private static final Diagnostic FIRST = Diagnostic.of("toy.first", "first", "a");
  private static final Diagnostic SECOND = Diagnostic.of("toy.second", "second", "b");

  /** A refusal that says which diagnostic it refused. */
  static final class Refused extends SseException {
    final transient Diagnostic diagnostic;

    Refused(Diagnostic diagnostic) {
      super("refused " + diagnostic.code());
      this.diagnostic = diagnostic;
    }
  }

  @Test
  void anOutcomeWithDiagnosticsBecomesAnErrorForTheFirstAndKeepsThemAll() {
    for (DecodeOutcome<String> outcome : List.of(DecodeOutcome.value("v", List.of(FIRST, SECOND)),
        DecodeOutcome.<String>keepAlive(List.of(FIRST, SECOND)), DecodeOutcome.<String>end(List.of(FIRST, SECOND)),
        DecodeOutcome.<String>ignored(List.of(FIRST, SECOND)))) {
      DecodeOutcome<String> strict = StrictMode.apply(outcome, Refused::new);
      assertEquals(DecodeOutcome.Kind.ERROR, strict.kind(), outcome.toString());
      assertSame(FIRST, ((Refused) strict.error().orElseThrow()).diagnostic, "the first diagnostic is refused");
      assertEquals(List.of(FIRST, SECOND), strict.diagnostics());
      assertTrue(strict.value().isEmpty(), "the value is withheld");
    }
  }

  @Test
  void cleanOutcomesAndErrorsAreLeftAsTheyAre() {
    DecodeOutcome<String> clean = DecodeOutcome.value("v");
    DecodeOutcome<String> error = DecodeOutcome.error(new SseException("provider"), List.of(FIRST));
    assertSame(clean, StrictMode.apply(clean, Refused::new));
    assertSame(error, StrictMode.apply(error, Refused::new));
  }

  @Test
  void aStrictProtocolConsumesTheSameNamesAndIsIdempotent() {
    SseProtocol<String> lenient = new ProtocolDispatcherTest.ToyProtocol();
    SseProtocol<String> strict = StrictMode.protocol(lenient, Refused::new);
    SseProtocol<String> twice = StrictMode.protocol(strict, Refused::new);
    for (String type : List.of("message", "error", "other")) {
      assertEquals(lenient.consumes(type), strict.consumes(type), type);
    }
    assertEquals("HI", strict.decode(SseEvent.message("hi")).value().orElseThrow());
    DecodeOutcome<String> ping = strict.decode(SseEvent.message("ping"));
    assertEquals(DecodeOutcome.Kind.ERROR, ping.kind());
    assertEquals("toy.ping", ((Refused) ping.error().orElseThrow()).diagnostic.code());
    DecodeOutcome<String> again = twice.decode(SseEvent.message("ping"));
    assertEquals(ping.diagnostics(), again.diagnostics());
    assertEquals(ping.error().orElseThrow().getMessage(), again.error().orElseThrow().getMessage());
  }
}
