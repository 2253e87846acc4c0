package io.github.ssekit.openai.responses;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/** The response object carried by lifecycle events. */
@Value.Immutable
@JsonSerialize(as = ImmutableResponseObject.class)
@JsonDeserialize(as = ImmutableResponseObject.class)
public interface ResponseObject {

  /** {@code id}. */
  @JsonProperty("id")
  Optional<String> id();

  /** {@code object}. */
  @JsonProperty("object")
  Optional<String> object();

  /** {@code in_progress}, {@code completed}, {@code incomplete}, {@code failed}, ... */
  @JsonProperty("status")
  Optional<String> status();

  /** {@code model}. */
  @JsonProperty("model")
  Optional<String> model();

  /** {@code created_at}. */
  @JsonProperty("created_at")
  Optional<Long> createdAt();

  /** The output items (empty until the final snapshot). */
  @JsonProperty("output")
  List<OutputItem> output();

  /** {@code usage}. */
  @JsonProperty("usage")
  Optional<ResponseUsage> usage();

  /** {@code error}. */
  @JsonProperty("error")
  Optional<ResponseError> error();

  /** Why the response is incomplete ({@code reason}), raw. */
  @JsonProperty("incomplete_details")
  Optional<JsonNode> incompleteDetails();

  /** Members this model does not name, as raw JSON. */
  @JsonAnyGetter
  Map<String, JsonNode> extra();

  /** {@code incomplete_details.reason}, if sent. */
  @JsonIgnore
  @Value.Derived
  default Optional<String> incompleteReason() {
    return incompleteDetails().map(d -> d.get("reason")).filter(JsonNode::isTextual).map(JsonNode::asText);
  }
}
