package io.github.ssekit.anthropic;

import io.github.ssekit.sse.SseException;
import java.util.Optional;

/**
 * An error the server sent in the stream: an {@code event: error}
 * ({@code {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}}), sent after the HTTP
 * status said 200, so only the stream can say it. The message so far is kept in the result.
 */
public class AnthropicStreamException extends SseException {
  private static final long serialVersionUID = 1L;

  /** {@code overloaded_error}: the service is overloaded; a retry later may succeed. */
  public static final String OVERLOADED = "overloaded_error";
  /** {@code api_error}: an internal error of the service. */
  public static final String API_ERROR = "api_error";
  /** {@code rate_limit_error}. */
  public static final String RATE_LIMIT = "rate_limit_error";

  private final String errorType;
  private final String errorMessage;
  private final String raw;

  /**
   * An error.
   *
   * @param errorType {@code error.type}, or null when the server sent none
   * @param errorMessage {@code error.message}, or null when the server sent none
   * @param raw the event's data, cut to 200 characters
   */
  public AnthropicStreamException(String errorType, String errorMessage, String raw) {
    super("the server sent an error: " + (errorType == null ? "(no type)" : errorType)
        + (errorMessage == null ? "" : ": " + errorMessage));
    this.errorType = errorType;
    this.errorMessage = errorMessage;
    this.raw = raw == null ? "" : raw.length() <= 200 ? raw : raw.substring(0, 200) + "...";
  }

  /** {@code error.type} as sent ({@code overloaded_error}, {@code api_error}, ...). */
  public Optional<String> errorType() {
    return Optional.ofNullable(errorType);
  }

  /** {@code error.message} as sent. */
  public Optional<String> errorMessage() {
    return Optional.ofNullable(errorMessage);
  }

  /** Whether the server said it is overloaded ({@code overloaded_error}): the one most worth retrying. */
  public boolean isOverloaded() {
    return OVERLOADED.equals(errorType);
  }

  /** The event's data as sent, cut to 200 characters. */
  public String raw() {
    return raw;
  }
}
