package io.github.ssekit.openai.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ssekit.openai.ProviderStreamException;
import io.github.ssekit.openai.internal.Json;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.protocol.DecodeOutcome;
import io.github.ssekit.sse.protocol.Diagnostic;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The chunk model: unknown members kept, open enums, wrong types dropped and reported. */
class ChatModelTest {

  private static DecodeOutcome<ChatChunk> decode(String data) {
    return ChatCompletionsProtocol.lenient().decode(SseEvent.message(data));
  }

  private static List<String> codes(DecodeOutcome<?> outcome) {
    return outcome.diagnostics().stream().map(Diagnostic::code).toList();
  }

  @Test
  void keepsUnknownMembersAtEveryLevelAndWritesThemBack() throws Exception {
    String data = "{\"id\":\"c\",\"provider\":\"OpenAI\",\"x_groq\":{\"id\":\"req_1\"},\"choices\":[{\"index\":0,"
        + "\"native_finish_reason\":null,\"seed\":9033012299842426000,\"delta\":{\"content\":\"x\",\"token_id\":7,"
        + "\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"extra_content\":{\"google\":{\"thought_signature\":\"c2ln\"}},"
        + "\"function\":{\"name\":\"f\",\"arguments\":\"{}\",\"strict\":true}}]},\"finish_reason\":null}]}";
    ChatChunk chunk = decode(data).value().orElseThrow();

    assertEquals("OpenAI", chunk.extra().get("provider").asText());
    assertEquals("req_1", chunk.extra().get("x_groq").get("id").asText());
    ChatChoice choice = chunk.choices().get(0);
    assertTrue(choice.extra().containsKey("native_finish_reason"));
    assertEquals(new BigInteger("9033012299842426000"), choice.extra().get("seed").bigIntegerValue());
    ChatDelta delta = choice.delta().orElseThrow();
    assertEquals(7, delta.extra().get("token_id").asInt());
    ToolCallDelta call = delta.toolCalls().get(0);
    assertEquals("c2ln", call.extra().get("extra_content").get("google").get("thought_signature").asText());
    assertTrue(call.function().orElseThrow().extra().get("strict").asBoolean());

    ObjectMapper plain = new ObjectMapper();
    JsonNode written = plain.readTree(Json.write(chunk));
    JsonNode original = plain.readTree(data);
    ((com.fasterxml.jackson.databind.node.ObjectNode) original.get("choices").get(0)).remove("finish_reason");
    assertEquals(original, written, "written back with every member (null finish_reason is absent)");
  }

  @Test
  void enumsAreOpenAndKeepTheRawValue() {
    ChatChunk chunk = decode("{\"service_tier\":\"turbo\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"model\","
        + "\"tool_calls\":[{\"index\":0,\"type\":\"mcp\"}]},\"finish_reason\":\"tool_call\"}]}").value().orElseThrow();
    ChatChoice choice = chunk.choices().get(0);
    assertEquals("tool_call", choice.finishReason().orElseThrow().raw());
    assertEquals(Optional.empty(), choice.finishReason().orElseThrow().known());
    assertEquals("model", choice.delta().orElseThrow().role().orElseThrow().raw());
    assertEquals("turbo", chunk.serviceTier().orElseThrow().raw());
    assertEquals("mcp", choice.delta().orElseThrow().toolCalls().get(0).type().orElseThrow().raw());
    assertEquals(Optional.of(FinishReason.Known.STOP), FinishReason.of("stop").known());
    assertEquals(FinishReason.TOOL_CALLS, FinishReason.of("tool_calls"));
    assertEquals(Optional.of(ServiceTier.Known.FAST), ServiceTier.of("fast").known());
  }

  @Test
  void aMemberOfTheWrongTypeIsDroppedAndReported() {
    DecodeOutcome<ChatChunk> outcome = decode("{\"created\":\"yesterday\",\"choices\":[7,{\"index\":0,"
        + "\"delta\":{\"content\":\"x\"}}]}");
    ChatChunk chunk = outcome.value().orElseThrow();
    assertEquals(Optional.empty(), chunk.created());
    assertEquals(1, chunk.choices().size());
    assertEquals("x", chunk.choices().get(0).delta().orElseThrow().content().orElseThrow());
    assertEquals(List.of("openai.wrong-type", "openai.wrong-type"), codes(outcome));
  }

