package io.github.ssekit.opencode.event;

/**
 * {@code message.part.removed}: a part was removed.
 *
 * @param envelope the envelope (raw properties included)
 * @param messageID the message of the part
 * @param partID the removed part
 */
public record MessagePartRemoved(EventEnvelope envelope, String messageID, String partID) implements OpenCodeEvent {
  /** The event type. */
  public static final String TYPE = "message.part.removed";

  /** The type and ID only: the properties can hold prompts, tool outputs and file contents. */
  @Override
  public String toString() {
    return "MessagePartRemoved[" + envelope + "]";
  }
}
