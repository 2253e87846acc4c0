package io.github.ssekit.opencode.event;

/**
 * {@code message.part.delta}: text appended to a field of a part. It names neither the part's kind nor the
 * message's role: those come from earlier {@link MessagePartUpdated} and {@link MessageUpdated} events.
 *
 * @param envelope the envelope (raw properties included)
 * @param messageID the message of the part
 * @param partID the part
 * @param field the field appended to, {@code text} for text and reasoning parts alike
 * @param delta the appended text
 */
public record MessagePartDelta(EventEnvelope envelope, String messageID, String partID, String field, String delta)
    implements OpenCodeEvent {
  /** The event type. */
  public static final String TYPE = "message.part.delta";

  /** The type and ID only: the properties can hold prompts, tool outputs and file contents. */
  @Override
  public String toString() {
    return "MessagePartDelta[" + envelope + "]";
  }
}
