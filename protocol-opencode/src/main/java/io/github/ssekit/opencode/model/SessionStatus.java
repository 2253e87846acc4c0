package io.github.ssekit.opencode.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The status of a session: {@code {"type":"busy"}}, {@code {"type":"idle"}}, or
 * {@code {"type":"retry","attempt","message","next"}} while the server waits to retry a failed provider call.
 */
@Value.Immutable
@SuppressWarnings("exports") // @Value.* annotations are compile-time only; consumers need no Immutables
@JsonSerialize(as = ImmutableSessionStatus.class)
@JsonDeserialize(as = ImmutableSessionStatus.class)
public interface SessionStatus {

  /** idle, busy or retry. */
  Optional<SessionStatusType> type();

  /** Retry: the attempt number, from 1. */
  Optional<Integer> attempt();

  /** Retry: why the previous attempt failed. */
  Optional<String> message();

  /** Retry: when the next attempt starts, epoch milliseconds. */
  Optional<Long> next();

  /** Whether the status is idle. */
  @JsonIgnore
  default boolean isIdle() {
    return type().filter(SessionStatusType.IDLE::equals).isPresent();
  }

  /** Fields this version does not model, kept as sent. */
  @JsonAnyGetter
  Map<String, JsonNode> extra();
}
