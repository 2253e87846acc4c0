package io.github.ssekit.openai.chat;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/** A fragment of one tool call in {@code delta.tool_calls}. */
@Value.Immutable
@JsonSerialize(as = ImmutableToolCallDelta.class)
@JsonDeserialize(as = ImmutableToolCallDelta.class)
public interface ToolCallDelta {

  /** Which call this fragment belongs to (Gemini and Mistral omit it). */
  @JsonProperty("index")
  Optional<Integer> index();

  /** {@code id}. */
  @JsonProperty("id")
  Optional<String> id();

  /** {@code type}. */
  @JsonProperty("type")
  Optional<ToolType> type();

  /** {@code function}. */
  @JsonProperty("function")
  Optional<FunctionDelta> function();

  /** Members this model does not name, as raw JSON (for example Gemini's {@code extra_content}). */
  @JsonAnyGetter
  Map<String, JsonNode> extra();
}
