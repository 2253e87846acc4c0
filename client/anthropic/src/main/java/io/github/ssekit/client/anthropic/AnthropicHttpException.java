package io.github.ssekit.client.anthropic;

import io.github.ssekit.anthropic.AnthropicStreamException;
import io.github.ssekit.client.HttpStatusException;
import java.util.Optional;

/**
 * An Anthropic-compatible server refused the request with an HTTP error status (401 bad key, 404 unknown model,
 * 429 rate limit, 529 overloaded, ...): the status, headers and body of {@link HttpStatusException}, plus the error
 * object of the body ({@code {"type":"error","error":{"type":...,"message":...}}}) as an
 * {@link AnthropicStreamException}.
 *
 * <p>The message shows the status, the method, the URI without its query, and the server's message (or the start of
 * the body when it holds no error object); never the request headers, so never the API key.
 */
public final class AnthropicHttpException extends HttpStatusException {
  private static final long serialVersionUID = 1L;

  private final String what;
  private final AnthropicStreamException error;

  /**
   * @param what the start of the message, such as {@code "HTTP 401 from POST https://host/v1/messages"}
   * @param source the transport's error, whose status, headers and body are kept
   * @param error the error object of the body, or null when it holds none
   */
  public AnthropicHttpException(String what, HttpStatusException source, AnthropicStreamException error) {
    super(what, source.status(), source.headers(), source.bodyBytes(), source.bodyTruncated());
    this.what = what;
    this.error = error;
    initCause(source);
  }

  /** The server's error object, when the body held one. */
  public Optional<AnthropicStreamException> error() {
    return Optional.ofNullable(error);
  }

  /** The error type (such as {@code authentication_error}, {@code overloaded_error}), if any. */
  public Optional<String> errorType() {
    return error == null ? Optional.empty() : error.errorType();
  }

  /** The server's message, or the start of the body when it held no error object. */
  public String errorMessage() {
    if (error != null && error.errorMessage().isPresent()) {
      return error.errorMessage().get();
    }
    String body = body().strip();
    return body.length() > 200 ? body.substring(0, 200) + "..." : body;
  }

  /** Whether the server was overloaded (HTTP 529 or an {@code overloaded_error}). */
  public boolean isOverloaded() {
    return status() == 529 || error != null && error.isOverloaded();
  }

  @Override
  public String getMessage() {
    if (error == null) {
      return super.getMessage();
    }
    StringBuilder text = new StringBuilder(what).append(": ").append(errorMessage());
    errorType().ifPresent(t -> text.append(" (type ").append(t).append(')'));
    return text.toString();
  }
}
