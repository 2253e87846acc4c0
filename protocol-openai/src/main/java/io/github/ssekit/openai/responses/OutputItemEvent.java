package io.github.ssekit.openai.responses;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/** {@code response.output_item.added} or {@code .done}: an output item starts or is final. */
@Value.Immutable
@JsonSerialize(as = ImmutableOutputItemEvent.class)
@JsonDeserialize(as = ImmutableOutputItemEvent.class)
public interface OutputItemEvent extends ResponsesEvent {

  /** The position of the item in the response. */
  @JsonProperty("output_index")
  Optional<Integer> outputIndex();

  /** The item (complete on {@code .done}). */
  @JsonProperty("item")
  Optional<OutputItem> item();
}
