package io.github.ssekit.client;

import io.vertx.core.MultiMap;

/**
 * A redirect could not be followed: it had no usable {@code Location}, or it went over
 * {@link SseClientOptions#setMaxRedirects the redirect limit} (a loop, most likely). Carries the redirect
 * response itself.
 */
public final class RedirectException extends HttpStatusException {
  private static final long serialVersionUID = 1L;

  public RedirectException(String what, int status, MultiMap headers, byte[] body, boolean bodyTruncated) {
    super(what, status, headers, body, bodyTruncated);
  }
}
