package io.github.ssekit.sse.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The generic stream driver with a toy protocol, no protocol module involved: what a new protocol gets by giving
 * only its protocol, accumulator and refusal.
 */
class ProtocolConversationTest {

  /** Data {@code ok} is a value, {@code odd} a value with a diagnostic, {@code end} the end, {@code boom} an error. */
  static final SseProtocol<String> TOY = new SseProtocol<>() {
    @Override
    public boolean consumes(String eventType) {
      return "message".equals(eventType);
    }

    @Override
    public DecodeOutcome<String> decode(SseEvent event) {
      switch (event.data()) {
        case "odd":
          return DecodeOutcome.value("odd", List.of(Diagnostic.of("toy.odd", "an odd value", "odd")));
        case "end":
          return DecodeOutcome.end(List.of());
        case "boom":
          return DecodeOutcome.error(new SseException("boom"), List.of());
        default:
          return DecodeOutcome.value(event.data());
      }
    }
  };

  /** A protocol's own refusal. */
  static final class ToyRefusal extends StrictMode.Refusal {
    private static final long serialVersionUID = 1L;

    ToyRefusal(Diagnostic diagnostic) {
      super(diagnostic);
    }
  }

  /** Keeps values and errors; finds a diagnostic of its own at the end when no end marker came. */
  static final class Collect implements StreamAccumulator<String, List<String>> {
    private final Diagnostics diagnostics = new Diagnostics();
    private final List<String> seen = new ArrayList<>();
    private Consumer<Diagnostic> found = d -> {};
    private boolean ended;
    private List<String> result;

    @Override
    public void onValue(String value) {
      seen.add(value);
    }

    @Override
    public void onDiagnostic(Diagnostic diagnostic) {
      diagnostics.record(diagnostic);
    }

    @Override
    public void onEnd() {
      ended = true;
    }

    @Override
    public void onError(SseException error) {
      seen.add(error.getClass().getSimpleName() + ": " + error.getMessage());
    }

    @Override
    public void onFoundDiagnostic(Consumer<Diagnostic> observer) {
      found = observer;
    }

    @Override
    public Diagnostics diagnostics() {
      return diagnostics;
    }

    @Override
    public List<String> finish() {
      if (result == null) {
        if (!ended) {
          Diagnostic missing = Diagnostic.of("toy.no-end", "no end marker", "");
          diagnostics.record(missing);
          found.accept(missing);
        }
        result = List.copyOf(seen);
      }
      return result;
    }

    @Override
    public List<String> finish(SseException failure) {
      seen.add("failure: " + failure.getMessage());
      return finish();
    }
  }

  static byte[] stream(String... data) {
    StringBuilder s = new StringBuilder();
    for (String d : data) {
      s.append("data: ").append(d).append("\n\n");
    }
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void leniently_valuesErrorsAndDiagnosticsOncePerCode() {
    List<Diagnostic> told = new ArrayList<>();
    List<Diagnostic> every = new ArrayList<>();
    Collect accumulator = new Collect();
    ProtocolConversation<String, List<String>> conversation = ProtocolConversation.builder(TOY, ToyRefusal::new)
        .onDiagnostic(told::add).onEveryDiagnostic(every::add).build(accumulator);
    conversation.feed(stream("a", "odd", "odd", "boom", "b", "end"));
    assertTrue(conversation.endReceived());
    assertEquals(List.of("a", "odd", "odd", "SseException: boom", "b"), conversation.end());
    assertEquals(List.of("toy.odd"), told.stream().map(Diagnostic::code).toList());
    assertEquals(2, every.size());
    assertThrows(IllegalStateException.class, () -> conversation.feed(stream("late")));
  }

  @Test
  void strictly_eachDiagnosticIsRefusedOnceAndItsValueWithheld() {
    Collect accumulator = new Collect();
    List<String> errors = new ArrayList<>();
    ProtocolConversation<String, List<String>> conversation = ProtocolConversation.builder(TOY, ToyRefusal::new)
        .strict(true).listener(new ProtocolListener<>() {
          @Override
          public void onValue(String value) {}

          @Override
          public void onError(SseException error) {
            errors.add(error.getMessage());
          }
        }).build(accumulator);
    conversation.feed(stream("a", "odd", "b"));
    List<String> result = conversation.end();
    assertEquals(List.of("a", "ToyRefusal: strict mode: toy.odd: an odd value", "b",
        "ToyRefusal: strict mode: toy.no-end: no end marker"), result, "the decoder's refusal is recorded once");
    assertEquals(List.of("strict mode: toy.odd: an odd value"), errors, "the listeners see the refusal");
    assertFalse(conversation.endReceived());
  }

  @Test
  void aFailureKeepsWhatArrived() {
    ProtocolConversation<String, List<String>> conversation =
        ProtocolConversation.builder(TOY, ToyRefusal::new).build(new Collect());
    conversation.feed(stream("a"));
    assertEquals(List.of("a", "failure: reset"), conversation.fail(new SseException("reset")));
    assertTrue(conversation.isOver());
    assertEquals(conversation.fail(new SseException("again")), conversation.cancel());
  }
}
