package io.github.ssekit.opencode;

import io.github.ssekit.sse.SseException;

/** A JSON document from or for the OpenCode server could not be read or written. */
public class OpenCodeJsonException extends SseException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message and its cause. */
  public OpenCodeJsonException(String message, Throwable cause) {
    super(message, cause);
  }
}
