package io.github.ssekit.openai;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.openai.chat.ChatAccumulator;
import io.github.ssekit.openai.chat.ChatChunk;
import io.github.ssekit.openai.chat.ChatCompletionsProtocol;
import io.github.ssekit.openai.chat.ChatDeltaListener;
import io.github.ssekit.openai.chat.ChatResult;
import io.github.ssekit.openai.responses.ResponsesAccumulator;
import io.github.ssekit.openai.responses.ResponsesEvent;
import io.github.ssekit.openai.responses.ResponsesProtocol;
import io.github.ssekit.openai.responses.ResponsesResult;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.SseParser;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.protocol.DiagnosticLimits;
import io.github.ssekit.sse.protocol.DiagnosticSummary;
import io.github.ssekit.sse.protocol.ProtocolListener;
import io.github.ssekit.sse.protocol.SseProtocol;
import io.github.ssekit.sse.protocol.StreamAccumulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The one stream object: events or bytes in, the same result out; strict mode applied once; cut streams kept. */
class OpenAiConversationTest {
  private static final String CHUNK = "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
      + "\"choices\":[{\"index\":0,\"delta\":{%s},\"finish_reason\":%s}]}";

  private static String chunk(String delta, String finishReason) {
    return "data: " + String.format(CHUNK, delta, finishReason) + "\n\n";
  }

  /** Everything a listener saw, in order, with errors as class and message (exceptions have no equality). */
  static final class Log<T> implements ProtocolListener<T> {
    final List<String> entries = new ArrayList<>();
    final List<Diagnostic> diagnostics = new ArrayList<>();
    int errors;

    @Override
    public void onValue(T value) {
      entries.add("value " + value);
    }

    @Override
    public void onDiagnostic(Diagnostic diagnostic) {
      diagnostics.add(diagnostic);
      entries.add("diagnostic " + diagnostic);
    }

    @Override
    public void onKeepAlive() {
      entries.add("keep-alive");
    }

    @Override
    public void onEnd() {
      entries.add("end");
    }

    @Override
    public void onError(SseException error) {
      errors++;
      entries.add("error " + describe(error));
    }

    @Override
    public void onIgnored(SseEvent event) {
      entries.add("ignored " + event);
    }
  }

  static String describe(SseException error) {
    return error.getClass().getSimpleName() + ": " + error.getMessage();
  }

  static List<String> describe(List<SseException> errors) {
    return errors.stream().map(OpenAiConversationTest::describe).toList();
  }

  static Stream<String> chatStreams() {
    return Stream.concat(list("chat/deviations").map(n -> "chat/deviations/" + n),
        list("fixtures/openai").map(n -> "fixtures/openai/" + n));
  }

  static Stream<String> responsesStreams() {
    return list("responses/streams").map(n -> "responses/streams/" + n);
  }

