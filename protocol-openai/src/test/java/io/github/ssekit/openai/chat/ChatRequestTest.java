package io.github.ssekit.openai.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.ssekit.openai.chat.ChatRequest.ContentPart;
import io.github.ssekit.openai.chat.ChatRequest.Message;
import io.github.ssekit.openai.chat.ChatRequest.ToolCallParam;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatRequestTest {

  @Test
  void serialisesMessagesWithImagePartsToolsOptionsUsageAndExtras() {
    ChatRequest request = ChatRequest.builder("gpt-4o-mini")
        .system("Be brief.")
        .addMessage(Message.user(List.of(ContentPart.text("What is this?"),
            ContentPart.imageUrl("https://example.com/cat.png", "low"))))
        .addFunction("get_weather", "Current weather",
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}")
        .toolChoice("auto")
        .temperature(0.2)
        .maxCompletionTokens(256)
        .includeUsage(true)
        .extra("provider", Map.of("order", List.of("openai")))
        .build();

    assertEquals("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is this?\"},"
        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/cat.png\",\"detail\":\"low\"}}]}],"
        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"Current weather\","
        + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}}],"
        + "\"tool_choice\":\"auto\",\"temperature\":0.2,\"max_completion_tokens\":256,\"stream\":true,"
        + "\"stream_options\":{\"include_usage\":true},\"provider\":{\"order\":[\"openai\"]}}", request.toJson());
    assertEquals(request.toJson(), new String(request.toJsonBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void serialisesAToolLoopTurn() {
    ChatResult previous = ChatStream.decode(io.github.ssekit.openai.TestFiles.stream(
        "fixtures/openai/07-gateway-anthropic-fallback-tool-index-1.sse"));
    ToolCall call = previous.message().orElseThrow().toolCalls().get(0);

    ChatRequest request = ChatRequest.builder("m")
        .user("Read a.txt")
        .addMessage(Message.assistant("Reading it.", List.of(ToolCallParam.of(call))))
        .addMessage(Message.tool("toolu_sanitized", "hello"))
        .toolChoiceFunction("read_file")
        .stream(false)
        .build();

    assertEquals("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Read a.txt\"},"
        + "{\"role\":\"assistant\",\"content\":\"Reading it.\",\"tool_calls\":[{\"id\":\"toolu_sanitized\","
        + "\"type\":\"function\",\"function\":{\"name\":\"read_file\",\"arguments\":\"{\\\"path\\\": \\\"a.txt\\\"}\"}}]},"
        + "{\"role\":\"tool\",\"content\":\"hello\",\"tool_call_id\":\"toolu_sanitized\"}],"
        + "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"read_file\"}},\"stream\":false}",
        request.toJson());
  }

  @Test
  void anExtraReplacesAMemberInPlace() {
    ChatRequest request = ChatRequest.builder("m").user("hi").extra("stream", false).extra("top_k", 40).build();
    assertEquals("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":false,\"top_k\":40}",
        request.toJson());
  }

  @Test
  void refusesARequestWithoutMessagesOrModel() {
    assertThrows(IllegalStateException.class, () -> ChatRequest.builder("m").build());
    assertThrows(IllegalStateException.class, () -> ChatRequest.builder(" ").user("x").build());
    assertThrows(IllegalArgumentException.class,
        () -> ChatRequest.builder("m").addFunction("f", null, "{not json"));
  }

  @Test
  void toStringShowsNoMessageContent() {
    ChatRequest request = ChatRequest.builder("m").user("my secret plan").build();
    assertEquals("ChatRequest[model=m, messages=1, stream=true]", request.toString());
    assertFalse(Message.user("my secret plan").toString().contains("secret"));
  }
}
