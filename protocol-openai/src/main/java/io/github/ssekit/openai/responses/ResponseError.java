package io.github.ssekit.openai.responses;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/** The error of a failed response ({@code response.error}). */
@Value.Immutable
@JsonSerialize(as = ImmutableResponseError.class)
@JsonDeserialize(as = ImmutableResponseError.class)
public interface ResponseError {

  /** The code as text (numbers kept as their decimal text). */
  @JsonProperty("code")
  Optional<String> code();

  /** {@code message}. */
  @JsonProperty("message")
  Optional<String> message();

  /** Members this model does not name, as raw JSON. */
  @JsonAnyGetter
  Map<String, JsonNode> extra();
}
