package io.github.ssekit.opencode.event;


/**
 * {@code server.connected}: the first event of every stream.
 *
 * @param envelope the envelope (raw properties included)
 */
public record ServerConnected(EventEnvelope envelope) implements OpenCodeEvent {
  /** The event type. */
  public static final String TYPE = "server.connected";
}
