package io.github.ssekit.client;

import io.github.ssekit.client.internal.Metadata;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.protocol.ResponseMetadata;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;

/**
 * The server answered with something other than an event stream: a status other than 200 (a 401 with a JSON
 * error, a 503 from a proxy), carrying the status, the response headers and the start of the body, cut to
 * {@link SseClientOptions#setMaxErrorBodyBytes}.
 *
 * <p>The message shows the status, the method and the URI without its query, and at most 200 characters of the
 * body; never the headers.
 */
public class HttpStatusException extends SseException {
  private static final long serialVersionUID = 1L;
  private static final int BODY_IN_MESSAGE = 200;

  private final String statusLine;
  private final int status;
  private final transient MultiMap headers;
  private final byte[] body;
  private final boolean bodyTruncated;

  /**
   * @param what the start of the message, such as {@code "HTTP 401 from GET http://host/path"}
   * @param body the body bytes kept (not copied)
   */
  public HttpStatusException(String what, int status, MultiMap headers, byte[] body, boolean bodyTruncated) {
    super(what + bodyExcerpt(body, bodyTruncated));
    this.statusLine = what;
    this.status = status;
    this.headers = MultiMap.caseInsensitiveMultiMap().addAll(headers);
    this.body = body;
    this.bodyTruncated = bodyTruncated;
  }

  /**
   * The start of the message, without the body: the status, the method, the URI without its query and, after
   * retries, the attempts (such as {@code "HTTP 503 from POST http://host/v1/chat (attempt 3 of 3; earlier: HTTP
   * 503, HTTP 503)"}).
   */
  public String statusLine() {
    return statusLine;
  }

  /** The HTTP status code. */
  public int status() {
    return status;
  }

  /** The response headers. */
  public MultiMap headers() {
    return headers;
  }

  /**
   * The status and headers as a transport-free value (credentials the request sent and {@code Set-Cookie} values
   * redacted), with typed accessors for the request id and the rate-limit headers.
   */
  public ResponseMetadata metadata() {
    return Metadata.of(status, headers, 0);
  }

  /** The body as UTF-8 text (malformed bytes replaced), at most the error body cap. */
  public String body() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** A copy of the body bytes, at most the error body cap. */
  public byte[] bodyBytes() {
    return body.clone();
  }

  /** Whether the body was longer than the cap and was cut. */
  public boolean bodyTruncated() {
    return bodyTruncated;
  }

  private static String bodyExcerpt(byte[] body, boolean truncated) {
    if (body.length == 0) {
      return "";
    }
    String text = new String(body, StandardCharsets.UTF_8);
    boolean cut = truncated || text.length() > BODY_IN_MESSAGE;
    return ": " + (text.length() > BODY_IN_MESSAGE ? text.substring(0, BODY_IN_MESSAGE) : text) + (cut ? "..." : "");
  }
}
