package io.github.ssekit.opencode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.opencode.event.CommandExecuted;
import io.github.ssekit.opencode.event.FileEdited;
import io.github.ssekit.opencode.event.GenericEvent;
import io.github.ssekit.opencode.event.GlobalDisposed;
import io.github.ssekit.opencode.event.MessagePartDelta;
import io.github.ssekit.opencode.event.MessagePartUpdated;
import io.github.ssekit.opencode.event.OpenCodeEvent;
import io.github.ssekit.opencode.event.PermissionReplied;
import io.github.ssekit.opencode.event.PermissionV2Asked;
import io.github.ssekit.opencode.event.QuestionAsked;
import io.github.ssekit.opencode.event.QuestionRejected;
import io.github.ssekit.opencode.event.QuestionReplied;
import io.github.ssekit.opencode.event.SessionCompacted;
import io.github.ssekit.opencode.event.SessionError;
import io.github.ssekit.opencode.event.SessionUpdated;
import io.github.ssekit.opencode.event.TodoUpdated;
import io.github.ssekit.opencode.model.PartType;
import io.github.ssekit.opencode.model.ToolStatus;
import io.github.ssekit.sse.SseParser;
import io.github.ssekit.sse.protocol.DecodeOutcome;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.protocol.ProtocolDispatcher;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The decoder on hand-made frames: what real captures do not show. */
class OpenCodeProtocolTest {

  private static OpenCodeEvent value(DecodeOutcome<OpenCodeEvent> outcome) {
    assertEquals(DecodeOutcome.Kind.VALUE, outcome.kind(), outcome.toString());
    return outcome.value().orElseThrow();
  }

