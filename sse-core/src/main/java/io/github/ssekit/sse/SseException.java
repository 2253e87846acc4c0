package io.github.ssekit.sse;

/**
 * Base type of every error ssekit reports about a stream. Unchecked, so it can travel through callbacks,
 * futures and reactive streams alike.
 */
public class SseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SseException(String message) {
    super(message);
  }

  public SseException(String message, Throwable cause) {
    super(message, cause);
  }
}
