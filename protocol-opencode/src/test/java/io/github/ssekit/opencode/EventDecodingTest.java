package io.github.ssekit.opencode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ssekit.opencode.event.GenericEvent;
import io.github.ssekit.opencode.event.InstanceDisposed;
import io.github.ssekit.opencode.event.MessagePartDelta;
import io.github.ssekit.opencode.event.MessagePartUpdated;
import io.github.ssekit.opencode.event.MessageUpdated;
import io.github.ssekit.opencode.event.OpenCodeEvent;
import io.github.ssekit.opencode.event.PermissionAsked;
import io.github.ssekit.opencode.event.PermissionReplied;
import io.github.ssekit.opencode.event.ServerConnected;
import io.github.ssekit.opencode.event.ServerHeartbeat;
import io.github.ssekit.opencode.event.SessionCreated;
import io.github.ssekit.opencode.event.SessionError;
import io.github.ssekit.opencode.event.SessionIdle;
import io.github.ssekit.opencode.event.SessionStatusChanged;
import io.github.ssekit.opencode.event.SessionUpdated;
import io.github.ssekit.opencode.model.OpenCodeError;
import io.github.ssekit.opencode.model.Part;
import io.github.ssekit.opencode.model.PartType;
import io.github.ssekit.opencode.model.PermissionRequest;
import io.github.ssekit.opencode.model.SessionStatus;
import io.github.ssekit.opencode.model.SessionStatusType;
import io.github.ssekit.opencode.model.ToolState;
import io.github.ssekit.opencode.model.ToolStatus;
import io.github.ssekit.opencode.request.PermissionReply;
import io.github.ssekit.sse.testing.Feeding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each capture shows, asserted on the decoded events. */
class EventDecodingTest {

  private static <T extends OpenCodeEvent> List<T> all(List<OpenCodeEvent> events, Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
  }

  private static List<ToolState> toolStates(List<OpenCodeEvent> events, String callID) {
    return all(events, MessagePartUpdated.class).stream().map(MessagePartUpdated::part)
        .filter(p -> p.is(PartType.TOOL) && p.callID().filter(callID::equals).isPresent())
        .map(p -> p.state().orElseThrow()).collect(Collectors.toList());
  }

  @Test
  void firstEventIsServerConnected() {
    for (String capture : Captures.rawCaptures()) {
      List<OpenCodeEvent> events = Captures.events(capture);
      if (!events.isEmpty()) {
        assertInstanceOf(ServerConnected.class, events.get(0), capture);
      }
    }
  }

  @Test
  void permissionFlowOnce() {
    List<OpenCodeEvent> events = Captures.events("07_permission_flow_event.raw");
    JsonNode pending = Captures.json("07_permission_list.json").get(0);

    PermissionAsked asked = all(events, PermissionAsked.class).get(0);
    PermissionRequest request = asked.request();
    assertEquals(pending.get("id").asText(), request.id().orElseThrow());
    assertEquals(pending.get("sessionID").asText(), asked.sessionID().orElseThrow());
    assertEquals("bash", request.permission().orElseThrow());
    assertEquals(List.of("echo hi-from-tool"), request.patterns());
    assertEquals(List.of("echo *"), request.always());
    assertEquals(pending.at("/tool/callID").asText(), request.tool().flatMap(t -> t.callID()).orElseThrow());
    assertEquals(pending.at("/tool/messageID").asText(), request.tool().flatMap(t -> t.messageID()).orElseThrow());
    assertEquals("echo hi-from-tool", request.metadata().orElseThrow().get("command").asText());

    PermissionReplied replied = all(events, PermissionReplied.class).get(0);
    assertEquals(request.id().orElseThrow(), replied.requestID());
    assertEquals(Optional.of(PermissionReply.ONCE), PermissionReply.parse(replied.reply()));
    assertTrue(events.indexOf(asked) < events.indexOf(replied));

    List<ToolState> states = toolStates(events, "call_mock_1");
    assertEquals(ToolStatus.PENDING, states.get(0).status().orElseThrow());
    assertEquals(ToolStatus.COMPLETED, states.get(states.size() - 1).status().orElseThrow());
    assertTrue(states.stream().anyMatch(s -> s.status().orElseThrow().equals(ToolStatus.RUNNING)));
    ToolState completed = states.get(states.size() - 1);
    assertEquals("hi-from-tool\n", completed.output().orElseThrow());
    assertEquals("echo hi-from-tool", completed.input().orElseThrow().get("command").asText());
    assertEquals(0, completed.metadata().orElseThrow().get("exit").asInt());
  }

