package io.github.ssekit.opencode.event;

import java.util.Objects;

/**
 * {@code file.edited}: a tool of the turn edited a file (it names no session: the envelope's directory, or the
 * stream's, tells where).
 *
 * @param envelope the envelope (raw properties included)
 * @param file the path of the file edited
 */
public record FileEdited(EventEnvelope envelope, String file) implements OpenCodeEvent {
  /** The event type. */
  public static final String TYPE = "file.edited";

  /** Checks that nothing is null. */
  public FileEdited {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(file, "file");
  }

  /** The type and ID only: a path can be private. */
  @Override
  public String toString() {
    return "FileEdited[" + envelope + "]";
  }
}
