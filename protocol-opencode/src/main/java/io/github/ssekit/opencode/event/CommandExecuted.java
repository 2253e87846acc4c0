package io.github.ssekit.opencode.event;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code command.executed}: a slash command ({@code POST /session/{id}/command}) ran in the session; its reply
 * follows as messages of the session.
 *
 * @param envelope the envelope (raw properties included)
 * @param name the command's name
 * @param arguments the command's arguments, as typed
 * @param messageID the message the command produced
 */
public record CommandExecuted(EventEnvelope envelope, String name, Optional<String> arguments,
    Optional<String> messageID) implements OpenCodeEvent {
  /** The event type. */
  public static final String TYPE = "command.executed";

  /** Checks that nothing is null. */
  public CommandExecuted {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arguments, "arguments");
    Objects.requireNonNull(messageID, "messageID");
  }

  /** The type, ID and command name only: the arguments can be private. */
  @Override
  public String toString() {
    return "CommandExecuted[" + envelope + ", " + name + "]";
  }
}
