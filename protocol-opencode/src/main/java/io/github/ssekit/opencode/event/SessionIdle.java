package io.github.ssekit.opencode.event;

/**
 * {@code session.idle}: the turn is over. It can come twice (after an error or an abort): handle it
 * idempotently.
 *
 * @param envelope the envelope (raw properties included)
 */
public record SessionIdle(EventEnvelope envelope) implements OpenCodeEvent {
  /** The event type. */
  public static final String TYPE = "session.idle";

  /** The type and ID only: the properties can hold prompts, tool outputs and file contents. */
  @Override
  public String toString() {
    return "SessionIdle[" + envelope + "]";
  }
}
