package io.github.ssekit.openai.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ssekit.openai.DiagnosticChecks;
import io.github.ssekit.openai.OpenAiConversation;
import io.github.ssekit.openai.ProviderStreamException;
import io.github.ssekit.openai.StrictModeException;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.SseParser;
import io.github.ssekit.sse.protocol.ProtocolListener;
import io.github.ssekit.sse.testing.Feeding;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Runs a Chat Completions stream the way the client does (a parser's events into an {@link OpenAiConversation}) and checks the outcome
 * against an expectation written as JSON.
 */
final class ChatHarness {
  private ChatHarness() {}

  /** What one run produced. */
  record Run(ChatResult result, List<String> outcomes, Map<String, Integer> named,
      Map<Integer, StringBuilder> streamedContent) {}

  /**
   * Feeds {@code stream} through {@code feed} to an {@link OpenAiConversation} (events from a parser, as the client's
   * transport delivers them), with named-event listeners for {@code namedEvents}.
   */
  static Run run(byte[] stream, Consumer<SseParser> feed, boolean strict, Iterable<String> namedEvents) {
    Map<Integer, StringBuilder> streamed = new TreeMap<>();
    ChatAccumulator accumulator = new ChatAccumulator(new ChatDeltaListener() {
      @Override
      public void onContent(int choiceIndex, String fragment) {
        streamed.computeIfAbsent(choiceIndex, i -> new StringBuilder()).append(fragment);
      }
    });
    List<String> outcomes = new ArrayList<>();
    ProtocolListener<ChatChunk> recorder = new ProtocolListener<>() {
      @Override
      public void onValue(ChatChunk value) {
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
    OpenAiConversation.Builder<ChatChunk> builder = OpenAiConversation.builder(ChatCompletionsProtocol.lenient())
        .strict(strict).listener(recorder);
    Map<String, Integer> named = new TreeMap<>();
    for (String name : namedEvents) {
      builder.on(name, event -> named.merge(name, 1, Integer::sum));
    }
    OpenAiConversation<ChatChunk, ChatResult> conversation = builder.build(accumulator);
    feed.accept(SseParser.create(conversation));
    return new Run(conversation.end(), outcomes, named, streamed);
  }

  /** Runs {@code stream} fed whole, byte by byte, split at every offset and randomly, checking each run. */
  static void inEveryWay(byte[] stream, JsonNode expected) {
    Feeding.forEachFeeding(stream, (how, feed) -> check(how, run(stream, feed, false, namedEvents(expected)),
        expected));
  }

  /** Like {@link #inEveryWay}, for large streams: whole, byte by byte and ten random chunkings. */
  static void inSeveralWays(byte[] stream, JsonNode expected) {
    check("whole", run(stream, p -> Feeding.feedCut(p, stream), false, namedEvents(expected)), expected);
    check("byte by byte", run(stream, p -> Feeding.feedInChunks(p, stream, 1), false, namedEvents(expected)),
        expected);
    for (long seed = 1; seed <= 10; seed++) {
      java.util.Random random = new java.util.Random(seed);
      int max = seed % 2 == 0 ? 7 : 97;
      check("randomly (seed " + seed + ")",
          run(stream, p -> Feeding.feedRandomly(p, stream, random, max), false, namedEvents(expected)), expected);
    }
  }

  static List<String> namedEvents(JsonNode expected) {
    List<String> names = new ArrayList<>();
    expected.path("named").fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** Checks one run against the expectation; failures name the feeding mode. */
  static void check(String how, Run run, JsonNode expected) {
    try {
      checkResult(run, expected);
    } catch (AssertionError e) {
      throw new AssertionError("fed " + how + ": " + e.getMessage(), e);
    }
  }

  private static void checkResult(Run run, JsonNode expected) {
    ChatResult result = run.result();
    JsonNode choices = expected.path("choices");
    assertEquals(choices.size(), result.choices().size(), "number of choices");
    for (int i = 0; i < choices.size(); i++) {
      checkMessage(choices.get(i), result.choices().get(i));
    }
    JsonNode usage = expected.path("usage");
    if (usage.isMissingNode() || usage.isNull()) {
      assertEquals(Optional.empty(), result.usage(), "usage");
    } else {
      Usage actual = result.usage().orElseThrow(() -> new AssertionError("no usage"));
      assertEquals(longOrNull(usage, "prompt_tokens"), actual.promptTokens().orElse(null), "prompt_tokens");
      assertEquals(longOrNull(usage, "completion_tokens"), actual.completionTokens().orElse(null),
          "completion_tokens");
      assertEquals(longOrNull(usage, "total_tokens"), actual.totalTokens().orElse(null), "total_tokens");
      if (usage.has("extra")) {
        usage.get("extra").fields().forEachRemaining(e -> assertEquals(e.getValue(), actual.extra().get(e.getKey()),
            "usage extra " + e.getKey()));
      }
    }
    List<String> codes = new ArrayList<>();
    expected.path("diagnostics").forEach(code -> codes.add(code.asText()));
    assertEquals(codes, DiagnosticChecks.codes(result.diagnosticOccurrences()), "diagnostic codes, in order");
    assertEquals(0, result.diagnosticOccurrencesNotKept(), "a short stream keeps every occurrence");
    DiagnosticChecks.assertCoalesced(result.diagnostics(), result.diagnosticOccurrences());
    checkErrors(expected.path("errors"), result.errors());
    assertEquals(expected.path("done").asBoolean(), result.doneReceived(), "[DONE] received");
    assertEquals(expected.path("truncated").asBoolean(), result.truncated(), "truncated");
    if (expected.has("outcomes")) {
      List<String> outcomes = new ArrayList<>();
      expected.get("outcomes").forEach(o -> outcomes.add(o.asText()));
      assertEquals(outcomes, run.outcomes(), "outcomes");
    }
    if (expected.has("named")) {
      Map<String, Integer> named = new TreeMap<>();
      expected.get("named").fields().forEachRemaining(e -> named.put(e.getKey(), e.getValue().asInt()));
      assertEquals(named, run.named(), "named events received");
    }
    // what was streamed as it arrived is exactly the final text
    for (ChatMessage message : result.choices()) {
      StringBuilder streamed = run.streamedContent().get(message.index());
      assertEquals(message.content(), streamed == null ? "" : streamed.toString(),
          "streamed content of choice " + message.index());
    }
  }

  private static void checkMessage(JsonNode expected, ChatMessage actual) {
    assertEquals(expected.path("index").asInt(0), actual.index(), "choice index");
    assertEquals(textOrNull(expected, "role"), actual.role().map(Role::raw).orElse(null), "role");
    assertEquals(expected.path("content").asText(""), actual.content(), "content");
    assertEquals(expected.path("reasoning").asText(""), actual.reasoning(), "reasoning");
    assertEquals(expected.path("refusal").asText(""), actual.refusal(), "refusal");
    assertEquals(textOrNull(expected, "finishReason"), actual.finishReason().map(FinishReason::raw).orElse(null),
        "finish reason");
    JsonNode calls = expected.path("toolCalls");
    assertEquals(calls.size(), actual.toolCalls().size(), "number of tool calls");
    for (int i = 0; i < calls.size(); i++) {
      JsonNode call = calls.get(i);
      ToolCall tool = actual.toolCalls().get(i);
      assertEquals(textOrNull(call, "id"), tool.id().orElse(null), "tool call " + i + " id");
      assertEquals(textOrNull(call, "name"), tool.name().orElse(null), "tool call " + i + " name");
      assertEquals(call.path("arguments").asText(), tool.arguments(), "tool call " + i + " arguments");
      if (call.has("type")) {
        assertEquals(textOrNull(call, "type"), tool.type().map(ToolType::raw).orElse(null), "tool call type");
      }
      if (call.has("index")) {
        assertEquals(call.get("index").isNull() ? null : call.get("index").asInt(), tool.index().orElse(null),
            "tool call " + i + " index");
      }
      if (call.has("extra")) {
        call.get("extra").fields().forEachRemaining(e -> assertEquals(e.getValue(), tool.extra().get(e.getKey()),
            "tool call extra " + e.getKey()));
      }
    }
  }

  private static void checkErrors(JsonNode expected, List<SseException> actual) {
    assertEquals(expected.size(), actual.size(), "number of errors: " + actual);
    Iterator<SseException> errors = actual.iterator();
    for (JsonNode error : expected) {
      SseException e = errors.next();
      assertEquals(error.path("class").asText(), e.getClass().getSimpleName(), "error class");
      if (e instanceof ProviderStreamException provider) {
        assertEquals(error.path("message").asText(), provider.providerMessage(), "provider message");
        assertEquals(textOrNull(error, "code"), provider.code().orElse(null), "provider code");
        assertEquals(textOrNull(error, "type"), provider.type().orElse(null), "provider type");
        assertFalse(provider.rawJson().isEmpty(), "raw JSON kept");
      }
      if (e instanceof StrictModeException strict) {
        assertEquals(error.path("code").asText(), strict.diagnostic().code(), "strict diagnostic code");
      }
    }
    assertTrue(!errors.hasNext());
  }

  private static String textOrNull(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static Long longOrNull(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asLong();
  }
}
