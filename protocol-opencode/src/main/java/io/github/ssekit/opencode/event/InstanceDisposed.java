package io.github.ssekit.opencode.event;

import java.util.Optional;

/**
 * {@code server.instance.disposed}: the instance of a directory was disposed ({@code POST /instance/dispose},
 * {@code PATCH /config}). {@code /event} closes right after it: reconnect and re-read state. {@code /global/event}
 * goes on.
 *
 * @param envelope the envelope (raw properties included)
 * @param disposedDirectory the directory whose instance was disposed
 */
public record InstanceDisposed(EventEnvelope envelope, Optional<String> disposedDirectory) implements OpenCodeEvent {
  /** The event type. */
  public static final String TYPE = "server.instance.disposed";

  /** The type and ID only: the properties can hold prompts, tool outputs and file contents. */
  @Override
  public String toString() {
    return "InstanceDisposed[" + envelope + "]";
  }
}
