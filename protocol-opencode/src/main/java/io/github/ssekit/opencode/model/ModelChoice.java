package io.github.ssekit.opencode.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import io.github.ssekit.opencode.ModelRef;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A model as messages and sessions carry it: {@code {"providerID","modelID","variant"?}} in user messages and
 * subtask parts, {@code {"id","providerID","variant"?}} in sessions (where the model ID is under {@code id}).
 */
@Value.Immutable
@SuppressWarnings("exports") // @Value.* annotations are compile-time only; consumers need no Immutables
@JsonSerialize(as = ImmutableModelChoice.class)
@JsonDeserialize(as = ImmutableModelChoice.class)
public interface ModelChoice {

  /** The provider ID. */
  Optional<String> providerID();

  /** The model ID, as user messages carry it. */
  Optional<String> modelID();

  /** The model ID, as sessions carry it (under {@code id}). */
  Optional<String> id();

  /** The model variant, such as a reasoning effort. */
  Optional<String> variant();

  /** The model as a {@link ModelRef}, when both the provider and the model are known. */
  default Optional<ModelRef> toModelRef() {
    Optional<String> model = modelID().isPresent() ? modelID() : id();
    if (providerID().isEmpty() || model.isEmpty() || providerID().get().isBlank() || model.get().isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new ModelRef(providerID().get(), model.get()));
  }

  /** Fields this version does not model, kept as sent. */
  @JsonAnyGetter
  Map<String, JsonNode> extra();
}
