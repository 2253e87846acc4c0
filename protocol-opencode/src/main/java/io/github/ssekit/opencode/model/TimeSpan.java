package io.github.ssekit.opencode.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The {@code time} object of a part, a tool state, a message or a session. Which fields appear depends on the owner:
 * parts and tool states have {@code start}/{@code end}, messages {@code created}/{@code completed}, sessions
 * {@code created}/{@code updated}. Epoch milliseconds.
 */
@Value.Immutable
@SuppressWarnings("exports") // @Value.* annotations are compile-time only; consumers need no Immutables
@JsonSerialize(as = ImmutableTimeSpan.class)
@JsonDeserialize(as = ImmutableTimeSpan.class)
public interface TimeSpan {

  /** When a part or a tool call started. */
  Optional<Long> start();

  /** When a part or a tool call ended. */
  Optional<Long> end();

  /** When a message or a session was created. */
  Optional<Long> created();

  /** When an assistant message was completed: the turn (or this step of it) is over. */
  Optional<Long> completed();

  /** When a session was last updated. */
  Optional<Long> updated();

  /** Fields this version does not model, kept as sent. */
  @JsonAnyGetter
  Map<String, JsonNode> extra();
}
