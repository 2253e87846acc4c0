package io.github.ssekit.opencode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ssekit.opencode.request.ImmutablePromptBody;
import io.github.ssekit.opencode.request.LegacyPermissionResponseBody;
import io.github.ssekit.opencode.request.PermissionReply;
import io.github.ssekit.opencode.request.PermissionReplyBody;
import io.github.ssekit.opencode.request.PermissionRule;
import io.github.ssekit.opencode.request.PromptBody;
import io.github.ssekit.opencode.request.PromptPart;
import io.github.ssekit.opencode.request.SessionCreateBody;
import io.github.ssekit.opencode.request.SessionModel;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Serialised request bodies, checked against the server's OpenAPI schemas and the captures. */
class RequestBodiesTest {
  private static final SchemaValidator SCHEMA = SchemaValidator.requests();

  private static JsonNode tree(String json) {
    try {
      return Captures.PLAIN.readTree(json);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static Stream<Arguments> promptBodies() {
    ModelRef model = ModelRef.parse("mock/mock-normal");
    return Stream.of(
        Arguments.of("text only", PromptBody.text("Say hello")),
        Arguments.of("with model", PromptBody.text(model, "Say hello")),
        Arguments.of("everything", PromptBody.builder()
            .messageID("msg_1fb340d7a0013kFZwrhGHgvji5")
            .model(model)
            .agent("build")
            .noReply(false)
            .putTools("bash", false)
            .putTools("edit", true)
            .system("You are terse.")
            .variant("high")
            .addParts(PromptPart.text("Look at this").withId("prt_abc"))
            .addParts(PromptPart.file("image/png", "data:image/png;base64,AAAA", "x.png"))
            .addParts(PromptPart.file("text/plain", "file:///tmp/a.txt"))
            .addParts(PromptPart.agent("explore"))
            .addParts(PromptPart.subtask("find it", "search", "general").withModel(ModelRef.parse("mock/mock-other")))
            .build()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("promptBodies")
  void promptBodiesMatchTheServerSchema(String name, PromptBody body) {
    JsonNode json = tree(OpenCodeJson.toJson(body));
    assertEquals(List.of(), SCHEMA.validate("session.prompt", json));
    assertEquals(List.of(), SCHEMA.validate("session.prompt_async", json));
    assertFalse(json.has("providerID") || json.has("modelID"), "never the flat form: " + json);
    assertArrayEquals(OpenCodeJson.toJson(body).getBytes(StandardCharsets.UTF_8), OpenCodeJson.toBytes(body));
  }

  @Test
  void theModelIsNested() {
    // the body research/opencode-server.md §4 verified: the mock received mock-normal
    assertEquals("{\"model\":{\"providerID\":\"mock\",\"modelID\":\"mock-normal\"},"
            + "\"parts\":[{\"type\":\"text\",\"text\":\"Say hello\"}]}",
        OpenCodeJson.toJson(PromptBody.text(ModelRef.parse("mock/mock-normal"), "Say hello")));
  }

  @Test
  void everyFieldIsWritten() {
    JsonNode json = tree(OpenCodeJson.toJson((PromptBody) promptBodies().skip(2).findFirst().get().get()[1]));
    assertEquals("msg_1fb340d7a0013kFZwrhGHgvji5", json.get("messageID").asText());
    assertEquals("mock", json.at("/model/providerID").asText());
    assertEquals("build", json.get("agent").asText());
    assertFalse(json.get("noReply").asBoolean());
    assertFalse(json.at("/tools/bash").asBoolean());
    assertTrue(json.at("/tools/edit").asBoolean());
    assertEquals("You are terse.", json.get("system").asText());
    assertEquals("high", json.get("variant").asText());
    assertEquals(List.of("text", "file", "file", "agent", "subtask"),
        Arrays.asList(json.get("parts").findValuesAsText("type").toArray(new String[0])).subList(0, 5));
    assertEquals("prt_abc", json.at("/parts/0/id").asText());
    assertEquals("x.png", json.at("/parts/1/filename").asText());
    assertFalse(json.at("/parts/2").has("filename"));
    assertEquals("mock-other", json.at("/parts/4/model/modelID").asText());
  }

  /** The validator must reject what the server rejected or ignored (captures 02 and 03), or it proves nothing. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"providerID\":\"mock\",\"modelID\":\"mock-normal\",\"parts\":[{\"type\":\"text\",\"text\":\"x\"}]} | not allowed",
      "{\"model\":\"mock/mock-normal\",\"parts\":[{\"type\":\"text\",\"text\":\"x\"}]} | expected object",
      "{\"model\":{\"providerID\":\"mock\",\"id\":\"mock-normal\"},\"parts\":[{\"type\":\"text\",\"text\":\"x\"}]} | missing required 'modelID'",
      "{\"model\":{\"providerID\":\"mock\",\"modelID\":\"m\"}} | missing required 'parts'",
      "{\"messageID\":\"abc\",\"parts\":[]} | does not match",
      "{\"parts\":[{\"type\":\"text\"}]} | alternatives"})
  void theValidatorRejectsBadBodies(String body, String expectedError) {
    List<String> errors = SCHEMA.validate("session.prompt", tree(body));
    assertTrue(errors.stream().anyMatch(e -> e.contains(expectedError)), errors.toString());
  }

  @Test
  void theJavaApiHasNoFlatModelFields() {
    for (Class<?> type : List.of(PromptBody.class, ImmutablePromptBody.Builder.class)) {
      for (Method method : type.getMethods()) {
        assertFalse(method.getName().equals("providerID") || method.getName().equals("modelID"),
            type.getSimpleName() + "." + method.getName());
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"mock/mock-normal, mock, mock-normal", "openrouter/anthropic/claude-3, openrouter, anthropic/claude-3"})
  void modelRefParsesProviderSlashModel(String text, String provider, String model) {
    ModelRef ref = ModelRef.parse(text);
    assertEquals(new ModelRef(provider, model), ref);
    assertEquals(text, ref.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"mock", "/mock-normal", "mock/", " /x", "", "x/ "})
  void modelRefRejectsHalfAModel(String text) {
    assertThrows(IllegalArgumentException.class, () -> ModelRef.parse(text));
  }

  @Test
  void promptBodyRulesAreCheckedWhenBuilt() {
    assertThrows(IllegalStateException.class, () -> PromptBody.builder().build());
    assertThrows(IllegalArgumentException.class,
        () -> PromptBody.builder().messageID("m1").addParts(PromptPart.text("x")).build());
    assertThrows(IllegalArgumentException.class, () -> PromptPart.text("x").withId("part1"));
    assertThrows(IllegalArgumentException.class, () -> PromptPart.file("", "data:,"));
    assertThrows(IllegalArgumentException.class, () -> PromptPart.agent(" "));
  }

  @Test
  void sessionCreateBodies() {
    assertEquals("{}", OpenCodeJson.toJson(SessionCreateBody.builder().build()));

    // the model shape of session creation is {id, providerID}: the same shape the server answered with
    JsonNode answered = Captures.json("11_session_create_with_model.json").get("model");
    SessionCreateBody withModel = SessionCreateBody.builder().title("model-at-create")
        .model(SessionModel.of(ModelRef.parse("mock/mock-normal"))).build();
    JsonNode json = tree(OpenCodeJson.toJson(withModel));
    assertEquals(answered, json.get("model"));
    assertEquals(List.of(), SCHEMA.validate("session.create", json));

    ObjectNode metadata = Captures.PLAIN.createObjectNode().put("origin", "test");
    SessionCreateBody everything = SessionCreateBody.builder().parentID("ses_e04cbf3dcffeYrbZYqzw3T0oCQ")
        .title("t").agent("plan").model(new SessionModel("m", "p", Optional.of("high"))).metadata(metadata)
        .addPermission(new PermissionRule("bash", "git *", PermissionRule.Action.ALLOW))
        .workspaceID("wrk_1").build();
    JsonNode all = tree(OpenCodeJson.toJson(everything));
    assertEquals(List.of(), SCHEMA.validate("session.create", all));
    assertEquals("allow", all.at("/permission/0/action").asText());
    assertEquals("high", all.at("/model/variant").asText());

    assertThrows(IllegalArgumentException.class, () -> SessionCreateBody.builder().parentID("x").build());
    assertThrows(IllegalStateException.class,
        () -> SessionCreateBody.builder().metadata(Captures.PLAIN.createArrayNode()).build());
  }

  @ParameterizedTest
  @EnumSource(PermissionReply.class)
  void permissionReplies(PermissionReply reply) {
    JsonNode body = tree(OpenCodeJson.toJson(PermissionReplyBody.of(reply)));
    assertEquals(Map.of("reply", reply.wire()), Captures.PLAIN.convertValue(body, Map.class));
    assertEquals(List.of(), SCHEMA.validate("permission.reply", body));
    assertEquals(List.of(), SCHEMA.validate("permission.reply",
        tree(OpenCodeJson.toJson(PermissionReplyBody.of(reply, "because")))));

    JsonNode legacy = tree(OpenCodeJson.toJson(new LegacyPermissionResponseBody(reply)));
    assertEquals(Map.of("response", reply.wire()), Captures.PLAIN.convertValue(legacy, Map.class));
    assertEquals(List.of(), SCHEMA.validate("permission.respond", legacy));
    assertEquals(Optional.of(reply), PermissionReply.parse(reply.wire()));
  }

  @Test
  void routes() {
    assertEquals("/session/ses_1/message", OpenCodeRoutes.prompt("ses_1"));
    assertEquals("/session/ses_1/prompt_async", OpenCodeRoutes.promptAsync("ses_1"));
    assertEquals("/session/ses_1/abort", OpenCodeRoutes.abort("ses_1"));
    assertEquals("/permission/per_1/reply", OpenCodeRoutes.permissionReply("per_1"));
    assertEquals("/session/ses_1/permissions/per_1", OpenCodeRoutes.legacyPermissionResponse("ses_1", "per_1"));
    assertEquals("/event?directory=%2Fhome%2Fdev%2Fmy%20project",
        OpenCodeRoutes.inDirectory(OpenCodeRoutes.EVENT, "/home/dev/my project"));
    assertEquals("/session/a%2Fb", OpenCodeRoutes.session("a/b"));
    assertThrows(IllegalArgumentException.class, () -> OpenCodeRoutes.abort(""));
  }
}
