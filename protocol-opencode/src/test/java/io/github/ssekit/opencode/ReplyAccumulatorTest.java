package io.github.ssekit.opencode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ssekit.opencode.event.OpenCodeEvent;
import io.github.ssekit.opencode.event.SessionCreated;
import io.github.ssekit.opencode.event.SessionIdle;
import io.github.ssekit.opencode.model.OpenCodeError;
import io.github.ssekit.opencode.model.ToolStatus;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.testing.Feeding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reply assembly over the captures, and over hand-made sequences for what the captures do not show. */
class ReplyAccumulatorTest {

  /** An accumulator fed with a whole capture, recording its deltas and done calls. */
  private static final class Run {
    final ReplyAccumulator accumulator;
    final List<ReplyDelta> deltas = new ArrayList<>();
    final List<Reply> dones = new ArrayList<>();
    final List<Reply.ToolCall> toolUpdates = new ArrayList<>();

    Run(String sessionID) {
      accumulator = ReplyAccumulator.forSession(sessionID).onDelta(deltas::add).onDone(dones::add)
          .onToolCall(toolUpdates::add);
    }

    Run feed(List<OpenCodeEvent> events) {
      events.forEach(accumulator::accept);
      return this;
    }

    String streamed(ReplyDelta.Kind kind) {
      return deltas.stream().filter(d -> d.kind() == kind).map(ReplyDelta::text).collect(Collectors.joining());
    }
  }

  private static String onlySession(List<OpenCodeEvent> events) {
    List<String> sessions = events.stream().filter(e -> e instanceof SessionCreated)
        .map(e -> e.sessionID().orElseThrow()).distinct().collect(Collectors.toList());
    assertEquals(1, sessions.size(), sessions.toString());
    return sessions.get(0);
  }

  /** The text or reasoning of a message-with-parts answer, read straight from its JSON. */
  private static String partsText(JsonNode messageWithParts, String type) {
    StringBuilder text = new StringBuilder();
    for (JsonNode part : messageWithParts.get("parts")) {
      if (part.get("type").asText().equals(type)) {
        text.append(part.get("text").asText());
      }
    }
    return text.toString();
  }

  @Test
  void rebuildsTheReplyTheSyncPromptReturned() {
    JsonNode answer = Captures.json("01_prompt_sync_nested_response.json");
    List<OpenCodeEvent> events = Captures.events("01_event_prompt_sync_nested.raw");
    Run run = new Run(onlySession(events)).feed(events);
    Reply reply = run.accumulator.reply();

    assertEquals(partsText(answer, "text"), reply.text());
    assertEquals("Hello from mock!", reply.text()); // as read in the capture
    assertEquals(reply.text(), run.streamed(ReplyDelta.Kind.TEXT));
    assertEquals(3, run.deltas.size(), "one delta per message.part.delta");
    assertEquals("", reply.reasoning());
    assertEquals(Optional.of(new ModelRef(answer.at("/info/providerID").asText(), answer.at("/info/modelID").asText())),
        reply.model());
    assertEquals(Optional.of(answer.at("/info/finish").asText()), reply.finish());
    assertEquals(answer.at("/info/tokens/input").asLong(), reply.usage().input());
    assertEquals(answer.at("/info/tokens/output").asLong(), reply.usage().output());
    assertEquals(answer.at("/info/tokens/total").asLong(), reply.usage().total());
    assertEquals(List.of(answer.at("/info/id").asText()), reply.messageIDs());
    assertEquals(Optional.empty(), reply.error());
    assertTrue(reply.done());
    assertEquals(1, run.dones.size());
    assertEquals(List.of(), run.accumulator.diagnostics());
    // the user's own text part ("Say hello") is not part of the reply
    assertEquals(answer.get("parts").size(), reply.parts().size());
  }

  @Test
  void reasoningIsToldApartFromTextByThePartKind() {
    JsonNode answer = Captures.json("16_reasoning_prompt_response.json");
    List<OpenCodeEvent> events = Captures.events("16_reasoning_event.raw");
    Run run = new Run(onlySession(events)).feed(events);
    Reply reply = run.accumulator.reply();

    assertEquals(partsText(answer, "reasoning"), reply.reasoning());
    assertEquals(partsText(answer, "text"), reply.text());
    assertFalse(reply.reasoning().isEmpty());
    assertEquals(reply.reasoning(), run.streamed(ReplyDelta.Kind.REASONING));
    assertEquals(reply.text(), run.streamed(ReplyDelta.Kind.TEXT));
  }

