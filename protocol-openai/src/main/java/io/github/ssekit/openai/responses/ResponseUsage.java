package io.github.ssekit.openai.responses;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/** Token usage of a response. */
@Value.Immutable
@JsonSerialize(as = ImmutableResponseUsage.class)
@JsonDeserialize(as = ImmutableResponseUsage.class)
public interface ResponseUsage {

  /** {@code input_tokens}. */
  @JsonProperty("input_tokens")
  Optional<Long> inputTokens();

  /** {@code output_tokens}. */
  @JsonProperty("output_tokens")
  Optional<Long> outputTokens();

  /** {@code total_tokens}. */
  @JsonProperty("total_tokens")
  Optional<Long> totalTokens();

  /** Raw ({@code cached_tokens}, ...). */
  @JsonProperty("input_tokens_details")
  Optional<JsonNode> inputTokensDetails();

  /** Raw ({@code reasoning_tokens}, ...). */
  @JsonProperty("output_tokens_details")
  Optional<JsonNode> outputTokensDetails();

  /** Members this model does not name, as raw JSON. */
  @JsonAnyGetter
  Map<String, JsonNode> extra();

  /** {@code input_tokens_details.cached_tokens}, when sent as a number. */
  @JsonIgnore
  @Value.Derived
  default Optional<Long> cachedTokens() {
    return inputTokensDetails().map(d -> d.get("cached_tokens")).filter(JsonNode::isNumber).map(JsonNode::asLong);
  }

  /** {@code output_tokens_details.reasoning_tokens}, when sent as a number. */
  @JsonIgnore
  @Value.Derived
  default Optional<Long> reasoningTokens() {
    return outputTokensDetails().map(d -> d.get("reasoning_tokens")).filter(JsonNode::isNumber)
        .map(JsonNode::asLong);
  }
}
