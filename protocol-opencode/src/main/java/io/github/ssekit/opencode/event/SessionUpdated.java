package io.github.ssekit.opencode.event;

import io.github.ssekit.opencode.model.Session;

/**
 * {@code session.updated}: a session changed (title, model, tokens, cost, ...).
 *
 * @param envelope the envelope (raw properties included)
 * @param info the session as it is now
 */
public record SessionUpdated(EventEnvelope envelope, Session info) implements OpenCodeEvent {
  /** The event type. */
  public static final String TYPE = "session.updated";

  /** The type and ID only: the properties can hold prompts, tool outputs and file contents. */
  @Override
  public String toString() {
    return "SessionUpdated[" + envelope + "]";
  }
}
