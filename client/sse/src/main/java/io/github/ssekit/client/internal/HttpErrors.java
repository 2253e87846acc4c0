package io.github.ssekit.client.internal;

import io.github.ssekit.client.HttpStatusException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** What the bindings' typed HTTP errors share: the transport's error with a cleaner body, the earlier attempts. */
public final class HttpErrors {
  private HttpErrors() {}

  /**
   * A binding's typed error of an HTTP error answer, with the request's credentials cut out after JSON decoding
   * (which the transport's byte search cannot do): the body as {@code cleanJson} writes it anew, the server's error
   * object as {@code readError} reads it from that clean body (null when it holds none) and {@code redactError}
   * cleans its fields; the transport's status line (which names earlier attempts after retries) and the earlier
   * failures are kept. What differs between bindings (the JSON shape of an error, the secrets, the types) comes in
   * as functions; the order of the steps is the same for all.
   *
   * @param <P> the server's error object
   * @param <E> the binding's typed HTTP error
   */
  public static <P, E extends Throwable> E typed(HttpStatusException status, UnaryOperator<String> cleanJson,
      Function<String, P> readError, UnaryOperator<P> redactError, TypedError<P, E> typed) {
    String clean = cleanJson.apply(status.body());
    P error = readError.apply(clean);
    return withEarlierAttempts(typed.create(status.statusLine(), withBody(status, clean),
        error == null ? null : redactError.apply(error)), status);
  }

  /**
   * Makes a binding's typed HTTP error.
   *
   * @param <P> the server's error object
   * @param <E> the typed error
   */
  @FunctionalInterface
  public interface TypedError<P, E extends Throwable> {
    /** The error for {@code statusLine}, over {@code source} (the transport's, clean body), with {@code error}. */
    E create(String statusLine, HttpStatusException source, P error);
  }

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
