package io.github.ssekit.opencode.event;

/**
 * {@code server.connected}: the first event of every stream.
 *
 * @param envelope the envelope (raw properties included)
 */
public record ServerConnected(EventEnvelope envelope) implements OpenCodeEvent {
  /** The event type. */
  public static final String TYPE = "server.connected";

  /** The type and ID only: the properties can hold prompts, tool outputs and file contents. */
  @Override
  public String toString() {
    return "ServerConnected[" + envelope + "]";
  }
}
