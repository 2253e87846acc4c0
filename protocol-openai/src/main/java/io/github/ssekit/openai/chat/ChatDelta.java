package io.github.ssekit.openai.chat;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/** What one chunk adds to a choice's message. */
@Value.Immutable
@JsonSerialize(as = ImmutableChatDelta.class)
@JsonDeserialize(as = ImmutableChatDelta.class)
public interface ChatDelta {

  /** {@code role}. */
  @JsonProperty("role")
  Optional<Role> role();

  /** A fragment of the text; {@code null} on the wire is absent. */
  @JsonProperty("content")
  Optional<String> content();

  /** A fragment of a refusal. */
  @JsonProperty("refusal")
  Optional<String> refusal();

  /** A fragment of reasoning, as DeepSeek, Qwen, xAI and Kimi send it. */
  @JsonProperty("reasoning_content")
  Optional<String> reasoningContent();

  /** A fragment of reasoning, as vLLM, Cerebras, Baseten and Ollama-style servers send it. */
  @JsonProperty("reasoning")
  Optional<String> reasoning();

  /** {@code tool_calls}. */
  @JsonProperty("tool_calls")
  List<ToolCallDelta> toolCalls();

  /** The deprecated single function call. */
  @JsonProperty("function_call")
  Optional<FunctionDelta> functionCall();

  /** Members this model does not name, as raw JSON. */
  @JsonAnyGetter
  Map<String, JsonNode> extra();

  /** The reasoning fragment from whichever field carried it ({@code reasoning_content} first). */
  @JsonIgnore
  @Value.Derived
  default Optional<String> reasoningText() {
    return reasoningContent().isPresent() ? reasoningContent() : reasoning();
  }
}
