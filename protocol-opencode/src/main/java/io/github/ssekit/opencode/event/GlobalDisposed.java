package io.github.ssekit.opencode.event;

/**
 * {@code global.disposed}: every instance of the server was disposed (such as after a change of the global
 * configuration). Streams of instances close; reconnect and re-read state.
 *
 * @param envelope the envelope (raw properties included)
 */
public record GlobalDisposed(EventEnvelope envelope) implements OpenCodeEvent {
  /** The event type. */
  public static final String TYPE = "global.disposed";

  /** The type and ID only. */
  @Override
  public String toString() {
    return "GlobalDisposed[" + envelope + "]";
  }
}
