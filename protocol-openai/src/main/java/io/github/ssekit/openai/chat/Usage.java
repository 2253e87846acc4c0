package io.github.ssekit.openai.chat;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Token usage of a Chat Completions request. Provider extras (OpenRouter's {@code cost}, DeepSeek's
 * {@code prompt_cache_hit_tokens}, Together's root {@code cached_tokens}) are kept in {@link #extra()}.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableUsage.class)
@JsonDeserialize(as = ImmutableUsage.class)
public interface Usage {

  /** {@code prompt_tokens}. */
  @JsonProperty("prompt_tokens")
  Optional<Long> promptTokens();

  /** {@code completion_tokens}. */
  @JsonProperty("completion_tokens")
  Optional<Long> completionTokens();

  /** {@code total_tokens}. */
  @JsonProperty("total_tokens")
  Optional<Long> totalTokens();

  /** {@code prompt_tokens_details}, raw ({@code cached_tokens}, {@code audio_tokens}, ...). */
  @JsonProperty("prompt_tokens_details")
  Optional<JsonNode> promptTokensDetails();

  /** {@code completion_tokens_details}, raw ({@code reasoning_tokens}, ...). */
  @JsonProperty("completion_tokens_details")
  Optional<JsonNode> completionTokensDetails();

  /** Members this model does not name, as raw JSON. */
  @JsonAnyGetter
  Map<String, JsonNode> extra();

  /** {@code prompt_tokens_details.cached_tokens}, when sent as a number. */
  @JsonIgnore
  @Value.Derived
  default Optional<Long> cachedTokens() {
    return promptTokensDetails().map(d -> d.get("cached_tokens")).filter(JsonNode::isNumber).map(JsonNode::asLong);
  }

  /** {@code completion_tokens_details.reasoning_tokens}, when sent as a number. */
  @JsonIgnore
  @Value.Derived
  default Optional<Long> reasoningTokens() {
    return completionTokensDetails().map(d -> d.get("reasoning_tokens")).filter(JsonNode::isNumber)
        .map(JsonNode::asLong);
  }
}
