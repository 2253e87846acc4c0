package io.github.ssekit.openai.responses;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * {@code response.output_text.delta} (a fragment in {@link #delta()}) or {@code .done} (the full text in {@link
 * #text()}).
 */
@Value.Immutable
@JsonSerialize(as = ImmutableOutputTextEvent.class)
@JsonDeserialize(as = ImmutableOutputTextEvent.class)
public interface OutputTextEvent extends ResponsesEvent {

  /** The output item's id (GitHub Copilot rotates it on every event: correlate by output index). */
  @JsonProperty("item_id")
  Optional<String> itemId();

  /** The position of the output item in the response. */
  @JsonProperty("output_index")
  Optional<Integer> outputIndex();

  /** {@code content_index}. */
  @JsonProperty("content_index")
  Optional<Integer> contentIndex();

  /** {@code delta}. */
  @JsonProperty("delta")
  Optional<String> delta();

  /** {@code text}. */
  @JsonProperty("text")
  Optional<String> text();

  /** {@code logprobs}. */
  @JsonProperty("logprobs")
  Optional<JsonNode> logprobs();
}
