package io.github.ssekit.openai.responses;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * {@code response.reasoning_summary_text.delta}/{@code .done} or {@code response.reasoning_text.delta}/{@code
 * .done}.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableReasoningEvent.class)
@JsonDeserialize(as = ImmutableReasoningEvent.class)
public interface ReasoningEvent extends ResponsesEvent {

  /** The output item's id (GitHub Copilot rotates it on every event: correlate by output index). */
  @JsonProperty("item_id")
  Optional<String> itemId();

  /** The position of the output item in the response. */
  @JsonProperty("output_index")
  Optional<Integer> outputIndex();

  /** {@code summary_index}. */
  @JsonProperty("summary_index")
  Optional<Integer> summaryIndex();

  /** {@code content_index}. */
  @JsonProperty("content_index")
  Optional<Integer> contentIndex();

  /** {@code delta}. */
  @JsonProperty("delta")
  Optional<String> delta();

  /** {@code text}. */
  @JsonProperty("text")
  Optional<String> text();

  /** Whether this is reasoning summary text (rather than raw reasoning text). */
  @JsonIgnore
  default boolean isSummary() {
    return type().startsWith("response.reasoning_summary");
  }
}
