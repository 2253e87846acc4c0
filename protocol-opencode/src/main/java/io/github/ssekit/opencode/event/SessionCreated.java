package io.github.ssekit.opencode.event;

import io.github.ssekit.opencode.model.Session;

/**
 * {@code session.created}: a session was created.
 *
 * @param envelope the envelope (raw properties included)
 * @param info the new session
 */
public record SessionCreated(EventEnvelope envelope, Session info) implements OpenCodeEvent {
  /** The event type. */
  public static final String TYPE = "session.created";

  /** The type and ID only: the properties can hold prompts, tool outputs and file contents. */
  @Override
  public String toString() {
    return "SessionCreated[" + envelope + "]";
  }
}
