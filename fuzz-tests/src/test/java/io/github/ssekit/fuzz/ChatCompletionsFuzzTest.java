package io.github.ssekit.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.ssekit.openai.ProviderStreamException;
import io.github.ssekit.openai.StrictModeException;
import io.github.ssekit.openai.chat.ChatChunk;
import io.github.ssekit.openai.chat.ChatDeltaListener;
import io.github.ssekit.openai.chat.ChatResult;
import io.github.ssekit.openai.chat.ChatStream;
import io.github.ssekit.openai.internal.ChatChunkDecoder;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseEventTooLargeException;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.SseHandler;
import io.github.ssekit.sse.SseParser;
import io.github.ssekit.sse.protocol.DecodeOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the Chat Completions pipeline ({@link ChatStream}: parser, {@code ChatCompletionsProtocol},
 * {@code ChatAccumulator}) with a 4 KiB event limit, lenient or strict as the fuzzer chooses. It must never throw;
 * its decoder must never fail; its errors are provider errors, strict-mode refusals or events over the limit; and
 * the stream fed whole or in fuzzer-chosen chunks gives the same outcomes, deltas and result. Every event also
 * decodes the same on the decoder's one-pass fast path as on its tree path.
 */
class ChatCompletionsFuzzTest {
  private static final FuzzStats STATS = new FuzzStats("openai-chat");
  private static final Set<Class<?>> DOCUMENTED =
      Set.of(ProviderStreamException.class, StrictModeException.class, SseEventTooLargeException.class);

  @FuzzTest(maxDuration = "30s")
  @DictionaryFile(resourcePath = "/dictionaries/chat.dict")
  void chatCompletions(byte[] input) {
    STATS.count();
    FuzzInput in = FuzzInput.read(input, false);
    boolean strict = in.flag(0);
    Run whole = run(strict, stream -> stream.feed(in.stream));
    Run cut = run(strict, stream -> in.forEachChunk(stream::feed));
    assertEquals(whole, cut, () -> "fed in chunks " + java.util.Arrays.toString(in.cuts));
    assertTrue(strict || whole.errors.stream().noneMatch(e -> e.startsWith(StrictModeException.class.getName())));
    assertFastPathAgrees(in.stream);
  }

  /** The decoder's one-pass fast path and its tree path give the same outcome for every event. */
  private static void assertFastPathAgrees(byte[] stream) {
    SseParser parser = SseParser.builder().maxEventBytes(FuzzInput.MAX_LIMIT).handler(new SseHandler() {
      @Override
      public void onEvent(SseEvent event) {
        DecodeOutcome<ChatChunk> fast = ChatChunkDecoder.decode(event, true);
        DecodeOutcome<ChatChunk> tree = ChatChunkDecoder.decode(event, false);
        assertEquals(tree.kind(), fast.kind(), event::data);
        assertEquals(tree.value(), fast.value(), event::data);
        assertEquals(tree.diagnostics(), fast.diagnostics(), event::data);
        assertEquals(tree.error().map(Throwable::getMessage), fast.error().map(Throwable::getMessage), event::data);
      }

      @Override
      public void onError(SseException error) {
        // an event over the limit: the pipeline runs above check how it is reported
      }
    }).build();
    parser.feed(stream);
    parser.end();
  }

  /** Everything one run delivered, comparable with equals. */
  record Run(List<Object> outcomes, List<String> deltas, List<String> named, List<Object> result,
      List<String> errors) {}

  private static Run run(boolean strict, Consumer<ChatStream> feed) {
    Outcomes<ChatChunk> outcomes = new Outcomes<>();
    List<String> deltas = new ArrayList<>();
    List<String> named = new ArrayList<>();
    ChatStream stream = ChatStream.builder()
        .strict(strict)
        .maxEventBytes(FuzzInput.MAX_LIMIT)
        .listener(outcomes)
        .on("hermes.tool.progress", e -> named.add(e.data()))
        .deltas(new ChatDeltaListener() {
          @Override
          public void onContent(int choice, String fragment) {
            deltas.add("content " + choice + " " + fragment);
          }

          @Override
          public void onReasoning(int choice, String fragment) {
            deltas.add("reasoning " + choice + " " + fragment);
          }

          @Override
          public void onRefusal(int choice, String fragment) {
            deltas.add("refusal " + choice + " " + fragment);
          }

          @Override
          public void onToolArguments(int choice, int position, String fragment) {
            deltas.add("tool " + choice + " " + position + " " + fragment);
          }
        })
        .build();
    feed.accept(stream);
    ChatResult result = stream.end();
    outcomes.checkContract(DOCUMENTED);
    Outcomes.checkErrors(result.errors(), DOCUMENTED);
    outcomes.checkDiagnosticBounds(result.diagnostics(), result.diagnosticOccurrences(),
        result.diagnosticOccurrencesNotKept());
    List<Object> summary = List.of(result.choices(), result.usage(), result.id(), result.model(),
        result.diagnostics(), result.diagnosticOccurrences(), result.diagnosticOccurrencesNotKept(),
        result.doneReceived(), result.truncated());
    return new Run(outcomes.log, deltas, named, summary, Outcomes.describe(result.errors()));
  }

  @AfterAll
  static void report() {
    STATS.report();
  }
}
