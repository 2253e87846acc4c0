package io.github.ssekit.client.internal;

import io.github.ssekit.client.SseRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.net.URI;

/**
 * One request of a stream: the original one (also on each reconnection), or where a redirect leads.
 *
 * @param body {@code null} for none
 * @param redirects how many redirects led here from the original request
 */
record Hop(URI uri, HttpMethod method, Buffer body, MultiMap headers, int redirects) {

  /** The original request. */
  static Hop first(SseRequest request) {
    return new Hop(request.uri(), request.method(), request.body().orElse(null), request.headers(), 0);
  }
}
