package io.github.ssekit.client;

import io.vertx.core.MultiMap;

/**
 * The server answered 200, but not with {@code text/event-stream} (an HTML login page, a JSON document). Such a
 * stream is failed and never reconnected, as the HTML standard prescribes for {@code EventSource}.
 */
public final class UnexpectedContentTypeException extends HttpStatusException {
  private static final long serialVersionUID = 1L;

  private final String contentType;

  public UnexpectedContentTypeException(String what, int status, MultiMap headers, byte[] body,
      boolean bodyTruncated, String contentType) {
    super(what, status, headers, body, bodyTruncated);
    this.contentType = contentType;
  }

  /** The {@code Content-Type} the server sent, {@code ""} when it sent none. */
  public String contentType() {
    return contentType;
  }
}