  @Test
  void permissionRejectedThroughTheLegacyEndpoint() {
    List<OpenCodeEvent> events = Captures.events("08_permission_reject_legacy_endpoint_event.raw");
    PermissionAsked asked = all(events, PermissionAsked.class).get(0);
    PermissionReplied replied = all(events, PermissionReplied.class).get(0);
    assertEquals(asked.request().id().orElseThrow(), replied.requestID());
    assertEquals(Optional.of(PermissionReply.REJECT), PermissionReply.parse(replied.reply()));

    String callID = asked.request().tool().flatMap(t -> t.callID()).orElseThrow();
    List<ToolState> states = toolStates(events, callID);
    ToolState last = states.get(states.size() - 1);
    assertEquals(ToolStatus.ERROR, last.status().orElseThrow());
    assertEquals("The user rejected permission to use this specific tool call.", last.error().orElseThrow());
    assertTrue(last.time().flatMap(t -> t.end()).isPresent());
  }

  @Test
  void abortGivesMessageAbortedErrorAndTwoIdles() {
    List<OpenCodeEvent> events = Captures.events("09_abort_event.raw");
    SessionError error = all(events, SessionError.class).get(0);
    OpenCodeError cause = error.error().orElseThrow();
    assertTrue(cause.is(OpenCodeError.MESSAGE_ABORTED_ERROR));
    assertEquals("Aborted", cause.message().orElseThrow());
    assertEquals(2, all(events, SessionIdle.class).size());
    assertTrue(events.indexOf(error) < events.indexOf(all(events, SessionIdle.class).get(0)));

    // the assistant message ends completed and carrying the same error, as the sync prompt's 200 answer did
    JsonNode answer = Captures.json("09_abort_sync_prompt_response.txt");
    MessageUpdated last = all(events, MessageUpdated.class).stream()
        .filter(m -> m.info().id().filter(answer.at("/info/id").asText()::equals).isPresent())
        .reduce((a, b) -> b).orElseThrow();
    assertTrue(last.info().isCompleted());
    assertEquals(answer.at("/info/error/name").asText(), last.info().error().orElseThrow().nameOrEmpty());
  }

  @Test
  void providerHttpErrors() {
    List<OpenCodeEvent> events = Captures.events("18_provider_http_errors_event.raw");
    OpenCodeError error = all(events, SessionError.class).get(0).error().orElseThrow();
    assertTrue(error.is(OpenCodeError.API_ERROR));
    assertEquals(Optional.of(401), error.statusCode());
    assertEquals(Optional.of(false), error.isRetryable());
    assertEquals("mock error 401", error.message().orElseThrow());
    assertTrue(error.responseBody().orElseThrow().contains("mock_error"));

    List<SessionStatus> retries = all(events, SessionStatusChanged.class).stream().map(SessionStatusChanged::status)
        .filter(s -> s.type().filter(SessionStatusType.RETRY::equals).isPresent()).collect(Collectors.toList());
    assertEquals(List.of(1, 2, 3), retries.stream().map(s -> s.attempt().orElseThrow()).collect(Collectors.toList()));
    assertEquals(List.of(1795217227900L, 1795217232519L, 1795217242185L),
        retries.stream().map(s -> s.next().orElseThrow()).collect(Collectors.toList()));
    assertTrue(retries.stream().allMatch(s -> s.message().orElseThrow().equals("mock error 500")));
  }

  @Test
  void unknownModelGivesUnknownError() {
    OpenCodeError error = all(Captures.events("02_event_flat_model_and_async.raw"), SessionError.class).get(0)
        .error().orElseThrow();
    assertTrue(error.is(OpenCodeError.UNKNOWN_ERROR));
    assertEquals("Model not found: mock/does-not-exist.", error.message().orElseThrow());
  }

