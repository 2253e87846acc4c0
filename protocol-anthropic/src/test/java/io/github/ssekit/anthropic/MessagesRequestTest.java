package io.github.ssekit.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.ssekit.anthropic.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessagesRequestTest {

  @Test
  void aStreamingBodyWithSystemMessagesToolsAndThinking() {
    MessagesRequest request = MessagesRequest.builder("claude-sonnet-4-5", 1024)
        .system("Be brief.")
        .user("What is the weather in Paris?")
        .assistant("Let me look.")
        .toolResult("toolu_1", "18 C, sunny")
        .addTool("get_weather", "Current weather", Json.parse("{\"type\":\"object\"}").orElseThrow())
        .toolChoice("auto")
        .thinking(2048)
        .temperature(1.0)
        .extra("metadata", Map.of("user_id", "u-1"))
        .extra("stop_sequences", List.of("###"))
        .build();
    assertEquals("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"stream\":true,\"system\":\"Be brief.\","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"What is the weather in Paris?\"},"
        + "{\"role\":\"assistant\",\"content\":\"Let me look.\"},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\","
        + "\"content\":\"18 C, sunny\"}]}],"
        + "\"tools\":[{\"name\":\"get_weather\",\"description\":\"Current weather\","
        + "\"input_schema\":{\"type\":\"object\"}}],\"tool_choice\":{\"type\":\"auto\"},"
        + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048},\"temperature\":1.0,"
        + "\"metadata\":{\"user_id\":\"u-1\"},\"stop_sequences\":[\"###\"]}", request.toJson());
    assertEquals(request.toJson(), new String(request.toJsonBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void theBodyCannotBeChangedFromOutside() {
    MessagesRequest request = MessagesRequest.builder("m", 1).user("hi").build();
    request.body().put("stream", false);
    assertEquals(true, request.body().get("stream").asBoolean());
  }

  @Test
  void limitsMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> MessagesRequest.builder("m", 0));
    assertThrows(IllegalArgumentException.class, () -> MessagesRequest.builder("m", 1).thinking(0));
  }
}
