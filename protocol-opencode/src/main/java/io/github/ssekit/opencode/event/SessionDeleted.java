package io.github.ssekit.opencode.event;

import io.github.ssekit.opencode.model.Session;

/**
 * {@code session.deleted}: a session was deleted.
 *
 * @param envelope the envelope (raw properties included)
 * @param info the session as it was
 */
public record SessionDeleted(EventEnvelope envelope, Session info) implements OpenCodeEvent {
  /** The event type. */
  public static final String TYPE = "session.deleted";

  /** The type and ID only: the properties can hold prompts, tool outputs and file contents. */
  @Override
  public String toString() {
    return "SessionDeleted[" + envelope + "]";
  }
}