  @Test
  void toolCallWithPermissionThenAnswer() {
    JsonNode messages = Captures.json("07_permission_flow_messages.json");
    List<OpenCodeEvent> events = Captures.events("07_permission_flow_event.raw");
    Run run = new Run(onlySession(events)).feed(events);
    Reply reply = run.accumulator.reply();

    StringBuilder assistantText = new StringBuilder();
    List<String> finishes = new ArrayList<>();
    for (JsonNode message : messages) {
      if (message.at("/info/role").asText().equals("assistant")) {
        assistantText.append(partsText(message, "text"));
        finishes.add(message.at("/info/finish").asText());
      }
    }
    assertEquals(assistantText.toString(), reply.text());
    assertEquals(finishes, reply.steps().stream().map(s -> s.reason().orElseThrow()).collect(Collectors.toList()));
    assertEquals(Optional.of("stop"), reply.finish());
    assertEquals(2, reply.messageIDs().size());

    Reply.ToolCall call = reply.toolCalls().get(0);
    assertEquals(1, reply.toolCalls().size());
    assertEquals(Optional.of("bash"), call.tool());
    assertEquals(Optional.of("call_mock_1"), call.callID());
    assertEquals(Optional.of(ToolStatus.COMPLETED), call.status());
    assertEquals(Optional.of("hi-from-tool\n"), call.output());
    assertEquals(List.of(ToolStatus.PENDING, ToolStatus.RUNNING),
        run.toolUpdates.subList(0, 2).stream().map(c -> c.status().orElseThrow()).collect(Collectors.toList()));
    assertTrue(reply.done());
  }

  @Test
  void rejectedToolCallEndsInError() {
    List<OpenCodeEvent> events = Captures.events("08_permission_reject_legacy_endpoint_event.raw");
    Reply reply = new Run(onlySession(events)).feed(events).accumulator.reply();
    Reply.ToolCall call = reply.toolCalls().get(0);
    assertEquals(Optional.of(ToolStatus.ERROR), call.status());
    assertEquals(Optional.of("The user rejected permission to use this specific tool call."), call.error());
    assertEquals(Optional.of("tool-calls"), reply.finish());
    assertTrue(reply.done());
  }

  @Test
  void abortedTurn() {
    JsonNode answer = Captures.json("09_abort_sync_prompt_response.txt");
    List<OpenCodeEvent> events = Captures.events("09_abort_event.raw");
    Run run = new Run(onlySession(events));
    List<Reply> atDone = new ArrayList<>();
    run.accumulator.onDone(atDone::add);
    run.feed(events);
    Reply reply = run.accumulator.reply();

    assertEquals(1, atDone.size(), "session.idle came twice; done once");
    assertTrue(atDone.get(0).error().orElseThrow().is(OpenCodeError.MESSAGE_ABORTED_ERROR));
    assertEquals(partsText(answer, "text"), reply.text());
    assertEquals(answer.at("/info/error/name").asText(), reply.error().orElseThrow().nameOrEmpty());
    assertTrue(reply.failed());
    assertEquals(2, events.stream().filter(e -> e instanceof SessionIdle).count());
  }

  @Test
  void providerStreamQuirkFailsTheTurn() {
    JsonNode messages = Captures.json("04_named_sse_event_messages.json");
    JsonNode assistant = messages.get(1);
    List<OpenCodeEvent> events = Captures.events("04_named_sse_event_event.raw");
    Reply reply = new Run(onlySession(events)).feed(events).accumulator.reply();
    assertEquals(partsText(assistant, "text"), reply.text());
    assertEquals(assistant.at("/info/error/data/message").asText(),
        reply.error().orElseThrow().message().orElseThrow());
    assertTrue(reply.done());
  }

