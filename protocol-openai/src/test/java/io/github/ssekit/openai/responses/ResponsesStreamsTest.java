package io.github.ssekit.openai.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ssekit.openai.DiagnosticChecks;
import io.github.ssekit.openai.OpenAiConversation;
import io.github.ssekit.openai.ProviderStreamException;
import io.github.ssekit.openai.StrictModeException;
import io.github.ssekit.openai.TestFiles;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.SseParser;
import io.github.ssekit.sse.protocol.ProtocolListener;
import io.github.ssekit.sse.testing.Feeding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Responses API streams ({@code responses/streams/<case>.sse}, shaped after the OpenAI captures cited in
 * research/openai-streaming.md §2) against the expected assembly ({@code <case>.json}), fed every way.
 */
class ResponsesStreamsTest {

  record Run(ResponsesResult result, List<String> outcomes, String streamed) {}

  static Stream<String> cases() {
    try (Stream<Path> files = Files.list(Path.of(ResponsesStreamsTest.class.getResource("/responses/streams").toURI()))) {
      List<String> names = new ArrayList<>();
      files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sse")).sorted()
          .forEach(n -> names.add(n.substring(0, n.length() - ".sse".length())));
      return names.stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Feeds {@code stream} through {@code feed} to an {@link OpenAiConversation}, as the client does. */
  static Run run(byte[] stream, Consumer<SseParser> feed, boolean strict) {
    StringBuilder streamed = new StringBuilder();
    List<String> outcomes = new ArrayList<>();
    ProtocolListener<ResponsesEvent> recorder = new ProtocolListener<>() {
      @Override
      public void onValue(ResponsesEvent value) {
        outcomes.add("VALUE");
      }

      @Override
      public void onKeepAlive() {
        outcomes.add("KEEP_ALIVE");
      }

      @Override
      public void onEnd() {
        outcomes.add("END");
      }

      @Override
      public void onError(SseException error) {
        outcomes.add("ERROR");
      }

      @Override
      public void onIgnored(SseEvent event) {
        outcomes.add("IGNORED");
      }
    };
    OpenAiConversation<ResponsesEvent, ResponsesResult> conversation =
        OpenAiConversation.builder(ResponsesProtocol.lenient()).strict(strict).listener(recorder)
            .build(new ResponsesAccumulator(ResponsesDeltaListener.text(streamed::append)));
    feed.accept(SseParser.create(conversation));
    return new Run(conversation.end(), outcomes, streamed.toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void assemblesTheExpectedResultFedEveryWay(String name) {
    byte[] stream = TestFiles.bytes("responses/streams/" + name + ".sse");
    JsonNode expected = TestFiles.json("responses/streams/" + name + ".json");
    Feeding.forEachFeeding(stream, (how, feed) -> {
      try {
        check(run(stream, feed, false), expected);
      } catch (AssertionError e) {
        throw new AssertionError("fed " + how + ": " + e.getMessage(), e);
      }
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void strictModeMakesEachDiagnosticAnError(String name) {
    byte[] stream = TestFiles.bytes("responses/streams/" + name + ".sse");
    ResponsesResult strict = run(stream, p -> Feeding.feedCut(p, stream), true).result();
    List<String> refused = strict.errors().stream().filter(e -> e instanceof StrictModeException)
        .map(e -> ((StrictModeException) e).diagnostic().code()).toList();
    assertEquals(DiagnosticChecks.codes(strict.diagnosticOccurrences()), refused, "one refusal per occurrence");
    ResponsesResult viaStream = ResponsesStream.decode(stream);
    if (!viaStream.diagnostics().isEmpty()) {
      assertTrue(strict.error().isPresent());
    }
  }

  private static void check(Run run, JsonNode expected) {
    ResponsesResult result = run.result();
    assertEquals(expected.path("text").asText(), result.text(), "text");
    assertEquals(expected.path("reasoning").asText(), result.reasoning(), "reasoning");
    assertEquals(expected.path("refusal").asText(), result.refusal(), "refusal");
    assertEquals(expected.path("status").asText(), result.status().orElse(null), "status");
    assertEquals(text(expected, "incompleteReason"), result.incompleteReason().orElse(null), "incomplete reason");
    assertEquals(expected.has("streamed") ? expected.get("streamed").asText() : result.text(), run.streamed(),
        "text streamed as it arrived");
    JsonNode calls = expected.path("functionCalls");
    assertEquals(calls.size(), result.functionCalls().size(), "function calls");
    for (int i = 0; i < calls.size(); i++) {
      JsonNode call = calls.get(i);
      FunctionCall actual = result.functionCalls().get(i);
      assertEquals(call.path("outputIndex").asInt(), actual.outputIndex(), "output index");
      assertEquals(text(call, "itemId"), actual.itemId().orElse(null), "item id");
      assertEquals(text(call, "callId"), actual.callId().orElse(null), "call id");
      assertEquals(text(call, "name"), actual.name().orElse(null), "name");
      assertEquals(call.path("arguments").asText(), actual.arguments(), "arguments");
    }
    JsonNode usage = expected.path("usage");
    if (usage.isNull() || usage.isMissingNode()) {
      assertTrue(result.usage().isEmpty(), "no usage");
    } else {
      ResponseUsage actual = result.usage().orElseThrow();
      assertEquals(usage.get("input_tokens").asLong(), actual.inputTokens().orElseThrow(), "input tokens");
      assertEquals(usage.get("output_tokens").asLong(), actual.outputTokens().orElseThrow(), "output tokens");
      assertEquals(usage.get("total_tokens").asLong(), actual.totalTokens().orElseThrow(), "total tokens");
    }
    List<String> codes = new ArrayList<>();
    expected.path("diagnostics").forEach(c -> codes.add(c.asText()));
    assertEquals(codes, DiagnosticChecks.codes(result.diagnosticOccurrences()), "diagnostics, in order");
    assertEquals(0, result.diagnosticOccurrencesNotKept(), "a short stream keeps every occurrence");
    DiagnosticChecks.assertCoalesced(result.diagnostics(), result.diagnosticOccurrences());
    assertEquals(expected.path("errors").size(), result.errors().size(), "errors: " + result.errors());
    Iterator<SseException> errors = result.errors().iterator();
    for (JsonNode error : expected.path("errors")) {
      ProviderStreamException actual = (ProviderStreamException) errors.next();
      assertEquals(error.path("message").asText(), actual.providerMessage(), "error message");
      assertEquals(text(error, "code"), actual.code().orElse(null), "error code");
      assertEquals(text(error, "type"), actual.type().orElse(null), "error type");
    }
    assertEquals(expected.path("truncated").asBoolean(), result.truncated(), "truncated");
    if (expected.has("outcomes")) {
      List<String> outcomes = new ArrayList<>();
      expected.get("outcomes").forEach(o -> outcomes.add(o.asText()));
      assertEquals(outcomes, run.outcomes(), "outcomes");
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