  private static Stream<String> list(String directory) {
    try (Stream<Path> files = Files.list(Path.of(OpenAiConversationTest.class.getResource("/" + directory).toURI()))) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sse") || n.endsWith(".jsonl"))
          .sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One run: what the listener saw, and the result with its errors made comparable. */
  record Run(List<String> seen, Object result, List<String> errors) {}

  private static <T, R> Run run(SseProtocol<T> protocol, Supplier<StreamAccumulator<T, R>> accumulator,
      Function<R, List<SseException>> errors, boolean strict, byte[] stream, boolean asEvents) {
    Log<T> log = new Log<>();
    OpenAiConversation<T, R> conversation = OpenAiConversation.builder(protocol).strict(strict).listener(log)
        .maxEventBytes(4096).build(accumulator.get());
    if (asEvents) {
      // as the client's transport delivers them: events from a parser of its own, and its recovered errors
      SseParser parser = SseParser.builder().maxEventBytes(4096).handler(conversation).build();
      parser.feed(stream);
      parser.end();
    } else {
      conversation.feed(stream);
    }
    R result = conversation.end();
    // the errors have no equality: compare them by description, and the rest of the result as a value
    return new Run(log.entries, result.toString().replaceAll("@[0-9a-f]+", ""), describe(errors.apply(result)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("chatStreams")
  void chatEventsAndBytesGiveTheSameOutcomesAndResult(String name) {
    byte[] stream = TestFiles.stream(name);
    for (boolean strict : new boolean[] {false, true}) {
      Run events = run(ChatCompletionsProtocol.lenient(), ChatAccumulator::new, ChatResult::errors, strict, stream,
          true);
      Run bytes = run(ChatCompletionsProtocol.lenient(), ChatAccumulator::new, ChatResult::errors, strict, stream,
          false);
      assertEquals(bytes, events, strict ? "strict" : "lenient");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("responsesStreams")
  void responsesEventsAndBytesGiveTheSameOutcomesAndResult(String name) {
    byte[] stream = TestFiles.stream(name);
    for (boolean strict : new boolean[] {false, true}) {
      Run events = run(ResponsesProtocol.lenient(), ResponsesAccumulator::new, ResponsesResult::errors, strict,
          stream, true);
      Run bytes = run(ResponsesProtocol.lenient(), ResponsesAccumulator::new, ResponsesResult::errors, strict,
          stream, false);
      assertEquals(bytes, events, strict ? "strict" : "lenient");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("chatStreams")
  void listenersSeeEachCodeOnceAndEveryOccurrenceObserversSeeThemAll(String name) {
    Log<ChatChunk> log = new Log<>();
    List<Diagnostic> every = new ArrayList<>();
    List<Diagnostic> firsts = new ArrayList<>();
    DiagnosticLimits keepAll = new DiagnosticLimits(Integer.MAX_VALUE, Integer.MAX_VALUE);
    ChatResult result = OpenAiConversation.builder(ChatCompletionsProtocol.lenient()).listener(log)
        .onEveryDiagnostic(every::add).onDiagnostic(firsts::add)
        .build(new ChatAccumulator(ChatDeltaListener.NONE, keepAll)).feed(TestFiles.stream(name)).end();
    assertEquals(result.diagnostics().stream().map(DiagnosticSummary::first).toList(), log.diagnostics,
        "the first occurrence of each code, the accumulator's too");
    assertEquals(log.diagnostics, firsts);
    assertEquals(result.diagnosticOccurrences(), every, "every occurrence, in order");
    DiagnosticChecks.assertCoalesced(result.diagnostics(), every);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("chatStreams")
  void strictModeIsTheSameWhetherTheProtocolIsStrictOrNot(String name) {
    byte[] stream = TestFiles.stream(name);
    assertEquals(
        run(ChatCompletionsProtocol.lenient(), ChatAccumulator::new, ChatResult::errors, true, stream, false),
        run(ChatCompletionsProtocol.strict(), ChatAccumulator::new, ChatResult::errors, true, stream, false));
  }

  @Test
  void strictModeRefusesEachDiagnosticOnceAndTheEventOnce() {
    // one event with two deviations: both are refused in the result; the event is refused once, for the first
    // the decoder found (the finish reason's)
    byte[] stream = (chunk("\"role\":\"\",\"content\":\"Hi\"", "\"\"") + chunk("\"content\":\"!\"", "\"stop\"")
        + "data: [DONE]\n\n").getBytes(UTF_8);
    Log<ChatChunk> log = new Log<>();
    ChatResult result = OpenAiConversation.builder(ChatCompletionsProtocol.lenient()).strict(true).listener(log)
        .build(new ChatAccumulator()).feed(stream).end();

    assertEquals(List.of(OpenAiDiagnostics.EMPTY_FINISH_REASON, OpenAiDiagnostics.EMPTY_ROLE),
        result.diagnosticCodes());
    assertEquals(DiagnosticChecks.codes(result.diagnosticOccurrences()), result.errors().stream()
        .map(e -> assertInstanceOf(StrictModeException.class, e).diagnostic().code()).toList(),
        "one refusal per diagnostic, none twice");
    assertEquals(1, log.errors, "the listener sees the event refused once");
    assertTrue(log.entries.get(2).startsWith("error StrictModeException: strict mode: openai.empty-finish-reason"),
        log.entries.toString());
    assertEquals("!", result.message().orElseThrow().content(), "the refused chunk was withheld");
  }

  @Test
  void identicalDiagnosticsOfTwoEventsAreEachRefused() {
    String deviating = chunk("\"role\":\"\",\"content\":\"a\"", "null");
    byte[] stream = (deviating + deviating + chunk("\"content\":\"b\"", "\"stop\"") + "data: [DONE]\n\n")
        .getBytes(UTF_8);
    ChatResult result = OpenAiConversation.builder(ChatCompletionsProtocol.lenient()).strict(true)
        .build(new ChatAccumulator()).feed(stream).end();
    assertEquals(result.diagnosticOccurrences().get(0), result.diagnosticOccurrences().get(1),
        "the same diagnostic twice");
    assertEquals(2, result.diagnostics().get(0).count(), "reported once, counted twice");
    assertEquals(2, result.errors().size(), describe(result.errors()).toString());
  }

  @Test
  void strictModeRefusesTheDiagnosticsTheAccumulatorFindsAndTheDispatchersToo() {
    // a named event nobody listens to (the dispatcher's), then a stream cut before its finish reason (the
    // accumulator's, at the end)
    byte[] stream = ("event: hermes.tool.progress\ndata: {}\n\n" + chunk("\"content\":\"Hi\"", "null"))
        .getBytes(UTF_8);
    Log<ChatChunk> log = new Log<>();
    ChatResult result = OpenAiConversation.builder(ChatCompletionsProtocol.lenient()).strict(true).listener(log)
        .build(new ChatAccumulator()).feed(stream).end();
    assertEquals(List.of(Diagnostic.IGNORED_EVENT), result.diagnosticCodes(),
        "an error ends the end-of-stream checks, as in the accumulator");
    assertEquals(1, result.errors().size());
    assertEquals("Hi", result.message().orElseThrow().content());

    ChatResult cut = OpenAiConversation.builder(ChatCompletionsProtocol.lenient()).strict(true).listener(log)
        .build(new ChatAccumulator()).feed(chunk("\"content\":\"Hi\"", "null").getBytes(UTF_8)).end();
    assertEquals(List.of(OpenAiDiagnostics.MISSING_FINISH_REASON, OpenAiDiagnostics.MISSING_DONE),
        cut.diagnosticCodes());
    assertEquals(DiagnosticChecks.codes(cut.diagnosticOccurrences()), cut.errors().stream()
        .map(e -> ((StrictModeException) e).diagnostic().code()).toList());
  }

  @Test
  void aTransportFailureKeepsThePartialResultWithTheFailureLast() {
    StringBuilder text = new StringBuilder();
    OpenAiConversation<ChatChunk, ChatResult> conversation = OpenAiConversation
        .builder(ChatCompletionsProtocol.lenient()).build(new ChatAccumulator(ChatDeltaListener.content(text::append)));
    conversation.feed(chunk("\"role\":\"assistant\",\"content\":\"Hello\"", "null").getBytes(UTF_8));
    conversation.feed("data: {\"choi".getBytes(UTF_8)); // the connection drops inside an event
    SseException lost = new SseException("connection reset");
    ChatResult result = conversation.fail(lost);

    assertEquals("Hello", result.message().orElseThrow().content());
    assertEquals("Hello", text.toString());
    assertTrue(result.truncated(), "cut before its finish reason");
    assertEquals(List.of(OpenAiDiagnostics.MISSING_FINISH_REASON, OpenAiDiagnostics.MISSING_DONE),
        result.diagnosticCodes());
    assertEquals(List.of(lost), result.errors());
    assertTrue(conversation.isOver());
    assertSame(result, conversation.end(), "the first end decides");
    assertSame(result, conversation.fail(new SseException("later")));
  }

  @Test
  void aCancelKeepsWhatArrivedAndLaterInputIsIgnoredOrRefused() {
    Log<ResponsesEvent> log = new Log<>();
    OpenAiConversation<ResponsesEvent, ResponsesResult> conversation = OpenAiConversation
        .builder(ResponsesProtocol.lenient()).listener(log).build(new ResponsesAccumulator());
    conversation.onEvent(new SseEvent("response.output_text.delta",
        "{\"type\":\"response.output_text.delta\",\"output_index\":0,\"content_index\":0,\"delta\":\"Hel\"}", ""));
    ResponsesResult result = conversation.cancel();
    assertEquals("Hel", result.text());
    assertTrue(result.truncated());
    assertEquals(List.of(), result.errors(), "a cancel is not an error");
    int seen = log.entries.size();

    conversation.onEvent(new SseEvent("response.output_text.delta",
        "{\"type\":\"response.output_text.delta\",\"output_index\":0,\"delta\":\"lo\"}", ""));
    conversation.onError(new SseException("late"));
    assertEquals(seen, log.entries.size(), "nothing reaches the listeners after the end");
    assertThrows(IllegalStateException.class, () -> conversation.feed(new byte[] {'x'}));
    assertSame(result, conversation.end());
  }

  @Test
  void theEndMarkerIsReported() {
    OpenAiConversation<ChatChunk, ChatResult> conversation = OpenAiConversation
        .builder(ChatCompletionsProtocol.lenient()).build(new ChatAccumulator());
    conversation.onEvent(SseEvent.message(String.format(CHUNK, "\"content\":\"x\"", "\"stop\"")));
    assertFalse(conversation.endReceived());
    conversation.onEvent(SseEvent.message("[DONE]"));
    assertTrue(conversation.endReceived());
    assertFalse(conversation.isOver(), "the driver decides when to end");
    ChatResult result = conversation.end();
    assertTrue(result.doneReceived());
    assertEquals(List.of(), result.diagnostics());
  }

  @Test
  void aTransportsRecoveredErrorIsRecordedAndTheStreamGoesOn() {
    OpenAiConversation<ChatChunk, ChatResult> conversation = OpenAiConversation
        .builder(ChatCompletionsProtocol.lenient()).build(new ChatAccumulator());
    SseException tooLarge = new io.github.ssekit.sse.SseEventTooLargeException(16);
    conversation.onError(tooLarge);
    conversation.onEvent(SseEvent.message(String.format(CHUNK, "\"content\":\"x\"", "\"stop\"")));
    ChatResult result = conversation.end();
    assertEquals(List.of(tooLarge), result.errors());
    assertEquals("x", result.message().orElseThrow().content());
  }
}