  @Test
  void providerHttpErrorPerSession() {
    List<OpenCodeEvent> events = Captures.events("18_provider_http_errors_event.raw");
    List<String> sessions = events.stream().filter(e -> e instanceof SessionCreated)
        .map(e -> e.sessionID().orElseThrow()).collect(Collectors.toList());
    Reply unauthorized = new Run(sessions.get(0)).feed(events).accumulator.reply();
    assertEquals(Optional.of(401), unauthorized.error().orElseThrow().statusCode());
    assertTrue(unauthorized.done());

    // the second turn was retried, then aborted while waiting: no session.error, so the error, if any, is the
    // one the last assistant message carries
    Reply retried = new Run(sessions.get(1)).feed(events).accumulator.reply();
    assertTrue(retried.done());
    String expected = Captures.frames("18_provider_http_errors_event.raw").stream()
        .filter(f -> f.get("type").asText().equals("message.updated")
            && f.at("/properties/info/sessionID").asText().equals(sessions.get(1))
            && f.at("/properties/info/role").asText().equals("assistant"))
        .map(f -> f.at("/properties/info/error/name").asText("")).reduce((a, b) -> b).orElse("");
    assertEquals(expected, retried.error().map(OpenCodeError::nameOrEmpty).orElse(""));
  }

  @Test
  void aNewAccumulatorPerPromptSeesOnlyItsTurn() {
    // 02: one session prompted twice; the second prompt names an unknown model and fails
    List<OpenCodeEvent> events = Captures.events("02_event_flat_model_and_async.raw");
    String session = events.stream().filter(e -> e instanceof SessionCreated).map(e -> e.sessionID().orElseThrow())
        .reduce((a, b) -> b).orElseThrow();
    int firstIdle = -1;
    for (int i = 0; i < events.size() && firstIdle < 0; i++) {
      if (events.get(i) instanceof SessionIdle && events.get(i).sessionID().orElseThrow().equals(session)) {
        firstIdle = i;
      }
    }
    Run first = new Run(session).feed(events.subList(0, firstIdle + 1));
    assertTrue(first.accumulator.isDone());
    assertEquals(Optional.empty(), first.accumulator.reply().error());
    assertFalse(first.accumulator.reply().text().isEmpty());

    Run second = new Run(session).feed(events.subList(firstIdle + 1, events.size()));
    Reply failed = second.accumulator.reply();
    assertTrue(failed.done());
    assertEquals("Model not found: mock/does-not-exist.", failed.error().orElseThrow().message().orElseThrow());
    assertEquals("", failed.text());
  }

  static Stream<Arguments> capturesWithSessions() {
    return Captures.rawCaptures().stream().flatMap(capture -> Captures.events(capture).stream()
        .filter(e -> e instanceof SessionCreated).map(e -> Arguments.of(capture, e.sessionID().orElseThrow())));
  }

