package io.github.ssekit.client.internal;

import io.github.ssekit.client.HttpStatusException;
import io.github.ssekit.client.UnexpectedContentTypeException;
import io.vertx.core.MultiMap;

/**
 * What a response head means for a stream: 200 with {@code Content-Type: text/event-stream} and no content coding
 * is read as events; 204 ends the stream; a redirect goes to the {@link RedirectPolicy}; anything else fails the
 * attempt, with its (capped) body.
 */
final class Acceptance {
  private static final String EVENT_STREAM = "text/event-stream";

  /** The meaning of one response head. */
  enum Verdict {
    /** Read the body as events. */
    STREAM,
    /** The server asks for no events: an empty stream, not an error. */
    NO_CONTENT,
    /** A redirect status: follow it, if the redirect policy agrees. */
    REDIRECT,
    /** An event stream in a content coding this client does not decode. */
    UNREADABLE_CODING,
    /** A 200 that is not an event stream. */
    NOT_EVENT_STREAM,
    /** Any other status. */
    ERROR_STATUS
  }

  private Acceptance() {}

  /**
   * @param contentType the {@code Content-Type} header, {@code null} when absent
   * @param contentEncoding the {@code Content-Encoding} header, {@code null} when absent. With decompression on,
   *     Vert.x removed the codings it decoded: a coding left is one the client cannot read (or did not ask for)
   */
  static Verdict verdict(int status, String contentType, String contentEncoding) {
    if (status == 200) {
      if (!isIdentity(contentEncoding)) {
        return Verdict.UNREADABLE_CODING; // whatever the Content-Type: the parser would see compressed bytes
      }
      return isEventStream(contentType) ? Verdict.STREAM : Verdict.NOT_EVENT_STREAM;
    }
    if (status == 204) {
      return Verdict.NO_CONTENT;
    }
    return RedirectPolicy.isRedirect(status) ? Verdict.REDIRECT : Verdict.ERROR_STATUS;
  }

  /**
   * The failure of a response that was neither streamed, ended nor redirected.
   *
   * @param what what was asked, for the message: {@code HTTP 401 from GET https://host/path}, no query
   * @param headers the response headers, credentials cut out
   * @param body the error body, capped and with credentials cut out
   */
  static HttpStatusException rejection(Verdict verdict, String what, int status, String contentType,
      String contentEncoding, MultiMap headers, byte[] body, boolean bodyTruncated) {
    String type = contentType == null ? "" : contentType;
    return switch (verdict) {
      case UNREADABLE_CODING -> new UnexpectedContentTypeException(what + " is an event stream in a coding that was"
          + " not asked for (Content-Encoding: " + contentEncoding.trim() + ")", status, headers, body, bodyTruncated,
          type);
      case NOT_EVENT_STREAM -> new UnexpectedContentTypeException(what + " is not an event stream (Content-Type: "
          + (contentType == null ? "none" : contentType) + ")", status, headers, body, bodyTruncated, type);
      case ERROR_STATUS -> new HttpStatusException(what, status, headers, body, bodyTruncated);
      case STREAM, NO_CONTENT, REDIRECT -> throw new IllegalArgumentException("not a rejection: " + verdict);
    };
  }

  /** {@code text/event-stream}, ignoring parameters and case, as the HTML standard says. */
  static boolean isEventStream(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String essence = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
    return essence.equalsIgnoreCase(EVENT_STREAM);
  }

  /** No content coding: no {@code Content-Encoding}, an empty one, or {@code identity}. */
  static boolean isIdentity(String contentEncoding) {
    return contentEncoding == null || contentEncoding.isBlank() || contentEncoding.trim().equalsIgnoreCase("identity");
  }
}
