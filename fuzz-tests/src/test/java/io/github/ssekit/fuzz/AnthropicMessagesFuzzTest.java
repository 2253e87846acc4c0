package io.github.ssekit.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.ssekit.anthropic.AnthropicEvent;
import io.github.ssekit.anthropic.AnthropicStreamException;
import io.github.ssekit.anthropic.MessagesResult;
import io.github.ssekit.anthropic.MessagesStream;
import io.github.ssekit.anthropic.StrictModeException;
import io.github.ssekit.sse.SseEventTooLargeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the Anthropic Messages pipeline ({@link MessagesStream}: parser, {@code MessagesProtocol},
 * {@code MessagesAccumulator}) with a 4 KiB event limit, lenient or strict: nothing thrown, no decoder failure,
 * errors only of the documented types, diagnostics within their bounds, and whole and chunked feeding give the same
 * outcomes, text deltas and result.
 */
class AnthropicMessagesFuzzTest {
  private static final FuzzStats STATS = new FuzzStats("anthropic-messages");
  private static final Set<Class<?>> DOCUMENTED =
      Set.of(AnthropicStreamException.class, StrictModeException.class, SseEventTooLargeException.class);

  @FuzzTest(maxDuration = "30s")
  @DictionaryFile(resourcePath = "/dictionaries/anthropic.dict")
  void messages(byte[] input) {
    STATS.count();
    FuzzInput in = FuzzInput.read(input, false);
    boolean strict = in.flag(0);
    Run whole = run(strict, stream -> stream.feed(in.stream));
    Run cut = run(strict, stream -> in.forEachChunk(stream::feed));
    assertEquals(whole, cut, () -> "fed in chunks " + java.util.Arrays.toString(in.cuts));
  }

  /** Everything one run delivered, comparable with equals. */
  record Run(List<Object> outcomes, List<String> text, List<Object> result, List<String> errors) {}

  private static Run run(boolean strict, Consumer<MessagesStream> feed) {
    Outcomes<AnthropicEvent> outcomes = new Outcomes<>();
    List<String> text = new ArrayList<>();
    MessagesStream stream = MessagesStream.builder()
        .strict(strict)
        .maxEventBytes(FuzzInput.MAX_LIMIT)
        .listener(outcomes)
        .text(text::add)
        .build();
    feed.accept(stream);
    MessagesResult result = stream.end();
    outcomes.checkContract(DOCUMENTED);
    Outcomes.checkErrors(result.errors(), DOCUMENTED);
    outcomes.checkDiagnosticBounds(result.diagnostics(), result.diagnosticOccurrences(),
        result.diagnosticOccurrencesNotKept());
    List<Object> summary = new ArrayList<>();
    summary.add(result.message());
    summary.add(result.diagnostics());
    summary.add(result.diagnosticOccurrences());
    summary.add(result.diagnosticOccurrencesNotKept());
    summary.add(result.stopReceived());
    summary.add(result.truncated());
    return new Run(outcomes.log, text, summary, Outcomes.describe(result.errors()));
  }

  @AfterAll
  static void report() {
    STATS.report();
  }
}