  @ParameterizedTest
  @CsvSource({"04_named_sse_event_event.raw, 04_named_sse_event_prompt_response.txt",
      "05_empty_role_delta_event.raw, 05_empty_role_delta_prompt_response.txt"})
  void providerStreamQuirksFailTheTurn(String capture, String answerCapture) {
    JsonNode answer = Captures.json(answerCapture);
    OpenCodeError error = all(Captures.events(capture), SessionError.class).get(0).error().orElseThrow();
    assertEquals(answer.at("/info/error/name").asText(), error.nameOrEmpty());
    assertEquals(answer.at("/info/error/data/message").asText(), error.message().orElseThrow());
    assertEquals(200, Captures.status(answerCapture));
  }

  @Test
  void instanceDisposeEndsTheInstanceStream() {
    List<OpenCodeEvent> events = Captures.events("14_instance_dispose_event.raw");
    InstanceDisposed disposed = assertInstanceOf(InstanceDisposed.class, events.get(events.size() - 1));
    assertEquals(Optional.of("/home/dev/project"), disposed.disposedDirectory());
    String exit = new String(Captures.bytes("14_instance_dispose_event.raw.exit"));
    assertTrue(exit.contains("rc=0"), "the server closed /event after the dispose event: " + exit);

    List<OpenCodeEvent> global = Captures.events("14_instance_dispose_global_event.raw");
    InstanceDisposed globalDisposed = assertInstanceOf(InstanceDisposed.class, global.get(global.size() - 1));
    assertEquals(disposed.id(), globalDisposed.id());
    assertEquals(Optional.of("/home/dev/project"), globalDisposed.envelope().directory());
    assertEquals(Optional.of("global"), globalDisposed.envelope().project());
  }

  @Test
  void eventsFollowTheSessionDirectory() {
    String directory = Captures.json("06_session_create_dir.json").get("directory").asText();
    String sessionID = Captures.json("06_session_create_dir.json").get("id").asText();

    List<OpenCodeEvent> noDirectory = Captures.events("06_dirmismatch_event_nodir.raw");
    assertEquals(1, noDirectory.size());
    assertInstanceOf(ServerConnected.class, noDirectory.get(0));

    List<OpenCodeEvent> byQuery = Captures.events("06_dirmismatch_event_dir_project2.raw");
    List<OpenCodeEvent> byHeader = Captures.events("06_dirmismatch_event_header_project2.raw");
    assertEquals(byQuery.subList(1, byQuery.size()), byHeader.subList(1, byHeader.size()));
    assertTrue(byQuery.stream().anyMatch(e -> e.sessionID().filter(sessionID::equals).isPresent()));

    List<OpenCodeEvent> global = Captures.events("06_dirmismatch_global_event.raw");
    List<OpenCodeEvent> ofSession = global.stream().filter(e -> e.sessionID().filter(sessionID::equals).isPresent())
        .collect(Collectors.toList());
    assertFalse(ofSession.isEmpty());
    assertTrue(ofSession.stream().allMatch(e -> e.envelope().directory().filter(directory::equals).isPresent()));
    SessionCreated created = all(global, SessionCreated.class).get(0);
    assertEquals(directory, created.info().directory().orElseThrow());
  }

  @ParameterizedTest
  @CsvSource({"01_event_prompt_sync_nested.raw, 01_global_event_prompt_sync_nested.raw",
      "04_named_sse_event_event.raw, 04_named_sse_event_global_event.raw",
      "05_empty_role_delta_event.raw, 05_empty_role_delta_global_event.raw",
      "06_dirmismatch_event_dir_project2.raw, 06_dirmismatch_global_event.raw",
      "14_instance_dispose_event.raw, 14_instance_dispose_global_event.raw"})
  void globalStreamUnwrappedWithoutSyncFramesHasTheSameEvents(String plain, String global) {
    // recorded side by side: each stream has its own server.connected, then the same events (the order of
    // simultaneous events may differ)
    List<String> plainIds = ids(Captures.events(plain));
    List<String> globalIds = ids(Captures.events(global));
    plainIds.sort(null);
    globalIds.sort(null);
    assertEquals(plainIds, globalIds);

    Captures.Outcomes outcomes = Captures.decode(global);
    long syncFrames = Captures.frames(global).stream().filter(f -> f.at("/payload/type").asText().equals("sync"))
        .count();
    assertEquals(syncFrames, outcomes.ignored.size());
    assertEquals(syncFrames, outcomes.diagnostics.stream()
        .filter(d -> d.code().equals(OpenCodeDiagnostics.SYNC_FRAME_SKIPPED)).count());
  }

