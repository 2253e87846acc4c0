package io.github.ssekit.opencode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ssekit.opencode.internal.Json;
import io.github.ssekit.opencode.model.MessageWithParts;
import io.github.ssekit.opencode.model.OpenCodeError;
import io.github.ssekit.opencode.model.PartType;
import io.github.ssekit.opencode.model.PermissionRequest;
import io.github.ssekit.opencode.model.Role;
import io.github.ssekit.opencode.model.Session;
import io.github.ssekit.opencode.model.SessionStatus;
import io.github.ssekit.opencode.model.SessionStatusType;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP answers in the captures, read with {@link OpenCodeJson}. */
class ResponsesTest {

  @ParameterizedTest
  @CsvSource({"01_prompt_sync_nested_response.json, ''", "16_reasoning_prompt_response.json, ''",
      "09_abort_sync_prompt_response.txt, MessageAbortedError",
      "04_named_sse_event_prompt_response.txt, UnknownError", "05_empty_role_delta_prompt_response.txt, UnknownError",
      "02_prompt_flat_model_response.txt, ''"})
  void messageWithPartsOnHttp200(String capture, String errorName) {
    JsonNode raw = Captures.json(capture);
    MessageWithParts answer = OpenCodeJson.readMessageWithParts(Captures.body(capture));
    assertEquals(errorName, answer.error().map(OpenCodeError::nameOrEmpty).orElse(""));
    assertEquals(raw.at("/info/error/data/message").asText(""),
        answer.error().flatMap(OpenCodeError::message).orElse(""));
    assertEquals(Optional.of(Role.ASSISTANT), answer.info().flatMap(i -> i.role()));
    assertEquals(raw.at("/info/id").asText(), answer.info().flatMap(i -> i.id()).orElseThrow());
    assertEquals(new ModelRef(raw.at("/info/providerID").asText(), raw.at("/info/modelID").asText()),
        answer.info().flatMap(i -> i.modelRef()).orElseThrow());
    assertTrue(answer.info().orElseThrow().isCompleted());
    assertEquals(raw.get("parts").size(), answer.parts().size());
    for (int i = 0; i < raw.get("parts").size(); i++) {
      assertEquals(raw.at("/parts/" + i + "/type").asText(), answer.parts().get(i).type().orElseThrow().raw());
    }
    StringBuilder text = new StringBuilder();
    raw.get("parts").forEach(p -> text.append(p.get("type").asText().equals("text") ? p.get("text").asText() : ""));
    assertEquals(text.toString(), answer.text());
    assertEquals(200, capture.endsWith(".txt") ? Captures.status(capture) : 200);
  }

