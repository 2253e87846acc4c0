package io.github.ssekit.opencode.event;

import io.github.ssekit.opencode.model.Part;
import java.util.Optional;

/**
 * {@code message.part.updated}: a part was created or changed. Text and reasoning parts arrive here at
 * their start (empty text) and end (full text); what comes in between is {@link MessagePartDelta}. Tool parts
 * arrive at every state change.
 *
 * @param envelope the envelope (raw properties included)
 * @param part the part as it is now
 * @param delta the appended text, which servers before {@code message.part.delta} existed sent here
 */
public record MessagePartUpdated(EventEnvelope envelope, Part part, Optional<String> delta) implements OpenCodeEvent {
  /** The event type. */
  public static final String TYPE = "message.part.updated";

  /** The type and ID only: the properties can hold prompts, tool outputs and file contents. */
  @Override
  public String toString() {
    return "MessagePartUpdated[" + envelope + "]";
  }
}
