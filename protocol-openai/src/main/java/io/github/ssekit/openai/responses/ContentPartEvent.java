package io.github.ssekit.openai.responses;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * {@code response.content_part.added}/{@code .done} or {@code response.reasoning_summary_part.added}/{@code .done}.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableContentPartEvent.class)
@JsonDeserialize(as = ImmutableContentPartEvent.class)
public interface ContentPartEvent extends ResponsesEvent {

  /** The output item's id (GitHub Copilot rotates it on every event: correlate by output index). */
  @JsonProperty("item_id")
  Optional<String> itemId();

  /** The position of the output item in the response. */
  @JsonProperty("output_index")
  Optional<Integer> outputIndex();

  /** {@code content_index}. */
  @JsonProperty("content_index")
  Optional<Integer> contentIndex();

  /** {@code summary_index}. */
  @JsonProperty("summary_index")
  Optional<Integer> summaryIndex();

  /** {@code part}. */
  @JsonProperty("part")
  Optional<ContentPart> part();
}