  @Test
  void stepFinishCarriesTokensAndCost() {
    MessageWithParts answer = OpenCodeJson.readMessageWithParts(Captures.body("01_prompt_sync_nested_response.json"));
    var stepFinish = answer.parts().stream().filter(p -> p.is(PartType.STEP_FINISH)).findFirst().orElseThrow();
    assertEquals(Optional.of(14L), stepFinish.tokens().flatMap(t -> t.total()));
    assertEquals(Optional.of(0.0), stepFinish.cost());
    assertEquals(Optional.of("stop"), answer.info().flatMap(i -> i.finish()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"01_session_create_response.json", "06_session_create_dir.json",
      "10_session_create_no_title.json", "11_session_create_with_model.json"})
  void sessions(String capture) {
    JsonNode raw = Captures.json(capture);
    Session session = OpenCodeJson.readSession(Captures.body(capture));
    assertEquals(raw.get("id").asText(), session.id().orElseThrow());
    assertEquals(raw.get("directory").asText(), session.directory().orElseThrow());
    assertEquals(raw.get("title").asText(), session.title().orElseThrow());
    assertEquals(raw.at("/time/created").asLong(), session.time().flatMap(t -> t.created()).orElseThrow());
    assertEquals(raw.has("model"), session.model().isPresent());
    assertJsonEquivalent(raw, Json.MAPPER.valueToTree(session));
  }

  @Test
  void sessionModelShape() {
    Session session = OpenCodeJson.readSession(Captures.body("11_session_create_with_model.json"));
    assertEquals(Optional.of(ModelRef.parse("mock/mock-normal")), session.model().flatMap(m -> m.toModelRef()));
    assertEquals(Optional.of("mock-normal"), session.model().flatMap(m -> m.id()));
  }

  @Test
  void listsOfSessionsAndMessages() {
    JsonNode rawSessions = Captures.json("13_session_list.json");
    List<Session> sessions = OpenCodeJson.readSessions(Captures.body("13_session_list.json"));
    assertEquals(rawSessions.size(), sessions.size());
    assertJsonEquivalent(rawSessions, Json.MAPPER.valueToTree(sessions));

    for (String capture : List.of("07_permission_flow_messages.json", "04_named_sse_event_messages.json",
        "05_empty_role_delta_messages.json")) {
      JsonNode raw = Captures.json(capture);
      List<MessageWithParts> messages = OpenCodeJson.readMessages(Captures.body(capture));
      assertEquals(raw.size(), messages.size());
      assertEquals(Optional.of(Role.USER), messages.get(0).info().flatMap(i -> i.role()));
      assertJsonEquivalent(raw, Json.MAPPER.valueToTree(messages));
    }
  }

  @Test
  void pendingPermissions() {
    List<PermissionRequest> pending = OpenCodeJson.readPermissionRequests(Captures.body("07_permission_list.json"));
    assertEquals(1, pending.size());
    assertEquals(List.of("echo hi-from-tool"), pending.get(0).patterns());
    assertJsonEquivalent(Captures.json("07_permission_list.json"), Json.MAPPER.valueToTree(pending));
  }

  @Test
  void sessionStatuses() {
    Map<String, SessionStatus> busy =
        OpenCodeJson.readSessionStatuses(Captures.body("07_session_status_while_waiting.json"));
    assertEquals(Optional.of(SessionStatusType.BUSY), busy.get("ses_e04c01425ffeYdo53o5Bs1UT9W").type());
    assertEquals(Map.of(), OpenCodeJson.readSessionStatuses(Captures.body("13_session_status_idle.json")));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "03_prompt_model_id_key_response.txt | 400 | BadRequest | Missing key",
      "03_prompt_string_model_response.txt | 400 | BadRequest | Expected object | null",
      "03_prompt_unknown_model_response.txt | 500 | UnknownError | Unexpected server error"})
  void errorAnswers(String capture, int status, String name, String messageStart) {
    OpenCodeError error = OpenCodeJson.readError(Captures.body(capture));
    assertEquals(status, Captures.status(capture));
    assertEquals(name, error.nameOrEmpty());
    assertTrue(error.message().orElseThrow().startsWith(messageStart), error.toString());
  }

  @Test
  void booleansAndBadInput() {
    assertTrue(OpenCodeJson.readBoolean("true".getBytes(StandardCharsets.UTF_8)));
    assertFalse(OpenCodeJson.readBoolean("false".getBytes(StandardCharsets.UTF_8)));
    OpenCodeJsonException bad = assertThrows(OpenCodeJsonException.class,
        () -> OpenCodeJson.readSession("<html>".getBytes(StandardCharsets.UTF_8)));
    assertTrue(bad.getMessage().contains("<html>"));
    assertThrows(OpenCodeJsonException.class, () -> OpenCodeJson.readSession("null".getBytes(StandardCharsets.UTF_8)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sessions", "messages", "permissions", "statuses"})
  void nullElementsAreATypedError(String reader) {
    byte[] list = "[null]".getBytes(StandardCharsets.UTF_8);
    byte[] map = "{\"ses_1\":null}".getBytes(StandardCharsets.UTF_8);
    OpenCodeJsonException bad = assertThrows(OpenCodeJsonException.class, () -> {
      switch (reader) {
        case "sessions" -> OpenCodeJson.readSessions(list);
        case "messages" -> OpenCodeJson.readMessages(list);
        case "permissions" -> OpenCodeJson.readPermissionRequests(list);
        default -> OpenCodeJson.readSessionStatuses(map);
      }
    });
    assertTrue(bad.getMessage().contains("without null elements"), bad.getMessage());
  }

  /** Equal JSON, numbers compared by value (a cost of 0 may come back as 0.0). */
  static void assertJsonEquivalent(JsonNode expected, JsonNode actual) {
    assertTrue(equivalent(expected, actual), "expected " + expected + "\n but was " + actual);
  }

  private static boolean equivalent(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.isObject() && b.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (Iterator<String> names = a.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!b.has(name) || !equivalent(a.get(name), b.get(name))) {
          return false;
        }
      }
      return true;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!equivalent(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }
}
