package io.github.ssekit.opencode.event;

/**
 * {@code message.removed}: a message was removed.
 *
 * @param envelope the envelope (raw properties included)
 * @param messageID the removed message
 */
public record MessageRemoved(EventEnvelope envelope, String messageID) implements OpenCodeEvent {
  /** The event type. */
  public static final String TYPE = "message.removed";

  /** The type and ID only: the properties can hold prompts, tool outputs and file contents. */
  @Override
  public String toString() {
    return "MessageRemoved[" + envelope + "]";
  }
}
