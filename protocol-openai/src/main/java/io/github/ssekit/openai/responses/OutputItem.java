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

  /** {@code type}. */
  @JsonProperty("type")
  Optional<String> type();

  /** {@code id}. */
  @JsonProperty("id")
  Optional<String> id();

  /** {@code status}. */
  @JsonProperty("status")
  Optional<String> status();

  /** {@code role}. */
  @JsonProperty("role")
  Optional<String> role();

  /** A function call's id, to send its result back. */
  @JsonProperty("call_id")
  Optional<String> callId();

  /** {@code name}. */
  @JsonProperty("name")
  Optional<String> name();

  /** {@code arguments}. */
  @JsonProperty("arguments")
  Optional<String> arguments();

  /** {@code content}. */
  @JsonProperty("content")
  List<ContentPart> content();

  /** {@code summary}. */
  @JsonProperty("summary")
  List<ContentPart> summary();

  /** Members this model does not name, as raw JSON. */
  @JsonAnyGetter
  Map<String, JsonNode> extra();
}
