package io.github.ssekit.openai;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.openai.chat.ChatAccumulator;
import io.github.ssekit.openai.chat.ChatChunk;
import io.github.ssekit.openai.chat.ChatCompletionsProtocol;
import io.github.ssekit.openai.chat.ChatDeltaListener;
import io.github.ssekit.openai.chat.ChatResult;
import io.github.ssekit.openai.chat.ChatStream;
import io.github.ssekit.openai.responses.ResponsesResult;
import io.github.ssekit.openai.responses.ResponsesStream;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.SseParser;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.protocol.DiagnosticLimits;
import io.github.ssekit.sse.protocol.DiagnosticSummary;
import io.github.ssekit.sse.protocol.ProtocolListener;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A deviation repeated in every chunk (a provider that sends {@code "role":""} each time) is reported once with its
 * count, through every way of running a stream; every-occurrence observers see each one; the result keeps only a
 * bounded list of occurrences, however many there are; strict mode still fails at the first.
 */
class RepeatedDiagnosticsTest {
  private static final int N = 1000;

  /** Chunk {@code i}: an empty role with some text, no finish reason. */
  private static String emptyRole(int i) {
    return "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{"
        + "\"index\":0,\"delta\":{\"role\":\"\",\"content\":\"t" + i + " \"},\"finish_reason\":null}]}\n\n";
  }

  private static final String LAST = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,"
      + "\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"end\"},\"finish_reason\":\"stop\"}]}\n\n"
      + "data: [DONE]\n\n";

  /** {@code n} empty-role chunks, then a last clean chunk and {@code [DONE]}. */
  static byte[] emptyRoles(int n) {
    StringBuilder stream = new StringBuilder();
    for (int i = 0; i < n; i++) {
      stream.append(emptyRole(i));
    }
    return stream.append(LAST).toString().getBytes(UTF_8);
  }

  /** What one way of running a stream reported: the result, and what its listeners were called with. */
  record Seen(ChatResult result, List<Diagnostic> firsts, List<Diagnostic> every, List<SseException> errors) {}

  /** A way of running a Chat Completions stream, as users do. */
  record Way(String name, Runner runner) {
    @Override
    public String toString() {
      return name;
    }
  }

  interface Runner {
    Seen run(byte[] stream, boolean strict);
  }

  /** A listener that keeps its diagnostics and errors. */
  static final class Listener implements ProtocolListener<ChatChunk> {
    final List<Diagnostic> diagnostics = new ArrayList<>();
    final List<SseException> errors = new ArrayList<>();

    @Override
    public void onValue(ChatChunk value) {}

    @Override
    public void onDiagnostic(Diagnostic diagnostic) {
      diagnostics.add(diagnostic);
    }

    @Override
    public void onError(SseException error) {
      errors.add(error);
    }
  }

