package io.github.ssekit.opencode.event;

/**
 * Any event this module has no record for (such as {@code plugin.added}, {@code catalog.updated}, or a type newer
 * than this library), or a known type whose properties did not have the expected shape (then with a diagnostic).
 * Its raw properties are in the {@link #envelope()}.
 *
 * @param envelope the envelope, with the raw properties
 */
public record GenericEvent(EventEnvelope envelope) implements OpenCodeEvent {

  /** The type and ID only: the properties can hold prompts, tool outputs and file contents. */
  @Override
  public String toString() {
    return "GenericEvent[" + envelope + "]";
  }
}