  @Test
  void anErrorCarriesTheProvidersWordsAndRawJson() {
    String data = "{\"error\":{\"message\":\"Internal server error\",\"type\":\"internal_error\",\"code\":500,"
        + "\"param\":\"messages\"}}";
    ProviderStreamException error = (ProviderStreamException) decode(data).error().orElseThrow();
    assertEquals("Internal server error", error.providerMessage());
    assertEquals(Optional.of("internal_error"), error.type());
    assertEquals(Optional.of("500"), error.code());
    assertEquals(Optional.of("messages"), error.param());
    assertEquals(data, error.rawJson());
    assertEquals("provider error: Internal server error (type internal_error) (code 500)", error.getMessage());
  }

  @Test
  void falsyErrorMembersAreNotErrors() {
    for (String data : List.of("{\"error\":null,\"choices\":[]}", "{\"error\":{},\"choices\":[]}",
        "{\"error\":\"\",\"choices\":[]}", "{\"error\":false,\"choices\":[]}")) {
      assertEquals(DecodeOutcome.Kind.VALUE, decode(data).kind(), data);
    }
  }

  @Test
  void theProtocolConsumesOnlyUnnamedAndErrorEvents() {
    ChatCompletionsProtocol protocol = ChatCompletionsProtocol.lenient();
    assertTrue(protocol.consumes("message"));
    assertTrue(protocol.consumes("error"));
    assertFalse(protocol.consumes("hermes.tool.progress"));
    assertFalse(protocol.consumes("ping"));
    assertFalse(protocol.isStrict());
    assertTrue(ChatCompletionsProtocol.strict().isStrict());
  }

  @Test
  void excerptsAreCutSoDiagnosticsStaySmall() {
    String big = "{\"role_x\":\"" + "a".repeat(10_000) + "\"}";
    Diagnostic diagnostic = decode(big).diagnostics().get(0);
    assertEquals("openai.extension-payload", diagnostic.code());
    assertTrue(diagnostic.excerpt().length() <= Diagnostic.MAX_EXCERPT + 3);
  }

  @Test
  void textDeltaIsTheFirstChoicesContentFragmentOrEmpty() {
    assertEquals("Hel", decode("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}").value()
        .orElseThrow().textDelta());
    assertEquals("", decode("{\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"hm\"}}]}").value()
        .orElseThrow().textDelta(), "reasoning is not the text");
    assertEquals("", decode("{\"choices\":[],\"usage\":{\"total_tokens\":3}}").value().orElseThrow().textDelta());
    assertEquals("zero", decode("{\"choices\":[{\"index\":1,\"delta\":{\"content\":\"one\"}},"
        + "{\"index\":0,\"delta\":{\"content\":\"zero\"}}]}").value().orElseThrow().textDelta(),
        "the choice of index 0, wherever it is");
    assertFalse(Json.write(decode("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}").value()
        .orElseThrow()).contains("textDelta"), "not a member of the JSON");
  }

  @Test
  void deltaListenerHelpersEachSeeTheirOwnFragments() {
    String stream = "data: {\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"think\"}}]}\n\n"
        + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"text\"}}]}\n\n"
        + "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"a\",\"type\":\"function\","
        + "\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"x\\\"\"}},{\"index\":1,\"id\":\"b\",\"type\":\"function\","
        + "\"function\":{\"name\":\"g\",\"arguments\":\"{}\"}}]}}]}\n\n"
        + "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\":1}\"}}]}}]}\n\n"
        + "data: [DONE]\n\n";
    StringBuilder reasoning = new StringBuilder();
    StringBuilder content = new StringBuilder();
    List<String> arguments = new java.util.ArrayList<>();
    for (ChatDeltaListener listener : List.of(ChatDeltaListener.reasoning(reasoning::append),
        ChatDeltaListener.content(content::append),
        ChatDeltaListener.toolArguments((fragment, position) -> arguments.add(position + ":" + fragment)))) {
      ChatStream.builder().deltas(listener).build().feed(stream.getBytes(java.nio.charset.StandardCharsets.UTF_8))
          .end();
    }
    assertEquals("think", reasoning.toString());
    assertEquals("text", content.toString());
    assertEquals(List.of("0:{\"x\"", "1:{}", "0::1}"), arguments);
  }
}
