package io.github.ssekit.client.internal;

import io.github.ssekit.client.SseRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/** The base URL check the protocol bindings' options share. */
public final class BaseUrls {
  private BaseUrls() {}

  /**
   * {@code baseUrl} stripped, without its trailing slashes.
   *
   * @throws IllegalArgumentException when it is not an absolute http(s) URL with a host, or has a query, a fragment
   *     or credentials (the message shows the URL without them)
   */
  public static String check(String baseUrl) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    String trimmed = baseUrl.strip().replaceAll("/+$", "");
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("the base URL is not a valid URI: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException("the base URL must be an absolute http or https URL: "
          + SseRequest.redactedUri(uri));
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("the base URL must not have a query or a fragment: "
          + SseRequest.redactedUri(uri));
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("the base URL must not hold credentials (use setApiKey): "
          + SseRequest.redactedUri(uri));
    }
    return trimmed;
  }
}
