package io.github.ssekit.opencode.event;

import io.github.ssekit.opencode.model.OpenCodeError;
import java.util.Optional;

/**
 * {@code session.error}: the turn failed: {@code APIError} (with {@code statusCode}), {@code UnknownError},
 * {@code MessageAbortedError}, ... It may come without a session ID.
 *
 * @param envelope the envelope (raw properties included)
 * @param error the error, when the server sent one
 */
public record SessionError(EventEnvelope envelope, Optional<OpenCodeError> error) implements OpenCodeEvent {
  /** The event type. */
  public static final String TYPE = "session.error";

  /** The type and ID only: the properties can hold prompts, tool outputs and file contents. */
  @Override
  public String toString() {
    return "SessionError[" + envelope + "]";
  }
}
