package io.github.ssekit.opencode.event;

import io.github.ssekit.opencode.model.MessageInfo;

/**
 * {@code message.updated}: a user or assistant message was created or changed. The assistant message is
 * completed ({@code time.completed}) at the end of each step; it carries the model that answered, tokens, cost,
 * finish and error.
 *
 * @param envelope the envelope (raw properties included)
 * @param info the message as it is now
 */
public record MessageUpdated(EventEnvelope envelope, MessageInfo info) implements OpenCodeEvent {
  /** The event type. */
  public static final String TYPE = "message.updated";

  /** The type and ID only: the properties can hold prompts, tool outputs and file contents. */
  @Override
  public String toString() {
    return "MessageUpdated[" + envelope + "]";
  }
}
