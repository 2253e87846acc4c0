package io.github.ssekit.openai.responses;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * {@code response.function_call_arguments.delta} (a fragment) or {@code .done} (the full arguments, and the name).
 */
@Value.Immutable
@JsonSerialize(as = ImmutableFunctionCallArgumentsEvent.class)
@JsonDeserialize(as = ImmutableFunctionCallArgumentsEvent.class)
public interface FunctionCallArgumentsEvent extends ResponsesEvent {

  /** The output item's id (GitHub Copilot rotates it on every event: correlate by output index). */
  @JsonProperty("item_id")
  Optional<String> itemId();

  /** The position of the output item in the response. */
  @JsonProperty("output_index")
  Optional<Integer> outputIndex();

  /** {@code delta}. */
  @JsonProperty("delta")
  Optional<String> delta();

  /** {@code arguments}. */
  @JsonProperty("arguments")
  Optional<String> arguments();

  /** {@code name}. */
  @JsonProperty("name")
  Optional<String> name();
}
