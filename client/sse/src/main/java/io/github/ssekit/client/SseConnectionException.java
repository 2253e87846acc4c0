package io.github.ssekit.client;

import io.github.ssekit.sse.SseException;

/**
 * The connection could not be made or was lost: refused, reset, closed mid-body, the connect timeout expired, or
 * the client was closed. The cause is the underlying Vert.x or Netty exception.
 */
public final class SseConnectionException extends SseException {
  private static final long serialVersionUID = 1L;

  public SseConnectionException(String message, Throwable cause) {
    super(cause == null ? message : message + ": " + cause, cause);
  }
}
