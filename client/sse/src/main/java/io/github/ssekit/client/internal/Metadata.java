package io.github.ssekit.client.internal;

import io.github.ssekit.sse.protocol.ResponseMetadata;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Vert.x response headers as sse-core's transport-free {@link ResponseMetadata}. */
public final class Metadata {
  /** A cookie the server sets is a credential of the caller's session: never carried along. */
  private static final String SET_COOKIE = "set-cookie";

  private Metadata() {}

  /**
   * @param headers the response headers, already cut of the request's credentials ({@link Redactor})
   */
  public static ResponseMetadata of(int status, MultiMap headers, int retries) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    headers.forEach(h -> {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      copy.computeIfAbsent(name, n -> new ArrayList<>()).add(name.equals(SET_COOKIE) ? Redactor.REDACTED
          : h.getValue());
    });
    return new ResponseMetadata(status, copy, retries);
  }
}