  private static List<String> ids(List<OpenCodeEvent> events) {
    List<String> ids = new ArrayList<>();
    for (OpenCodeEvent event : events) {
      if (!(event instanceof ServerConnected)) {
        ids.add(event.type() + " " + event.id());
      }
    }
    return ids;
  }

  @Test
  void syncFramesCanBeKept() {
    String capture = "01_global_event_prompt_sync_nested.raw";
    OpenCodeProtocol keeping = OpenCodeProtocol.builder().keepSyncFrames(true).build();
    Captures.Outcomes outcomes = Captures.decode(capture, keeping,
        parser -> Feeding.feedCut(parser, Captures.bytes(capture)));
    List<GenericEvent> sync = outcomes.values.stream().filter(e -> e.type().equals("sync"))
        .map(GenericEvent.class::cast).collect(Collectors.toList());
    // the capture's durable events, each repeated once as a sync frame
    List<String> repeated = outcomes.values.stream().filter(e -> !e.type().equals("sync"))
        .map(e -> e.type() + ".1 " + e.id()).collect(Collectors.toList());
    for (GenericEvent frame : sync) {
      JsonNode syncEvent = frame.envelope().properties();
      assertTrue(repeated.contains(syncEvent.get("type").asText() + " " + syncEvent.get("id").asText()),
          "a sync frame repeats a plain event with the same ID: " + syncEvent.get("id"));
      assertTrue(syncEvent.get("seq").isInt());
    }
    assertEquals(Captures.frames(capture).stream().filter(f -> f.at("/payload/type").asText().equals("sync"))
        .count(), sync.size());
    assertEquals(16, sync.size());
    assertEquals("session.created.1", sync.get(0).envelope().properties().get("type").asText());
    assertEquals(0, sync.get(0).envelope().properties().get("seq").asInt());
    assertTrue(outcomes.ignored.isEmpty());
  }

  @Test
  void heartbeatsAreKeepAlivesUnlessAskedFor() {
    Captures.Outcomes byDefault = Captures.decode("event_idle_baseline.raw");
    assertEquals(4, byDefault.keepAlives);
    assertEquals(1, byDefault.values.size());

    Captures.Outcomes asValues = Captures.decode("event_idle_baseline.raw",
        OpenCodeProtocol.builder().heartbeatsAsValues(true).build(),
        parser -> Feeding.feedCut(parser, Captures.bytes("event_idle_baseline.raw")));
    assertEquals(4, all(asValues.values, ServerHeartbeat.class).size());
    assertEquals(0, asValues.keepAlives);
  }

  @Test
  void promptSequenceTypesTheParts() {
    List<OpenCodeEvent> events = Captures.events("01_event_prompt_sync_nested.raw");
    List<Part> parts = all(events, MessagePartUpdated.class).stream().map(MessagePartUpdated::part)
        .collect(Collectors.toList());
    assertEquals(List.of("text", "step-start", "text", "text", "step-finish"),
        parts.stream().map(p -> p.type().orElseThrow().raw()).collect(Collectors.toList()));
    Part stepFinish = parts.get(4);
    assertEquals("stop", stepFinish.reason().orElseThrow());
    assertEquals(Optional.of(11L), stepFinish.tokens().flatMap(t -> t.input()));
    assertEquals(Optional.of(3L), stepFinish.tokens().flatMap(t -> t.output()));

    List<MessagePartDelta> deltas = all(events, MessagePartDelta.class);
    assertEquals(List.of("Hello", " from", " mock!"),
        deltas.stream().map(MessagePartDelta::delta).collect(Collectors.toList()));
    assertTrue(deltas.stream().allMatch(d -> d.field().equals("text") && d.partID().equals(parts.get(2).id().get())));

    SessionUpdated updated = all(events, SessionUpdated.class).get(0);
    assertEquals(Optional.of(ModelRef.parse("mock/mock-normal")), updated.info().model().flatMap(m -> m.toModelRef()));
    // session.updated carries a "summary" this module does not model: kept in extra()
    assertTrue(all(events, SessionUpdated.class).stream().anyMatch(u -> u.info().extra().containsKey("summary")));
  }
}
