package io.github.ssekit.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ssekit.anthropic.internal.Json;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.protocol.DiagnosticLimits;
import io.github.ssekit.sse.protocol.DiagnosticSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What each test stream assembles to, and which diagnostics it reports (the README's catalogue). */
class MessagesStreamsTest {

  private static JsonNode json(String text) {
    return Json.parse(text).orElseThrow();
  }

  private static AnthropicMessage message(MessagesResult result) {
    return result.message().orElseThrow();
  }

  private static void wellFormed(MessagesResult result) {
    assertEquals(List.of(), result.diagnosticCodes());
    assertEquals(List.of(), result.errors());
    assertTrue(result.stopReceived());
    assertFalse(result.truncated());
  }

  private static void codes(MessagesResult result, String... codes) {
    assertEquals(List.of(codes), result.diagnosticCodes());
  }

  @Test
  void text() {
    MessagesResult result = Streams.decode("text");
    wellFormed(result);
    AnthropicMessage message = message(result);
    assertEquals(Optional.of("msg_01"), message.id());
    assertEquals(Optional.of("claude-sonnet-4-5"), message.model());
    assertEquals(Optional.of("assistant"), message.role());
    assertEquals("Hello!", result.text());
    assertEquals(Optional.of(StopReason.END_TURN), message.stopReason());
    Usage usage = message.usage().orElseThrow();
    assertEquals(OptionalLong.of(25), usage.inputTokens(), "from message_start");
    assertEquals(OptionalLong.of(15), usage.outputTokens(), "message_delta's replaces message_start's");
    assertEquals(OptionalLong.of(0), usage.cacheReadInputTokens());
    assertEquals(Map.of("type", json("\"message\"")), message.extra());
  }

  @Test
  void crlfLineEndingsChangeNothing() {
    assertEquals(Streams.summary(Streams.decode("text")), Streams.summary(Streams.decode("crlf-line-endings")));
  }

  @Test
  void toolUseInputIsAssembledAndParsedAtTheBlocksEnd() {
    MessagesResult result = Streams.decode("tool-use");
    wellFormed(result);
    AnthropicMessage message = message(result);
    assertEquals("Okay, let me check the weather.", result.text());
    ContentBlock tool = message.toolUses().get(0);
    assertEquals(Optional.of("toolu_01T1x1fJ34qAmk2tNTrN7Up6"), tool.id());
    assertEquals(Optional.of("get_weather"), tool.name());
    assertEquals(Optional.of(json("{\"location\":\"San Francisco, CA\",\"unit\":\"fahrenheit\",\"days\":0.1}")),
        tool.input());
    assertEquals("0.1", tool.input().get().get("days").toString(), "numbers kept exactly");
    assertEquals("{\"location\": \"San Francisco, CA\", \"unit\": \"fahrenheit\", \"days\": 0.1}", tool.inputJson());
    assertEquals(Optional.of(StopReason.TOOL_USE), message.stopReason());
  }

  @Test
  void thinkingWithItsSignature() {
    MessagesResult result = Streams.decode("thinking");
    wellFormed(result);
    ContentBlock thinking = message(result).content().get(0);
    assertEquals(BlockType.THINKING, thinking.type());
    assertEquals("Let me solve this step by step:\n\n1. 27 * 453 = 12231", thinking.thinking());
    assertEquals(Optional.of("EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"), thinking.signature());
    assertEquals("27 * 453 = 12,231", result.text());
  }

  @Test
  void redactedThinkingIsKeptAsStarted() {
    MessagesResult result = Streams.decode("redacted-thinking");
    wellFormed(result);
    ContentBlock redacted = message(result).content().get(0);
    assertEquals(BlockType.REDACTED_THINKING, redacted.type());
    assertEquals(Optional.of("EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP"), redacted.data());
  }

  @Test
  void citationsAreAppendedInOrder() {
    MessagesResult result = Streams.decode("citations");
    wellFormed(result);
    ContentBlock text = message(result).content().get(0);
    assertEquals("the grass is green", text.text());
    assertEquals(1, text.citations().size());
    assertEquals("The grass is green.", text.citations().get(0).get("cited_text").asText());
  }

  @Test
  void serverToolBlocksAreKept() {
    MessagesResult result = Streams.decode("server-tool");
    wellFormed(result);
    List<ContentBlock> content = message(result).content();
    assertEquals(List.of(BlockType.SERVER_TOOL_USE, BlockType.WEB_SEARCH_TOOL_RESULT, BlockType.TEXT),
        content.stream().map(ContentBlock::type).toList());
    assertEquals(Optional.of(json("{\"query\":\"weather NYC today\"}")), content.get(0).input());
    assertEquals("srvtoolu_014hJH82Qum7Td6UZxd6j29n", content.get(1).extra().get("tool_use_id").asText());
    assertEquals("Weather in New York City", content.get(1).extra().get("content").get(0).get("title").asText());
    Usage usage = message(result).usage().orElseThrow();
    assertEquals(OptionalLong.of(10682), usage.inputTokens());
    assertEquals(json("{\"web_search_requests\":1}"), usage.extra().get("server_tool_use"));
    assertTrue(message(result).toolUses().isEmpty(), "a server tool is not the caller's to run");
  }

  // ---- deviations ----

  @Test
  void midStreamErrorIsTypedAndThePartialMessageKept() {
    MessagesResult result = Streams.decode("error-overloaded");
    AnthropicStreamException error = assertInstanceOf(AnthropicStreamException.class, result.error().orElseThrow());
    assertTrue(error.isOverloaded());
    assertEquals(Optional.of("Overloaded"), error.errorMessage());
    assertEquals("The answer", result.text());
    assertTrue(result.truncated());
    codes(result); // the error says why it ended: no missing-message-stop on top
  }

  @Test
  void missingMessageStopIsTruncated() {
    MessagesResult result = Streams.decode("missing-message-stop");
    assertTrue(result.truncated());
    assertEquals("Hello", result.text());
    assertEquals(Optional.of(StopReason.END_TURN), message(result).stopReason());
    codes(result, AnthropicDiagnostics.MISSING_MESSAGE_STOP);
  }

  @Test
  void unnamedEventsAreReadByTheirType() {
    MessagesResult result = Streams.decode("unnamed-events");
    assertEquals("Hello!", result.text());
    assertFalse(result.truncated());
    codes(result, AnthropicDiagnostics.UNNAMED_EVENT);
    assertEquals(8, result.diagnostics().get(0).count(), "each event, the ping too");
  }

  @Test
  void aBlockNeverStoppedIsClosedAtTheNextStart() {
    MessagesResult result = Streams.decode("missing-block-stop");
    assertEquals("Checking.", result.text());
    assertEquals(Optional.of(json("{\"q\":\"kimi\"}")), message(result).toolUses().get(0).input());
    assertEquals(List.of(new DiagnosticSummary(Diagnostic.of(AnthropicDiagnostics.BLOCK_NOT_STOPPED,
        "block 0 was not stopped before the next block started", "index 0"), 2)), result.diagnostics());
  }

  @Test
  void deltasWithoutStartMakeTheirBlock() {
    MessagesResult result = Streams.decode("delta-without-start");
    assertEquals("Hello", result.text());
    assertFalse(result.truncated());
    codes(result, AnthropicDiagnostics.BLOCK_NOT_STARTED);
  }

  @Test
  void invalidToolInputIsKeptAsText() {
    MessagesResult result = Streams.decode("invalid-tool-input");
    ContentBlock tool = message(result).toolUses().get(0);
    assertEquals(Optional.empty(), tool.input());
    assertEquals("code\": \"uptime\"}", tool.inputJson());
    codes(result, AnthropicDiagnostics.INVALID_TOOL_INPUT);
  }

  @Test
  void usageZeroAtStartIsReplacedByTheDelta() {
    MessagesResult result = Streams.decode("usage-zero-at-start");
    wellFormed(result);
    Usage usage = message(result).usage().orElseThrow();
    assertEquals(OptionalLong.of(14), usage.inputTokens());
    assertEquals(OptionalLong.of(2), usage.outputTokens());
  }

  @Test
  void messageDeltaWithoutUsageKeepsTheStartsUsage() {
    MessagesResult result = Streams.decode("message-delta-without-usage");
    assertEquals(OptionalLong.of(10), message(result).usage().orElseThrow().inputTokens());
    assertEquals(Optional.of(StopReason.END_TURN), message(result).stopReason());
    codes(result, AnthropicDiagnostics.MISSING_USAGE);
  }

  @Test
  void usageInsideDeltaIsUsed() {
    MessagesResult result = Streams.decode("usage-in-delta");
    assertEquals(OptionalLong.of(15), message(result).usage().orElseThrow().outputTokens());
    codes(result, AnthropicDiagnostics.USAGE_IN_DELTA);
  }

  @Test
  void aLaterMessageDeltaDoesNotEraseTheStopReason() {
    MessagesResult result = Streams.decode("stop-reason-kept");
    wellFormed(result);
    assertEquals(Optional.of(StopReason.STOP_SEQUENCE), message(result).stopReason());
    assertEquals(Optional.of("###"), message(result).stopSequence());
    assertEquals(OptionalLong.of(4), message(result).usage().orElseThrow().outputTokens());
  }

  @Test
  void openAiPayloadsAreSkipped() {
    MessagesResult result = Streams.decode("openai-payload");
    assertEquals(Optional.empty(), result.message());
    assertTrue(result.truncated());
    codes(result, AnthropicDiagnostics.OPENAI_PAYLOAD, AnthropicDiagnostics.MISSING_MESSAGE_STOP);
    assertEquals(3, result.diagnostics().get(0).count());
  }

  @Test
  void foreignNamedEventsAreIgnoredButObservable() {
    MessagesResult result = Streams.decode("foreign-named-event");
    assertEquals("Hi", result.text());
    codes(result, Diagnostic.IGNORED_EVENT);
    List<String> seen = new ArrayList<>();
    MessagesResult heard = MessagesStream.builder().on("vendor.progress", e -> seen.add(e.data())).build()
        .feed(Streams.bytes("foreign-named-event")).end();
    assertEquals(List.of("{\"tool\":\"search\",\"status\":\"running\"}"), seen);
    wellFormed(heard);
  }

  @Test
  void indexGapsKeepIndexOrder() {
    MessagesResult result = Streams.decode("index-gap");
    assertEquals("onethree", result.text());
    codes(result, AnthropicDiagnostics.BLOCK_INDEX_GAP);
    assertEquals(2, result.diagnostics().get(0).count());
  }

  @Test
  void aReusedIndexGetsTheNextPlace() {
    MessagesResult result = Streams.decode("index-reused");
    assertEquals(List.of("a", "b"), message(result).content().stream().map(ContentBlock::text).toList());
    codes(result, AnthropicDiagnostics.BLOCK_INDEX_REUSED);
  }

  @Test
  void contentBeforeMessageStart() {
    MessagesResult result = Streams.decode("missing-message-start");
    assertEquals("Hi", result.text());
    assertEquals(Optional.empty(), message(result).id());
    codes(result, AnthropicDiagnostics.MISSING_MESSAGE_START);
  }

  @Test
  void whatTheStartBlocksCarryIsKept() {
    MessagesResult result = Streams.decode("content-in-start-blocks");
    wellFormed(result);
    List<ContentBlock> content = message(result).content();
    assertEquals(3, content.size(), "an empty text block is kept");
    assertEquals(Optional.of("sig-only"), content.get(0).signature());
    assertEquals("", content.get(0).thinking());
    assertEquals("", content.get(1).text());
    assertEquals(Optional.of(json("{\"zone\":\"UTC\"}")), content.get(2).input());
  }

  @Test
  void emptyDeltasAreHarmless() {
    MessagesResult result = Streams.decode("empty-deltas");
    wellFormed(result);
    assertEquals("hmm", message(result).content().get(0).thinking());
    assertEquals(Optional.of(json("{}")), message(result).content().get(1).input(), "no argument: {}");
  }

  @Test
  void everyKindOfPingIsAKeepAlive() {
    MessagesResult result = Streams.decode("ping-variants");
    wellFormed(result);
    assertEquals("Hi", result.text());
  }

  @Test
  void anErrorEventThatIsNotJsonIsStillAnError() {
    MessagesResult result = Streams.decode("error-not-json");
    AnthropicStreamException error = assertInstanceOf(AnthropicStreamException.class, result.error().orElseThrow());
    assertEquals(Optional.empty(), error.errorType());
    assertEquals("upstream connect error or disconnect/reset before headers", error.raw());
    assertEquals("Hi", result.text());
    codes(result, AnthropicDiagnostics.INVALID_JSON);
  }

  @Test
  void aWrongTypedIndexFindsTheBlockByPosition() {
    MessagesResult result = Streams.decode("wrong-type-index");
    assertEquals("Hi", result.text());
    codes(result, AnthropicDiagnostics.WRONG_TYPE);
  }

  @Test
  void unknownTypesAreKeptOrSkippedVisibly() {
    MessagesResult result = Streams.decode("unknown-types");
    List<ContentBlock> content = message(result).content();
    assertEquals(BlockType.of("future_block"), content.get(0).type());
    assertFalse(content.get(0).type().isKnown());
    assertEquals(json("{\"k\":1}"), content.get(0).extra().get("payload"));
    assertEquals("Hi", result.text());
    assertEquals(Optional.of(StopReason.of("future_reason")), message(result).stopReason());
    codes(result, AnthropicDiagnostics.UNKNOWN_DELTA_TYPE, Diagnostic.IGNORED_EVENT);
  }

  @Test
  void theTypeOfThePayloadWinsOverTheEventName() {
    MessagesResult result = Streams.decode("type-mismatch");
    assertFalse(result.truncated());
    codes(result, AnthropicDiagnostics.TYPE_MISMATCH);
  }

  @Test
  void eventsAfterMessageStopAreAppliedAndReported() {
    MessagesResult result = Streams.decode("event-after-stop");
    assertEquals(OptionalLong.of(20), message(result).usage().orElseThrow().outputTokens());
    codes(result, AnthropicDiagnostics.EVENT_AFTER_STOP);
  }

  @Test
  void messageStopWithoutStopReason() {
    MessagesResult result = Streams.decode("missing-stop-reason");
    assertEquals(Optional.empty(), message(result).stopReason());
    codes(result, AnthropicDiagnostics.MISSING_STOP_REASON);
  }

  @Test
  void aDeltaThatDoesNotFitItsBlockIsAppliedAnyway() {
    MessagesResult result = Streams.decode("delta-type-mismatch");
    ContentBlock tool = message(result).content().get(0);
    assertEquals("oops", tool.text());
    assertEquals(Optional.of(json("{}")), tool.input());
    codes(result, AnthropicDiagnostics.DELTA_TYPE_MISMATCH, AnthropicDiagnostics.UNEXPECTED_BLOCK_STOP);
  }

  @Test
  void aDeltaAfterItsBlockStoppedIsAppliedAndTheInputParsedAgain() {
    MessagesResult result = Streams.decode("delta-after-stop");
    assertEquals(Optional.of(json("{\"a\":1}")), message(result).content().get(0).input());
    codes(result, AnthropicDiagnostics.INVALID_TOOL_INPUT, AnthropicDiagnostics.DELTA_AFTER_STOP);
  }

  @Test
  void aSecondMessageStartOnlyAddsUsage() {
    MessagesResult result = Streams.decode("duplicate-message-start");
    assertEquals(Optional.of("msg_01"), message(result).id());
    assertEquals(OptionalLong.of(15), message(result).usage().orElseThrow().outputTokens());
    codes(result, AnthropicDiagnostics.DUPLICATE_MESSAGE_START);
  }

  @Test
  void anErrorObjectWithoutTypeIsAnError() {
    MessagesResult result = Streams.decode("untyped-error");
    AnthropicStreamException error = assertInstanceOf(AnthropicStreamException.class, result.error().orElseThrow());
    assertEquals(Optional.of("api_error"), error.errorType());
    assertTrue(result.truncated());
    codes(result, AnthropicDiagnostics.UNTYPED_ERROR);
  }

  @Test
  void emptyAndNonObjectDataAreSkipped() {
    codes(Streams.decode("empty-data"), AnthropicDiagnostics.EMPTY_DATA);
    codes(Streams.decode("non-object-payload"), AnthropicDiagnostics.NON_OBJECT_PAYLOAD);
    assertEquals("Hi", Streams.decode("non-object-payload").text());
  }

  @Test
  void missingIndexesAndTypesAreFoundByPositionAndName() {
    MessagesResult result = Streams.decode("missing-index-and-type");
    assertEquals("Hi", result.text());
    assertFalse(result.truncated());
    codes(result, AnthropicDiagnostics.MISSING_INDEX, AnthropicDiagnostics.MISSING_TYPE);
  }

  @Test
  void anUnnamedPayloadWithoutTypeIsSkipped() {
    MessagesResult result = Streams.decode("unnamed-unknown-payload");
    assertEquals("Hi", result.text());
    codes(result, AnthropicDiagnostics.UNKNOWN_EVENT_TYPE);
  }

  @Test
  void tooManyBlocksAreDropped() {
    StringBuilder stream = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      stream.append("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":").append(i)
          .append(",\"content_block\":{\"type\":\"text\",\"text\":\"").append(i).append("\"}}\n\n");
    }
    MessagesResult result = MessagesStream.builder().maxBlocks(3).build()
        .feed(stream.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).end();
    assertEquals("012", result.text());
    assertTrue(result.diagnosticCodes().contains(AnthropicDiagnostics.TOO_MANY_BLOCKS));
  }

  // ---- strict mode ----

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.ssekit.anthropic.Streams#names")
  void strictModeReportsTheSameDiagnosticsAndRefusesEach(String name) {
    MessagesResult lenient = Streams.decode(name);
    MessagesResult strict = MessagesStream.builder().strict(true).build().feed(Streams.bytes(name)).end();
    List<String> refused = strict.errors().stream().filter(StrictModeException.class::isInstance)
        .map(e -> ((StrictModeException) e).diagnostic().code()).distinct().toList();
    assertEquals(strict.diagnosticCodes(), refused, "every diagnostic refused");
    if (!lenient.diagnosticCodes().isEmpty()) {
      // what follows a refused event can differ (its value was withheld), but the first deviation is the same
      assertEquals(lenient.diagnosticCodes().get(0), strict.diagnosticCodes().get(0));
    } else {
      assertEquals(Streams.summary(lenient), Streams.summary(strict));
    }
  }

  @Test
  void aStrictRunRefusesEachOccurrenceOnce() {
    MessagesResult strict = MessagesStream.builder().strict(true).build()
        .feed(Streams.bytes("unnamed-events")).end();
    assertEquals(8, strict.errors().size(), "one refusal per unnamed event, not two");
  }

  @Test
  void strictModeErrorsAreBoundedByTheStreamsLimitsAndACutStreamKeepsItsFailureLast() {
    // in strict mode each occurrence is an error: the result keeps them as it keeps occurrences, counting the rest
    MessagesResult bounded = MessagesStream.builder().strict(true).diagnosticLimits(new DiagnosticLimits(2, 3))
        .build().feed(Streams.bytes("unnamed-events")).end();
    assertEquals(3, bounded.errors().size());
    assertEquals(5, bounded.errorsNotKept(), "8 refusals in all");
    assertTrue(bounded.errors().stream().allMatch(StrictModeException.class::isInstance));

    MessagesResult cut = MessagesStream.builder().strict(true).diagnosticLimits(new DiagnosticLimits(0, 0))
        .build().feed(Streams.bytes("unnamed-events")).fail(new SseException("the connection was lost"));
    assertEquals(2, cut.errors().size(), "the first error, and the failure that cut the stream");
    assertInstanceOf(StrictModeException.class, cut.errors().get(0));
    assertEquals("the connection was lost", cut.errors().get(1).getMessage());
    assertEquals(7, cut.errorsNotKept());

    assertEquals(0, Streams.decode("text").errorsNotKept());
  }
}
