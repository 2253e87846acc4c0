package io.github.ssekit.client.internal;

import io.github.ssekit.client.HttpStatusException;
import java.nio.charset.StandardCharsets;

/** What the bindings' typed HTTP errors share: the transport's error with a cleaner body, the earlier attempts. */
public final class HttpErrors {
  private HttpErrors() {}

  /**
   * {@code status} itself when its body is {@code cleanBody}, else a copy with that body (same status line, status,
   * headers and stack trace): the transport's exception quotes a credential its byte search missed (an escaped one)
   * in its body, so it is replaced, not kept as a cause.
   */
  public static HttpStatusException withBody(HttpStatusException status, String cleanBody) {
    if (cleanBody.equals(status.body())) {
      return status;
    }
    HttpStatusException copy = new HttpStatusException(status.statusLine(), status.status(), status.headers(),
        cleanBody.getBytes(StandardCharsets.UTF_8), status.bodyTruncated());
    copy.setStackTrace(status.getStackTrace());
    return copy;
  }

  /** {@code mapped} with the earlier failed attempts of {@code status} (its suppressed exceptions) added. */
  public static <E extends Throwable> E withEarlierAttempts(E mapped, HttpStatusException status) {
    for (Throwable earlier : status.getSuppressed()) {
      mapped.addSuppressed(earlier);
    }
    return mapped;
  }
}
