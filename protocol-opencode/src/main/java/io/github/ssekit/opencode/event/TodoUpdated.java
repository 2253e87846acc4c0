package io.github.ssekit.opencode.event;

import io.github.ssekit.opencode.model.Todo;
import java.util.List;

/**
 * {@code todo.updated}: the session's todo list changed.
 *
 * @param envelope the envelope (raw properties included)
 * @param todos the whole list, as it is now
 */
public record TodoUpdated(EventEnvelope envelope, List<Todo> todos) implements OpenCodeEvent {
  /** The event type. */
  public static final String TYPE = "todo.updated";

  /** The type and ID only: the properties can hold prompts, tool outputs and file contents. */
  @Override
  public String toString() {
    return "TodoUpdated[" + envelope + "]";
  }
}
