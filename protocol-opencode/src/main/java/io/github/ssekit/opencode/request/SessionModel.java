package io.github.ssekit.opencode.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.ssekit.opencode.ModelRef;
import java.util.Objects;
import java.util.Optional;

/**
 * The model of {@code POST /session}: {@code {"id","providerID","variant"?}}. Note {@code id}, not
 * {@code modelID}: session creation uses its own shape (observed on 1.18.33 and in its OpenAPI document).
 *
 * @param id the model ID
 * @param providerID the provider ID
 * @param variant the model variant
 */
@JsonPropertyOrder({"id", "providerID", "variant"})
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record SessionModel(String id, String providerID, Optional<String> variant) {

  /** Checks that the model and the provider are present. */
  public SessionModel {
    Checks.notBlank(id, "id");
    Checks.notBlank(providerID, "providerID");
    Objects.requireNonNull(variant, "variant");
  }

  /** The session form of a model. */
  public static SessionModel of(ModelRef model) {
    return new SessionModel(model.modelID(), model.providerID(), Optional.empty());
  }

  /** The model as a {@link ModelRef}. */
  public ModelRef toModelRef() {
    return new ModelRef(providerID, id);
  }
}
