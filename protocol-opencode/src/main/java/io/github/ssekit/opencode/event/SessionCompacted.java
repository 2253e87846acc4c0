package io.github.ssekit.opencode.event;

/**
 * {@code session.compacted}: the session's history was summarised to fit the model's context; earlier messages
 * are replaced by the summary (a user interface re-reads the messages).
 *
 * @param envelope the envelope (raw properties included)
 */
public record SessionCompacted(EventEnvelope envelope) implements OpenCodeEvent {
  /** The event type. */
  public static final String TYPE = "session.compacted";

  /** The type and ID only. */
  @Override
  public String toString() {
    return "SessionCompacted[" + envelope + "]";
  }
}
