package io.github.ssekit.opencode.event;

import io.github.ssekit.opencode.model.FileDiff;
import java.util.List;

/**
 * {@code session.diff}: the files the session changed so far.
 *
 * @param envelope the envelope (raw properties included)
 * @param diff the changed files
 */
public record SessionDiff(EventEnvelope envelope, List<FileDiff> diff) implements OpenCodeEvent {
  /** The event type. */
  public static final String TYPE = "session.diff";

  /** The type and ID only: the properties can hold prompts, tool outputs and file contents. */
  @Override
  public String toString() {
    return "SessionDiff[" + envelope + "]";
  }
}