  private static List<String> codes(DecodeOutcome<?> outcome) {
    return outcome.diagnostics().stream().map(Diagnostic::code).collect(Collectors.toList());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "message | true",
      "server.heartbeat | false",
      "error | false",
      "hermes.tool.progress | false"})
  void consumesOnlyUnnamedEvents(String eventName, boolean consumed) {
    assertEquals(consumed, OpenCodeProtocol.create().consumes(eventName));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{not json | opencode.malformed-json",
      "{\"type\":\"session.idle\" | opencode.malformed-json",
      "[1,2] | opencode.not-an-object",
      "\"session.idle\" | opencode.not-an-object",
      "42 | opencode.not-an-object"})
  void badDataIsAnErrorOutcome(String data, String code) {
    DecodeOutcome<OpenCodeEvent> outcome = Captures.decodeData(data);
    assertEquals(DecodeOutcome.Kind.ERROR, outcome.kind());
    assertEquals(List.of(code), codes(outcome));
    assertTrue(outcome.diagnostics().get(0).excerpt().startsWith(data.substring(0, 2)));
  }

  @Test
  void theStreamGoesOnAfterMalformedJson() {
    Captures.Outcomes outcomes = new Captures.Outcomes();
    SseParser parser = SseParser.create(new ProtocolDispatcher<>(OpenCodeProtocol.create(), outcomes));
    parser.feed(("data: {\"id\":\"evt_1\",\"type\":\"server.connected\",\"properties\":{}}\n\n"
        + "data: {\"id\":\"evt_2\",\"type\":\"session.idle\",\"prop\n\n"
        + "data: {\"id\":\"evt_3\",\"type\":\"session.idle\",\"properties\":{\"sessionID\":\"ses_a\"}}\n\n")
        .getBytes(StandardCharsets.UTF_8));
    parser.end();
    assertEquals(List.of("ServerConnected server.connected evt_1", "error", "SessionIdle session.idle evt_3"),
        outcomes.sequence);
    assertEquals(OpenCodeDiagnostics.MALFORMED_JSON, outcomes.diagnostics.get(0).code());
  }

  @Test
  void unknownTypesAreGenericEventsWithTheirRawJson() {
    OpenCodeEvent event = value(Captures.decodeData(
        "{\"id\":\"evt_9\",\"type\":\"brand.new.thing\",\"properties\":{\"sessionID\":\"ses_x\",\"n\":[1,2]}}"));
    GenericEvent generic = assertInstanceOf(GenericEvent.class, event);
    assertEquals("brand.new.thing", generic.type());
    assertEquals("evt_9", generic.id());
    assertEquals(Optional.of("ses_x"), generic.sessionID());
    assertEquals(2, generic.envelope().properties().get("n").size());
  }

  @Test
  void aKnownTypeWithTheWrongShapeIsKeptAsGenericWithADiagnostic() {
    DecodeOutcome<OpenCodeEvent> outcome = Captures.decodeData(
        "{\"id\":\"evt_1\",\"type\":\"message.part.delta\",\"properties\":{\"sessionID\":\"ses_a\",\"delta\":\"x\"}}");
    assertInstanceOf(GenericEvent.class, value(outcome));
    assertEquals(List.of(OpenCodeDiagnostics.UNEXPECTED_SHAPE), codes(outcome));
    assertTrue(outcome.diagnostics().get(0).message().contains("messageID"));

    DecodeOutcome<OpenCodeEvent> wrongNumber = Captures.decodeData("{\"id\":\"evt_2\",\"type\":\"session.updated\","
        + "\"properties\":{\"sessionID\":\"ses_a\",\"info\":{\"id\":\"ses_a\",\"cost\":{\"oops\":1}}}}");
    assertInstanceOf(GenericEvent.class, value(wrongNumber));
    assertEquals(List.of(OpenCodeDiagnostics.UNEXPECTED_SHAPE), codes(wrongNumber));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "permission.asked | {\"id\":\"per_1\",\"sessionID\":\"ses_a\",\"patterns\":[\"a\",null]}",
      "session.diff | {\"sessionID\":\"ses_a\",\"diff\":{\"file\":\"x\"}}",
      "todo.updated | {\"sessionID\":\"ses_a\",\"todos\":[1]}",
      // found by fuzz-tests (OpenCodeFuzzTest): a null element of a list threw from List.copyOf
      "session.diff | {\"sessionID\":\"ses_a\",\"diff\":[null,{\"file\":\"x\"}]}",
      "todo.updated | {\"sessionID\":\"ses_a\",\"todos\":[null]}",
      "message.part.updated | {\"sessionID\":\"ses_a\",\"part\":\"text\"}",
      "session.status | {\"sessionID\":\"ses_a\",\"status\":{\"type\":\"retry\",\"attempt\":\"soon\"}}"})
  void oddPropertiesNeverThrow(String type, String properties) {
    DecodeOutcome<OpenCodeEvent> outcome =
        Captures.decodeData("{\"id\":\"evt_1\",\"type\":\"" + type + "\",\"properties\":" + properties + "}");
    GenericEvent generic = assertInstanceOf(GenericEvent.class, value(outcome));
    assertEquals(type, generic.type());
    assertEquals(List.of(OpenCodeDiagnostics.UNEXPECTED_SHAPE), codes(outcome));
  }

  @Test
  void missingTypeIsIgnoredAndMissingPropertiesTolerated() {
    DecodeOutcome<OpenCodeEvent> noType = Captures.decodeData("{\"id\":\"evt_1\",\"properties\":{}}");
    assertEquals(DecodeOutcome.Kind.IGNORED, noType.kind());
    assertEquals(List.of(OpenCodeDiagnostics.MISSING_TYPE), codes(noType));

    DecodeOutcome<OpenCodeEvent> noProperties = Captures.decodeData("{\"id\":\"evt_2\",\"type\":\"session.idle\"}");
    assertEquals("session.idle", value(noProperties).type());
    assertEquals(List.of(OpenCodeDiagnostics.MISSING_PROPERTIES), codes(noProperties));
  }

  @Test
  void unknownFieldsAreKeptAtEveryLevel() {
    SessionUpdated updated = assertInstanceOf(SessionUpdated.class, value(Captures.decodeData(
        "{\"id\":\"evt_1\",\"type\":\"session.updated\",\"future\":true,\"properties\":{\"sessionID\":\"ses_a\","
            + "\"info\":{\"id\":\"ses_a\",\"title\":\"t\",\"newField\":{\"deep\":[1]},"
            + "\"tokens\":{\"input\":1,\"output\":2,\"reasoning\":0,\"cache\":{\"read\":0,\"write\":0,\"x\":5}}}}}")));
    assertEquals("t", updated.info().title().orElseThrow());
    assertEquals(1, updated.info().extra().get("newField").get("deep").get(0).asInt());
    assertEquals(5, updated.info().tokens().orElseThrow().cache().orElseThrow().extra().get("x").asInt());
  }

  @Test
  void openEnumsKeepUnknownValues() {
    MessagePartUpdated updated = assertInstanceOf(MessagePartUpdated.class, value(Captures.decodeData(
        "{\"id\":\"evt_1\",\"type\":\"message.part.updated\",\"properties\":{\"sessionID\":\"ses_a\",\"time\":1,"
            + "\"part\":{\"id\":\"prt_1\",\"messageID\":\"msg_1\",\"sessionID\":\"ses_a\",\"type\":\"hologram\","
            + "\"state\":{\"status\":\"levitating\"}}}}")));
    PartType type = updated.part().type().orElseThrow();
    assertEquals("hologram", type.raw());
    assertFalse(type.isKnown());
    assertTrue(PartType.TEXT.isKnown());
    ToolStatus status = updated.part().state().orElseThrow().status().orElseThrow();
    assertEquals("levitating", status.raw());
    assertFalse(status.isKnown());
  }

  @Test
  void olderServersDeltaInPartUpdatedIsRead() {
    MessagePartUpdated updated = assertInstanceOf(MessagePartUpdated.class, value(Captures.decodeData(
        "{\"id\":\"evt_1\",\"type\":\"message.part.updated\",\"properties\":{\"sessionID\":\"ses_a\",\"delta\":\"lo\","
            + "\"part\":{\"id\":\"prt_1\",\"messageID\":\"msg_1\",\"type\":\"text\",\"text\":\"Hello\"}}}")));
    assertEquals(Optional.of("lo"), updated.delta());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "session.updated | {\"info\":{\"id\":\"ses_old\"}}",
      "message.updated | {\"info\":{\"id\":\"msg_1\",\"sessionID\":\"ses_old\",\"role\":\"user\"}}",
      "message.part.updated | {\"part\":{\"id\":\"prt_1\",\"sessionID\":\"ses_old\",\"type\":\"text\"}}",
      "session.idle | {\"sessionID\":\"ses_old\"}"})
  void sessionIdOfOlderShapes(String type, String properties) {
    OpenCodeEvent event =
        value(Captures.decodeData("{\"id\":\"evt_1\",\"type\":\"" + type + "\",\"properties\":" + properties + "}"));
    assertEquals(Optional.of("ses_old"), event.sessionID());
  }

  @Test
  void noSessionIdIsInventedForOtherEvents() {
    OpenCodeEvent event = value(Captures.decodeData(
        "{\"id\":\"evt_1\",\"type\":\"project.updated\",\"properties\":{\"info\":{\"id\":\"global\"}}}"));
    assertEquals(Optional.empty(), event.sessionID());
  }

  @Test
  void sessionErrorWithoutSessionOrError() {
    SessionError error = assertInstanceOf(SessionError.class,
        value(Captures.decodeData("{\"id\":\"evt_1\",\"type\":\"session.error\",\"properties\":{}}")));
    assertEquals(Optional.empty(), error.sessionID());
    assertEquals(Optional.empty(), error.error());
  }

  @Test
  void questionAndTodoEventsFromTheOpenApiShapes() {
    // shapes from the OpenAPI document (EventQuestionAsked, EventTodoUpdated): no capture has them
    QuestionAsked asked = assertInstanceOf(QuestionAsked.class, value(Captures.decodeData(
        "{\"id\":\"evt_1\",\"type\":\"question.asked\",\"properties\":{\"id\":\"que_1\",\"sessionID\":\"ses_a\","
            + "\"questions\":[{\"question\":\"Which?\",\"header\":\"Pick\",\"options\":[{\"label\":\"A\","
            + "\"description\":\"first\"}],\"multiple\":false}],\"tool\":{\"messageID\":\"msg_1\",\"callID\":\"c1\"}}}")));
    assertEquals("que_1", asked.request().id().orElseThrow());
    assertEquals("A", asked.request().questions().get(0).options().get(0).label().orElseThrow());
    assertEquals(Optional.of(false), asked.request().questions().get(0).multiple());

    TodoUpdated todos = assertInstanceOf(TodoUpdated.class, value(Captures.decodeData(
        "{\"id\":\"evt_2\",\"type\":\"todo.updated\",\"properties\":{\"sessionID\":\"ses_a\",\"todos\":["
            + "{\"content\":\"write tests\",\"status\":\"in_progress\",\"priority\":\"high\"}]}}")));
    assertEquals("in_progress", todos.todos().get(0).status().orElseThrow());
  }

  @Test
  void theEventsATurnOrAUserInterfaceReactsToAreTyped() {
    // shapes from the OpenAPI document (no capture has them)
    QuestionReplied replied = assertInstanceOf(QuestionReplied.class, value(Captures.decodeData(
        "{\"id\":\"evt_1\",\"type\":\"question.replied\",\"properties\":{\"sessionID\":\"ses_a\","
            + "\"requestID\":\"que_1\",\"answers\":[[\"blue\"],[\"a\",\"b\"]]}}")));
    assertEquals("que_1", replied.requestID());
    assertEquals(List.of(List.of("blue"), List.of("a", "b")), replied.answers());
    QuestionReplied v2 = assertInstanceOf(QuestionReplied.class, value(Captures.decodeData(
        "{\"id\":\"evt_1\",\"type\":\"question.v2.replied\",\"properties\":{\"sessionID\":\"ses_a\","
            + "\"requestID\":\"que_2\",\"answers\":[]}}")));
    assertEquals(QuestionReplied.V2_TYPE, v2.type());
    assertEquals("que_3", assertInstanceOf(QuestionRejected.class, value(Captures.decodeData(
        "{\"id\":\"evt_1\",\"type\":\"question.v2.rejected\",\"properties\":{\"sessionID\":\"ses_a\","
            + "\"requestID\":\"que_3\"}}"))).requestID());
    assertInstanceOf(QuestionAsked.class, value(Captures.decodeData("{\"id\":\"evt_1\",\"type\":"
        + "\"question.v2.asked\",\"properties\":{\"id\":\"que_4\",\"sessionID\":\"ses_a\",\"questions\":[]}}")));
    PermissionV2Asked permission = assertInstanceOf(PermissionV2Asked.class, value(Captures.decodeData(
        "{\"id\":\"evt_1\",\"type\":\"permission.v2.asked\",\"properties\":{\"id\":\"per_1\","
            + "\"sessionID\":\"ses_a\",\"action\":\"bash\",\"resources\":[\"ls\"],\"metadata\":{}}}")));
    assertEquals(List.of("ls"), permission.resources());
    assertEquals(List.of(), permission.save());
    assertEquals("always", assertInstanceOf(PermissionReplied.class, value(Captures.decodeData(
        "{\"id\":\"evt_1\",\"type\":\"permission.v2.replied\",\"properties\":{\"sessionID\":\"ses_a\","
            + "\"requestID\":\"per_1\",\"reply\":\"always\"}}"))).reply());
    assertInstanceOf(SessionCompacted.class, value(Captures.decodeData(
        "{\"id\":\"evt_1\",\"type\":\"session.compacted\",\"properties\":{\"sessionID\":\"ses_a\"}}")));
    CommandExecuted command = assertInstanceOf(CommandExecuted.class, value(Captures.decodeData(
        "{\"id\":\"evt_1\",\"type\":\"command.executed\",\"properties\":{\"name\":\"init\","
            + "\"sessionID\":\"ses_a\",\"arguments\":\"\",\"messageID\":\"msg_1\"}}")));
    assertEquals("init", command.name());
    assertEquals(Optional.of("msg_1"), command.messageID());
    assertEquals("src/a.java", assertInstanceOf(FileEdited.class, value(Captures.decodeData(
        "{\"id\":\"evt_1\",\"type\":\"file.edited\",\"properties\":{\"file\":\"src/a.java\"}}"))).file());
    assertInstanceOf(GlobalDisposed.class, value(Captures.decodeData(
        "{\"id\":\"evt_1\",\"type\":\"global.disposed\",\"properties\":{}}")));
    // a known type without what its record needs stays generic, with a diagnostic
    DecodeOutcome<OpenCodeEvent> bad = Captures.decodeData(
        "{\"id\":\"evt_1\",\"type\":\"question.replied\",\"properties\":{\"requestID\":\"q\",\"answers\":[1]}}");
    assertInstanceOf(GenericEvent.class, value(bad));
    assertEquals(List.of(OpenCodeDiagnostics.UNEXPECTED_SHAPE), codes(bad));
  }

  @Test
  void v2EnvelopeReadsDataAsProperties() {
    DecodeOutcome<OpenCodeEvent> outcome = Captures.decodeData("{\"id\":\"evt_1\",\"type\":\"message.part.delta\","
        + "\"location\":{\"directory\":\"/p\"},\"data\":{\"sessionID\":\"ses_a\",\"messageID\":\"msg_1\","
        + "\"partID\":\"prt_1\",\"field\":\"text\",\"delta\":\"Hi\"}}");
    assertEquals("Hi", assertInstanceOf(MessagePartDelta.class, value(outcome)).delta());
    assertEquals(List.of(OpenCodeDiagnostics.V2_ENVELOPE), codes(outcome));
  }
}