  /**
   * For every session of every capture: the reply text equals the final text of the session's assistant text
   * parts, read straight from the JSON frames, and the streamed deltas add up to it.
   */
  @ParameterizedTest
  @MethodSource("capturesWithSessions")
  void replyTextMatchesTheFinalPartTexts(String capture, String session) {
    Map<String, String> roles = new HashMap<>();
    Map<String, String> finalTexts = new LinkedHashMap<>();
    Map<String, String> partMessage = new HashMap<>();
    for (JsonNode frame : Captures.frames(capture)) {
      JsonNode event = frame.has("payload") ? frame.get("payload") : frame;
      JsonNode properties = event.has("properties") ? event.get("properties") : event.path("data");
      if (!properties.path("sessionID").asText().equals(session)) {
        continue;
      }
      switch (event.get("type").asText()) {
        case "message.updated":
          roles.put(properties.at("/info/id").asText(), properties.at("/info/role").asText());
          break;
        case "message.part.updated":
          JsonNode part = properties.get("part");
          if (part.get("type").asText().equals("text")) {
            finalTexts.put(part.get("id").asText(), part.get("text").asText());
            partMessage.put(part.get("id").asText(), part.get("messageID").asText());
          }
          break;
        default:
          break;
      }
    }
    String expected = finalTexts.entrySet().stream()
        .filter(e -> roles.get(partMessage.get(e.getKey())).equals("assistant"))
        .map(Map.Entry::getValue).collect(Collectors.joining());

    Run run = new Run(session).feed(Captures.events(capture));
    assertEquals(expected, run.accumulator.reply().text());
    assertEquals(expected, run.streamed(ReplyDelta.Kind.TEXT));
    assertEquals(List.of(), run.accumulator.diagnostics());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void chunkBoundariesDoNotChangeTheReply(int seed) {
    String capture = "01_event_prompt_sync_nested.raw";
    byte[] bytes = Captures.bytes(capture);
    List<OpenCodeEvent> whole = Captures.events(capture);
    List<OpenCodeEvent> chunked = Captures.decode(capture, OpenCodeProtocol.create(),
        p -> Feeding.feedRandomly(p, bytes, new Random(seed), 13)).values;
    String session = onlySession(whole);
    Run a = new Run(session).feed(whole);
    Run b = new Run(session).feed(chunked);
    assertEquals(a.accumulator.reply(), b.accumulator.reply());
    assertEquals(a.deltas, b.deltas);
  }

  // --- hand-made sequences ---

  private static OpenCodeEvent event(String type, String properties) {
    return Captures.decodeData("{\"id\":\"evt_x\",\"type\":\"" + type + "\",\"properties\":" + properties + "}")
        .value().orElseThrow();
  }

  private static OpenCodeEvent assistant(String messageID) {
    return event("message.updated", "{\"sessionID\":\"ses_a\",\"info\":{\"id\":\"" + messageID
        + "\",\"sessionID\":\"ses_a\",\"role\":\"assistant\",\"providerID\":\"p\",\"modelID\":\"m\"}}");
  }

  private static OpenCodeEvent part(String partID, String type, String text, boolean end) {
    return event("message.part.updated", "{\"sessionID\":\"ses_a\",\"time\":1,\"part\":{\"id\":\"" + partID
        + "\",\"messageID\":\"msg_1\",\"sessionID\":\"ses_a\",\"type\":\"" + type + "\",\"text\":\"" + text
        + "\",\"time\":{\"start\":1" + (end ? ",\"end\":2" : "") + "}}}");
  }

  private static OpenCodeEvent delta(String partID, String text) {
    return event("message.part.delta", "{\"sessionID\":\"ses_a\",\"messageID\":\"msg_1\",\"partID\":\"" + partID
        + "\",\"field\":\"text\",\"delta\":\"" + text + "\"}");
  }

  private static final OpenCodeEvent BUSY =
      event("session.status", "{\"sessionID\":\"ses_a\",\"status\":{\"type\":\"busy\"}}");
  private static final OpenCodeEvent IDLE = event("session.idle", "{\"sessionID\":\"ses_a\"}");

  @Test
  void idleBeforeTheTurnStartsIsNotTheEnd() {
    Run run = new Run("ses_a").feed(List.of(IDLE));
    assertFalse(run.accumulator.isDone());
    assertEquals(List.of(OpenCodeDiagnostics.IDLE_BEFORE_TURN),
        run.accumulator.diagnostics().stream().map(Diagnostic::code).collect(Collectors.toList()));
    run.feed(List.of(BUSY, IDLE, IDLE));
    assertTrue(run.accumulator.isDone());
    assertEquals(1, run.dones.size());
  }

  @Test
  void deltasBeforeTheirPartAreHeldUntilItsKindIsKnown() {
    Run run = new Run("ses_a").feed(List.of(assistant("msg_1"), delta("prt_r", "think"), delta("prt_r", "ing")));
    assertEquals(List.of(), run.deltas, "kind unknown: held");
    run.feed(List.of(part("prt_r", "reasoning", "", false), delta("prt_r", "!")));
    assertEquals(List.of(new ReplyDelta(ReplyDelta.Kind.REASONING, "msg_1", "prt_r", "thinking"),
        new ReplyDelta(ReplyDelta.Kind.REASONING, "msg_1", "prt_r", "!")), run.deltas);
    assertEquals("thinking!", run.accumulator.reply().reasoning());
    assertEquals("", run.accumulator.reply().text());
    assertEquals(List.of(OpenCodeDiagnostics.DELTA_BEFORE_PART),
        run.accumulator.diagnostics().stream().map(Diagnostic::code).collect(Collectors.toList()));
  }

  @Test
  void finalTextCatchesUpMissedDeltas() {
    Run run = new Run("ses_a").feed(List.of(assistant("msg_1"), part("prt_t", "text", "", false),
        delta("prt_t", "Hel"), part("prt_t", "text", "Hello world", true)));
    assertEquals(List.of("Hel", "lo world"), run.deltas.stream().map(ReplyDelta::text).collect(Collectors.toList()));
    assertEquals("Hello world", run.accumulator.reply().text());
    assertEquals(List.of(), run.accumulator.diagnostics());
  }

  @Test
  void contradictingFinalTextWinsWithADiagnostic() {
    Run run = new Run("ses_a").feed(List.of(assistant("msg_1"), part("prt_t", "text", "", false),
        delta("prt_t", "Hellp"), part("prt_t", "text", "Hello", true)));
    assertEquals("Hello", run.accumulator.reply().text());
    assertEquals(List.of(OpenCodeDiagnostics.TEXT_MISMATCH),
        run.accumulator.diagnostics().stream().map(Diagnostic::code).collect(Collectors.toList()));
  }

  @Test
  void aStaleSnapshotDoesNotRewindTheStreamedText() {
    Run run = new Run("ses_a").feed(List.of(assistant("msg_1"), part("prt_t", "text", "", false),
        delta("prt_t", "Hello"), delta("prt_t", " there"), part("prt_t", "text", "Hello", false),
        delta("prt_t", "!")));
    assertEquals("Hello there!", run.accumulator.reply().text());
    assertEquals(List.of(), run.accumulator.diagnostics());
  }

  @Test
  void otherSessionsAreIgnored() {
    ReplyAccumulator accumulator = ReplyAccumulator.forSession("ses_b");
    assertFalse(accumulator.accept(BUSY));
    assertFalse(accumulator.accept(delta("prt_t", "x")));
    assertFalse(accumulator.accept(event("server.connected", "{}")));
    assertEquals("", accumulator.reply().text());
    assertFalse(accumulator.isDone());
  }

  @Test
  void olderServersDeltaInPartUpdatedStreams() {
    OpenCodeEvent withDelta = event("message.part.updated", "{\"sessionID\":\"ses_a\",\"delta\":\"Hi\",\"part\":"
        + "{\"id\":\"prt_t\",\"messageID\":\"msg_1\",\"type\":\"text\",\"text\":\"Hi\",\"time\":{\"start\":1}}}");
    Run run = new Run("ses_a").feed(List.of(assistant("msg_1"), withDelta));
    assertEquals(List.of("Hi"), run.deltas.stream().map(ReplyDelta::text).collect(Collectors.toList()));
    assertEquals("Hi", run.accumulator.reply().text());
  }

  private static List<io.github.ssekit.opencode.model.MessageWithParts> stored(String parts) {
    return OpenCodeJson.readMessages(("[{\"info\":{\"id\":\"msg_u\",\"sessionID\":\"ses_a\",\"role\":\"user\"},"
        + "\"parts\":[{\"id\":\"prt_u\",\"messageID\":\"msg_u\",\"type\":\"text\",\"text\":\"my prompt\"}]},"
        + "{\"info\":{\"id\":\"msg_1\",\"sessionID\":\"ses_a\",\"role\":\"assistant\",\"providerID\":\"p\","
        + "\"modelID\":\"m\"},\"parts\":[" + parts + "]}]").getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static final String FINAL_HELLO = "{\"id\":\"prt_t\",\"messageID\":\"msg_1\",\"type\":\"text\","
      + "\"text\":\"Hello\",\"time\":{\"start\":1,\"end\":2}}";

  @Test
  void resyncDeliversTheMissedTextOnceAndEndsTheTurnWhenTheSessionIsIdle() {
    Run run = new Run("ses_a").feed(List.of(BUSY, assistant("msg_1"), part("prt_t", "text", "", false),
        delta("prt_t", "Hel")));
    run.accumulator.streamLost();
    run.feed(List.of(delta("prt_t", "p!"))); // after the gap: a hole before it, so not appended
    run.accumulator.resync(stored(FINAL_HELLO), true);
    assertEquals(List.of("Hel", "lo"), run.deltas.stream().map(ReplyDelta::text).collect(Collectors.toList()));
    assertEquals("Hello", run.accumulator.reply().text(), "the user's stored prompt is not the reply");
    assertTrue(run.accumulator.isDone());
    assertEquals(1, run.dones.size());
    run.feed(List.of(delta("prt_t", "lo"), IDLE)); // late: the part's final text is known
    assertEquals("Hello", run.accumulator.reply().text());
    assertEquals(1, run.dones.size());
    assertEquals(List.of(OpenCodeDiagnostics.DELTA_NOT_APPENDED),
        run.accumulator.diagnostics().stream().map(Diagnostic::code).collect(Collectors.toList()),
        "once per part");
  }

  @Test
  void aStoredSnapshotOlderThanTheEventsTakesNothingBack() {
    OpenCodeEvent completed = event("message.part.updated", "{\"sessionID\":\"ses_a\",\"part\":{\"id\":\"prt_x\","
        + "\"messageID\":\"msg_1\",\"type\":\"tool\",\"tool\":\"bash\",\"state\":{\"status\":\"completed\","
        + "\"output\":\"ok\"}}}");
    Run run = new Run("ses_a").feed(List.of(assistant("msg_1"), completed, part("prt_t", "text", "", false),
        delta("prt_t", "Hello there")));
    run.accumulator.resync(stored("{\"id\":\"prt_x\",\"messageID\":\"msg_1\",\"type\":\"tool\","
        + "\"tool\":\"bash\",\"state\":{\"status\":\"running\"}},{\"id\":\"prt_t\",\"messageID\":\"msg_1\","
        + "\"type\":\"text\",\"text\":\"Hello\",\"time\":{\"start\":1}}"), false);
    Reply reply = run.accumulator.reply();
    assertEquals(Optional.of(ToolStatus.COMPLETED), reply.toolCalls().get(0).status());
    assertEquals("Hello there", reply.text());
    assertFalse(reply.done());
    assertEquals(List.of(), run.accumulator.diagnostics());
  }

  @Test
  void aReplacedTextIsToldWhole() {
    List<ReplyDelta> replaced = new ArrayList<>();
    Run run = new Run("ses_a");
    run.accumulator.onTextReplaced(replaced::add);
    run.feed(List.of(assistant("msg_1"), part("prt_t", "text", "", false), delta("prt_t", "Hellp")));
    run.accumulator.resync(stored(FINAL_HELLO), false);
    assertEquals(List.of(new ReplyDelta(ReplyDelta.Kind.TEXT, "msg_1", "prt_t", "Hello")), replaced);
    assertEquals("Hello", run.accumulator.reply().text());
  }

  @Test
  void resyncStartsAfterTheTurnsOwnPromptNotAfterTheLastUserMessage() {
    // the accumulator saw its prompt (msg_u); a later user message (a synthetic one, or a queued prompt) must not
    // hide the assistant message that answered it
    Run run = new Run("ses_a").feed(List.of(event("message.updated", "{\"sessionID\":\"ses_a\",\"info\":"
        + "{\"id\":\"msg_u\",\"sessionID\":\"ses_a\",\"role\":\"user\"}}")));
    List<io.github.ssekit.opencode.model.MessageWithParts> messages = new ArrayList<>(stored(FINAL_HELLO));
    messages.addAll(OpenCodeJson.readMessages(("[{\"info\":{\"id\":\"msg_u2\",\"sessionID\":\"ses_a\","
        + "\"role\":\"user\"},\"parts\":[]},{\"info\":{\"id\":\"msg_2\",\"sessionID\":\"ses_a\","
        + "\"role\":\"assistant\"},\"parts\":[{\"id\":\"prt_2\",\"messageID\":\"msg_2\",\"type\":\"text\","
        + "\"text\":\" and more\",\"time\":{\"start\":1,\"end\":2}}]}]").getBytes(
            java.nio.charset.StandardCharsets.UTF_8)));
    run.accumulator.resync(messages, true);
    assertEquals("Hello and more", run.accumulator.reply().text(),
        "everything after its own prompt: a later user message cannot be told from a continuation");
    assertTrue(run.accumulator.isDone());
  }

  @Test
  void removedPartsLeaveTheReply() {
    Run run = new Run("ses_a").feed(List.of(assistant("msg_1"), part("prt_t", "text", "gone", true),
        event("message.part.removed", "{\"sessionID\":\"ses_a\",\"messageID\":\"msg_1\",\"partID\":\"prt_t\"}")));
    assertEquals("", run.accumulator.reply().text());
  }
}
