package io.github.ssekit.opencode.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The state of a tool call, as in a tool part: {@code pending} (input streaming), {@code running},
 * {@code completed} (with output) or {@code error} (with the error text).
 */
@Value.Immutable
@SuppressWarnings("exports") // @Value.* annotations are compile-time only; consumers need no Immutables
@JsonSerialize(as = ImmutableToolState.class)
@JsonDeserialize(as = ImmutableToolState.class)
public interface ToolState {

  /** The status; empty only if the server left it out. */
  Optional<ToolStatus> status();

  /** The tool input (arguments), an object. */
  Optional<JsonNode> input();

  /** The raw input text while pending. */
  Optional<String> raw();

  /** A title for the call, such as the command it runs. */
  Optional<String> title();

  /** The output, when completed. */
  Optional<String> output();

  /** The error text, when the call failed or was rejected. */
  Optional<String> error();

  /** Tool-specific metadata. */
  Optional<JsonNode> metadata();

  /** Start and end times. */
  Optional<TimeSpan> time();

  /** Fields this version does not model, kept as sent. */
  @JsonAnyGetter
  Map<String, JsonNode> extra();
}
