package io.github.ssekit.opencode.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The tool call a permission or question request belongs to: {@code {"messageID","callID"}}.
 */
@Value.Immutable
@SuppressWarnings("exports") // @Value.* annotations are compile-time only; consumers need no Immutables
@JsonSerialize(as = ImmutableToolRef.class)
@JsonDeserialize(as = ImmutableToolRef.class)
public interface ToolRef {

  /** The assistant message holding the tool part. */
  Optional<String> messageID();

  /** The tool call ID (the tool part's {@code callID}). */
  Optional<String> callID();

  /** Fields this version does not model, kept as sent. */
  @JsonAnyGetter
  Map<String, JsonNode> extra();
}