  static Stream<Way> ways() {
    return Stream.of(
        new Way("ChatStream, a listener", (stream, strict) -> {
          Listener listener = new Listener();
          List<Diagnostic> every = new ArrayList<>();
          ChatResult result = ChatStream.builder().strict(strict).listener(listener).onEveryDiagnostic(every::add)
              .build().feed(stream).end();
          return new Seen(result, listener.diagnostics, every, listener.errors);
        }),
        new Way("ChatStream, onDiagnostic", (stream, strict) -> {
          Listener listener = new Listener();
          List<Diagnostic> firsts = new ArrayList<>();
          List<Diagnostic> every = new ArrayList<>();
          ChatResult result = ChatStream.builder().strict(strict).onDiagnostic(firsts::add).listener(listener)
              .onEveryDiagnostic(every::add).build().feed(stream).end();
          assertEquals(firsts, listener.diagnostics);
          return new Seen(result, firsts, every, listener.errors);
        }),
        new Way("OpenAiConversation fed events", (stream, strict) -> {
          Listener listener = new Listener();
          List<Diagnostic> every = new ArrayList<>();
          OpenAiConversation<ChatChunk, ChatResult> conversation = OpenAiConversation
              .builder(ChatCompletionsProtocol.lenient()).strict(strict).listener(listener)
              .onEveryDiagnostic(every::add).build(new ChatAccumulator());
          SseParser parser = SseParser.builder().handler(conversation).build(); // as a transport does
          parser.feed(stream);
          parser.end();
          return new Seen(conversation.end(), listener.diagnostics, every, listener.errors);
        }),
        new Way("OpenAiConversation fed bytes in slices", (stream, strict) -> {
          Listener listener = new Listener();
          List<Diagnostic> every = new ArrayList<>();
          OpenAiConversation<ChatChunk, ChatResult> conversation = OpenAiConversation
              .builder(ChatCompletionsProtocol.lenient()).strict(strict).listener(listener)
              .onEveryDiagnostic(every::add).build(new ChatAccumulator(ChatDeltaListener.NONE));
          for (int at = 0; at < stream.length; at += 100) {
            conversation.feed(stream, at, Math.min(100, stream.length - at));
          }
          return new Seen(conversation.end(), listener.diagnostics, every, listener.errors);
        }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ways")
  void aDeviationInEveryChunkIsReportedOnceWithItsCount(Way way) {
    Seen seen = way.runner().run(emptyRoles(N), false);
    ChatResult result = seen.result();

    assertEquals(1, result.diagnostics().size(), result.diagnostics().toString());
    DiagnosticSummary summary = result.diagnostics().get(0);
    assertEquals(OpenAiDiagnostics.EMPTY_ROLE, summary.code());
    assertEquals(N, summary.count());
    assertTrue(summary.excerpt().contains("\"t0 \""), "the first occurrence's excerpt: " + summary.excerpt());
    assertEquals(List.of(summary.first()), seen.firsts(), "the listeners are called once");
    assertEquals(N, seen.every().size(), "every-occurrence observers see each one");
    assertTrue(seen.every().get(N - 1).excerpt().contains("\"t" + (N - 1) + " \""));

    int kept = DiagnosticLimits.DEFAULT_MAX_OCCURRENCES_PER_CODE;
    assertEquals(seen.every().subList(0, kept), result.diagnosticOccurrences(), "the first occurrences are kept");
    assertEquals(N - kept, result.diagnosticOccurrencesNotKept());
    assertEquals(List.of(), result.errors());
    assertTrue(result.message().orElseThrow().content().startsWith("t0 t1 t2 "), "the text streams on");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ways")
  void strictModeStillFailsAtTheFirst(Way way) {
    Seen seen = way.runner().run(emptyRoles(N), true);
    ChatResult result = seen.result();

    StrictModeException first = assertInstanceOf(StrictModeException.class, result.error().orElseThrow());
    assertEquals(OpenAiDiagnostics.EMPTY_ROLE, first.diagnostic().code());
    assertTrue(first.diagnostic().excerpt().contains("\"t0 \""), "refused at the first chunk");
    assertEquals(first.diagnostic(), assertInstanceOf(StrictModeException.class, seen.errors().get(0)).diagnostic(),
        "the listener sees the first chunk refused first");
    assertEquals("end", result.message().orElseThrow().content(), "every deviating chunk was withheld");
    assertEquals(N, result.diagnostics().get(0).count());
    assertEquals(1, seen.firsts().size(), "reported once in strict mode too");
    assertEquals(N, seen.every().size());
    // one error per occurrence, but the result keeps them as it keeps occurrences: the first ones, a count beyond
    assertEquals(DiagnosticLimits.DEFAULT_MAX_OCCURRENCES, result.errors().size());
    assertEquals(N - DiagnosticLimits.DEFAULT_MAX_OCCURRENCES, result.errorsNotKept());
  }

  @Test
  void strictModeErrorsAreBoundedByTheStreamsLimitsAndACutStreamKeepsItsFailureLast() {
    OpenAiConversation<ChatChunk, ChatResult> strict = OpenAiConversation.builder(ChatCompletionsProtocol.lenient())
        .strict(true).build(new ChatAccumulator(ChatDeltaListener.NONE, new DiagnosticLimits(0, 0)));
    byte[] cut = emptyRoles(50);
    strict.feed(cut, 0, cut.length);
    ChatResult result = strict.fail(new SseException("the connection was lost"));
    assertEquals(2, result.errors().size(), "the first error, and the failure that cut the stream");
    assertInstanceOf(StrictModeException.class, result.errors().get(0));
    assertEquals("the connection was lost", result.errors().get(1).getMessage());
    assertEquals(49, result.errorsNotKept());

    ResponsesResult responses = ResponsesStream.builder().strict(true).diagnosticLimits(new DiagnosticLimits(3, 5))
        .build().feed(unnamedEvents(20)).end();
    assertEquals(5, responses.errors().size());
    assertEquals(responses.diagnostics().get(0).count() - 5, responses.errorsNotKept());
  }

  @Test
  void aMillionDeviatingChunksKeepTheBoundsAndExactCounts() {
    int million = 1_000_000;
    // small chunks, fed in batches as a transport would: the stream itself is never held whole
    byte[] batch = "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"\"}}]}\n\n".repeat(10_000)
        .getBytes(UTF_8);
    long[] every = new long[1];
    ChatStream stream = ChatStream.builder().onEveryDiagnostic(d -> every[0]++).build();
    for (int fed = 0; fed < million; fed += 10_000) {
      stream.feed(batch);
    }
    ChatResult result = stream.feed(LAST.getBytes(UTF_8)).end();

    assertEquals(List.of(OpenAiDiagnostics.EMPTY_ROLE), result.diagnosticCodes());
    assertEquals(million, result.diagnostics().get(0).count());
    assertEquals(million, every[0]);
    assertEquals(DiagnosticLimits.DEFAULT_MAX_OCCURRENCES_PER_CODE, result.diagnosticOccurrences().size());
    assertEquals(million - DiagnosticLimits.DEFAULT_MAX_OCCURRENCES_PER_CODE, result.diagnosticOccurrencesNotKept());
    assertEquals("end", result.message().orElseThrow().content());
  }

  @Test
  void theLimitsAreTheStreams() {
    ChatResult none = ChatStream.builder().diagnosticLimits(new DiagnosticLimits(0, 0)).build()
        .feed(emptyRoles(5)).end();
    assertEquals(List.of(), none.diagnosticOccurrences());
    assertEquals(5, none.diagnosticOccurrencesNotKept());
    assertEquals(5, none.diagnostics().get(0).count(), "the summary and its count are kept whatever the limits");

    ResponsesResult three = ResponsesStream.builder().diagnosticLimits(new DiagnosticLimits(3, 100)).build()
        .feed(unnamedEvents(5)).end();
    assertEquals(3, three.diagnosticOccurrences().size());
    assertEquals(2, three.diagnosticOccurrencesNotKept());
  }

  /** {@code n} Responses text deltas in unnamed events (each reported as {@code openai.unnamed-event}). */
  static byte[] unnamedEvents(int n) {
    StringBuilder stream = new StringBuilder();
    for (int i = 0; i < n; i++) {
      stream.append("data: {\"type\":\"response.output_text.delta\",\"output_index\":0,\"content_index\":0,"
          + "\"delta\":\"t").append(i).append(" \"}\n\n");
    }
    return stream.append("event: response.completed\ndata: {\"type\":\"response.completed\",\"response\":"
        + "{\"id\":\"r\",\"status\":\"completed\"}}\n\n").toString().getBytes(UTF_8);
  }

  @Test
  void aResponsesStreamReportsARepeatedDeviationOnceToo() {
    List<Diagnostic> firsts = new ArrayList<>();
    List<Diagnostic> every = new ArrayList<>();
    ResponsesResult result = ResponsesStream.builder().onDiagnostic(firsts::add).onEveryDiagnostic(every::add)
        .build().feed(unnamedEvents(N)).end();

    assertEquals(List.of(OpenAiDiagnostics.UNNAMED_EVENT), result.diagnosticCodes());
    assertEquals(N, result.diagnostics().get(0).count());
    assertEquals(List.of(result.diagnostics().get(0).first()), firsts);
    assertEquals(N, every.size());
    assertEquals(DiagnosticLimits.DEFAULT_MAX_OCCURRENCES_PER_CODE, result.diagnosticOccurrences().size());
    assertTrue(result.text().startsWith("t0 t1 "), result.text());
  }
}
