package io.github.ssekit.opencode;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * A model on a provider. In a prompt it is always sent nested, {@code "model":{"providerID","modelID"}}: OpenCode
 * silently ignores flat {@code providerID}/{@code modelID} fields and answers with the default model, so no request
 * type in this module has flat model fields.
 *
 * @param providerID the provider ID as configured in OpenCode, such as {@code anthropic}
 * @param modelID the model ID within that provider, such as {@code claude-sonnet-4}
 */
public record ModelRef(@JsonProperty("providerID") String providerID, @JsonProperty("modelID") String modelID) {

  /** Checks that both parts are present and not blank. */
  @JsonCreator
  public ModelRef {
    if (providerID == null || providerID.isBlank()) {
      throw new IllegalArgumentException("providerID must not be blank");
    }
    if (modelID == null || modelID.isBlank()) {
      throw new IllegalArgumentException("modelID must not be blank");
    }
  }

  /**
   * Parses {@code "provider/model"}, the form OpenCode's configuration and command line use. Only the first
   * {@code /} separates: {@code "openrouter/anthropic/claude"} is provider {@code openrouter}, model
   * {@code anthropic/claude}.
   *
   * @throws IllegalArgumentException if there is no {@code /}, or either side is blank
   */
  public static ModelRef parse(String providerSlashModel) {
    Objects.requireNonNull(providerSlashModel, "providerSlashModel");
    int slash = providerSlashModel.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException(
          "expected \"provider/model\", got \"" + providerSlashModel + "\" (no '/')");
    }
    return new ModelRef(providerSlashModel.substring(0, slash), providerSlashModel.substring(slash + 1));
  }

  /** A model from its two parts. */
  public static ModelRef of(String providerID, String modelID) {
    return new ModelRef(providerID, modelID);
  }

  /** {@code "provider/model"}, the inverse of {@link #parse}. */
  @Override
  public String toString() {
    return providerID + "/" + modelID;
  }
}
