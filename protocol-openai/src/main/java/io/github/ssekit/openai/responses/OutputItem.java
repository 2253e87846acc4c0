package io.github.ssekit.openai.responses;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/** An output item: a {@code message}, {@code function_call}, {@code reasoning}, or any other type. */
@Value.Immutable
@JsonSerialize(as = ImmutableOutputItem.class)
@JsonDeserialize(as = ImmutableOutputItem.class)
public interface OutputItem {

  @JsonProperty("type")
  Optional<String> type();

  @JsonProperty("id")
  Optional<String> id();

  @JsonProperty("status")
  Optional<String> status();

  @JsonProperty("role")
  Optional<String> role();

  /** A function call's id, to send its result back. */
  @JsonProperty("call_id")
  Optional<String> callId();

  @JsonProperty("name")
  Optional<String> name();

  @JsonProperty("arguments")
  Optional<String> arguments();

  @JsonProperty("content")
  List<ContentPart> content();

  @JsonProperty("summary")
  List<ContentPart> summary();

  /** Members this model does not name, as raw JSON. */
  @JsonAnyGetter
  Map<String, JsonNode> extra();
}
