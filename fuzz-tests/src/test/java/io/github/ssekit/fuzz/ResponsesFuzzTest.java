package io.github.ssekit.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.ssekit.openai.ProviderStreamException;
import io.github.ssekit.openai.StrictModeException;
import io.github.ssekit.openai.responses.ResponsesDeltaListener;
import io.github.ssekit.openai.responses.ResponsesEvent;
import io.github.ssekit.openai.responses.ResponsesResult;
import io.github.ssekit.openai.responses.ResponsesStream;
import io.github.ssekit.sse.SseEventTooLargeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the Responses pipeline ({@link ResponsesStream}: parser, {@code ResponsesProtocol},
 * {@code ResponsesAccumulator}) with a 4 KiB event limit, lenient or strict: the same properties as
 * {@link ChatCompletionsFuzzTest}.
 */
class ResponsesFuzzTest {
  private static final FuzzStats STATS = new FuzzStats("openai-responses");
  private static final Set<Class<?>> DOCUMENTED =
      Set.of(ProviderStreamException.class, StrictModeException.class, SseEventTooLargeException.class);

  @FuzzTest(maxDuration = "30s")
  @DictionaryFile(resourcePath = "/dictionaries/responses.dict")
  void responses(byte[] input) {
    STATS.count();
    FuzzInput in = FuzzInput.read(input, false);
    boolean strict = in.flag(0);
    Run whole = run(strict, stream -> stream.feed(in.stream));
    Run cut = run(strict, stream -> in.forEachChunk(stream::feed));
    assertEquals(whole, cut, () -> "fed in chunks " + java.util.Arrays.toString(in.cuts));
  }

  /** Everything one run delivered, comparable with equals. */
  record Run(List<Object> outcomes, List<String> deltas, List<Object> result, List<String> errors) {}

  private static Run run(boolean strict, Consumer<ResponsesStream> feed) {
    Outcomes<ResponsesEvent> outcomes = new Outcomes<>();
    List<String> deltas = new ArrayList<>();
    ResponsesStream stream = ResponsesStream.builder()
        .strict(strict)
        .maxEventBytes(FuzzInput.MAX_LIMIT)
        .listener(outcomes)
        .deltas(new ResponsesDeltaListener() {
          @Override
          public void onText(int output, String fragment) {
            deltas.add("text " + output + " " + fragment);
          }

          @Override
          public void onReasoning(int output, String fragment) {
            deltas.add("reasoning " + output + " " + fragment);
          }

          @Override
          public void onRefusal(int output, String fragment) {
            deltas.add("refusal " + output + " " + fragment);
          }

          @Override
          public void onFunctionArguments(int output, String fragment) {
            deltas.add("arguments " + output + " " + fragment);
          }
        })
        .build();
    feed.accept(stream);
    ResponsesResult result = stream.end();
    outcomes.checkContract(DOCUMENTED);
    Outcomes.checkErrors(result.errors(), DOCUMENTED);
    List<Object> summary = new ArrayList<>();
    summary.add(result.responseId());
    summary.add(result.model());
    summary.add(result.status());
    summary.add(result.text());
    summary.add(result.refusal());
    summary.add(result.reasoning());
    summary.add(result.functionCalls());
    summary.add(result.usage());
    summary.add(result.incompleteReason());
    summary.add(result.responseError());
    outcomes.checkDiagnosticBounds(result.diagnostics(), result.diagnosticOccurrences(),
        result.diagnosticOccurrencesNotKept());
    summary.add(result.diagnostics());
    summary.add(result.diagnosticOccurrences());
    summary.add(result.diagnosticOccurrencesNotKept());
    summary.add(result.truncated());
    return new Run(outcomes.log, deltas, summary, Outcomes.describe(result.errors()));
  }

  @AfterAll
  static void report() {
    STATS.report();
  }
}
