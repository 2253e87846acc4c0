package io.github.ssekit.openai.responses;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * {@code response.created}, {@code .queued}, {@code .in_progress}, {@code .completed}, {@code .incomplete} or
 * {@code .failed}: a snapshot of the whole response.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableResponseLifecycleEvent.class)
@JsonDeserialize(as = ImmutableResponseLifecycleEvent.class)
public interface ResponseLifecycleEvent extends ResponsesEvent {

  /** The response as it stands. */
  @JsonProperty("response")
  Optional<ResponseObject> response();

  /** Whether this event ends the stream: completed, incomplete or failed. */
  @JsonIgnore
  default boolean isTerminal() {
    return type().equals("response.completed") || type().equals("response.incomplete")
        || type().equals("response.failed");
  }
}
