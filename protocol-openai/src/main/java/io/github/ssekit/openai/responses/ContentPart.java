package io.github.ssekit.openai.responses;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A content or summary part: {@code output_text}, {@code refusal}, {@code summary_text}, {@code reasoning_text},
 * ...
 */
@Value.Immutable
@JsonSerialize(as = ImmutableContentPart.class)
@JsonDeserialize(as = ImmutableContentPart.class)
public interface ContentPart {

  /** {@code type}. */
  @JsonProperty("type")
  Optional<String> type();

  /** {@code text}. */
  @JsonProperty("text")
  Optional<String> text();

  /** {@code refusal}. */
  @JsonProperty("refusal")
  Optional<String> refusal();

  /** Members this model does not name, as raw JSON. */
  @JsonAnyGetter
  Map<String, JsonNode> extra();
}
