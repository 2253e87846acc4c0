package io.github.ssekit.client.opencode;

import io.github.ssekit.client.HttpStatusException;
import io.github.ssekit.opencode.OpenCodeJson;
import io.github.ssekit.opencode.model.OpenCodeError;
import io.vertx.core.MultiMap;
import java.util.Optional;

/**
 * An OpenCode API call answered with an HTTP error: a 400 {@code BadRequest} (an invalid body), a 404
 * {@code NotFoundError}, a 500 {@code UnknownError}, a 401 without the right password. Besides the status, headers
 * and body, {@link #error()} is the server's {@code {"name","data":{"message"}}} when the body is one.
 */
public final class OpenCodeHttpException extends HttpStatusException {
  private static final long serialVersionUID = 1L;

  private final transient OpenCodeError error;

  /**
   * @param what the start of the message, such as {@code "HTTP 404 from GET http://host/session/x"}
   * @param body the body bytes kept (not copied)
   */
  public OpenCodeHttpException(String what, int status, MultiMap headers, byte[] body, boolean bodyTruncated) {
    super(what, status, headers, body, bodyTruncated);
    this.error = parse(body);
  }

  /** The server's error, when the body is one ({@code BadRequest}, {@code NotFoundError}, {@code UnknownError}...). */
  public Optional<OpenCodeError> error() {
    return Optional.ofNullable(error);
  }

  private static OpenCodeError parse(byte[] body) {
    if (body.length == 0 || body[0] != '{') {
      return null;
    }
    try {
      OpenCodeError parsed = OpenCodeJson.readError(body);
      return parsed.name().isPresent() ? parsed : null;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
