package io.github.ssekit.opencode.event;

import io.github.ssekit.opencode.model.SessionStatus;

/**
 * {@code session.status}: the session became busy, idle, or is waiting to retry a failed provider call
 * ({@code attempt}, {@code next}).
 *
 * @param envelope the envelope (raw properties included)
 * @param status the new status
 */
public record SessionStatusChanged(EventEnvelope envelope, SessionStatus status) implements OpenCodeEvent {
  /** The event type. */
  public static final String TYPE = "session.status";

  /** The type and ID only: the properties can hold prompts, tool outputs and file contents. */
  @Override
  public String toString() {
    return "SessionStatusChanged[" + envelope + "]";
  }
}
