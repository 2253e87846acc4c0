package io.github.ssekit.opencode.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One item of a session's todo list: {@code {"content","status","priority"}}.
 */
@Value.Immutable
@SuppressWarnings("exports") // @Value.* annotations are compile-time only; consumers need no Immutables
@JsonSerialize(as = ImmutableTodo.class)
@JsonDeserialize(as = ImmutableTodo.class)
public interface Todo {

  /** What to do. */
  Optional<String> content();

  /** pending, in_progress, completed or cancelled. */
  Optional<String> status();

  /** high, medium or low. */
  Optional<String> priority();

  /** Fields this version does not model, kept as sent. */
  @JsonAnyGetter
  Map<String, JsonNode> extra();
}
