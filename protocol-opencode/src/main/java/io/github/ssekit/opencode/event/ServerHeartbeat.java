package io.github.ssekit.opencode.event;

/**
 * {@code server.heartbeat}: sent every 10 seconds as a normal data frame (not an SSE comment).
 *
 * @param envelope the envelope (raw properties included)
 */
public record ServerHeartbeat(EventEnvelope envelope) implements OpenCodeEvent {
  /** The event type. */
  public static final String TYPE = "server.heartbeat";

  /** The type and ID only: the properties can hold prompts, tool outputs and file contents. */
  @Override
  public String toString() {
    return "ServerHeartbeat[" + envelope + "]";
  }
}
