package io.github.ssekit.client.internal;

import io.github.ssekit.client.SseRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Which redirects a stream follows, and where they lead. Vert.x's own following is off (it would follow without
 * these checks): 301, 302, 303, 307 and 308 with a usable {@code Location} are followed, relative locations
 * resolved, up to {@code maxRedirects} per connection attempt, which also ends a loop. Methods change as fetch
 * does; credentials never travel to another origin, and nothing meant for TLS goes out in clear text.
 */
final class RedirectPolicy {
  private final int maxRedirects;

  RedirectPolicy(int maxRedirects) {
    this.maxRedirects = maxRedirects;
  }

  /** What to do with a redirect. */
  sealed interface Decision permits Follow, Refuse {}

  /** Request {@code next}. */
  record Follow(Hop next) implements Decision {}

  /** Fail the attempt, saying why (no URI, no header value: it goes into an exception's message). */
  record Refuse(String reason) implements Decision {}

  /** 301, 302, 303, 307 or 308: a status this policy follows (not 300 or 305, which fetch does not follow either). */
  static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /** Where the redirect {@code status} with {@code location} from {@code from} leads, or why it is not followed. */
  Decision decide(Hop from, int status, String location) {
    if (location == null || location.isBlank()) {
      return new Refuse("redirect without Location");
    }
    if (from.redirects() >= maxRedirects) {
      return new Refuse("more than " + maxRedirects + " redirects");
    }
    URI next;
    try {
      next = from.uri().resolve(location.trim());
    } catch (IllegalArgumentException e) {
      next = null;
    }
    String scheme = next == null || next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
    if (next == null || next.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
      return new Refuse("unusable Location");
    }
    if (from.uri().getScheme().equalsIgnoreCase("https") && scheme.equals("http")) {
      // as Java's HttpClient (Redirect.NORMAL) does: a body and headers meant for TLS never go out in clear text
      return new Refuse("refused a redirect from https to http");
    }
    HttpMethod method = from.method();
    Buffer body = from.body();
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(from.headers());
    // As fetch does: 303 turns into GET; 301 and 302 turn a POST into GET; 307 and 308 keep method and body.
    if ((status == 303 && method != HttpMethod.HEAD) || ((status == 301 || status == 302) && method == HttpMethod.POST)) {
      method = HttpMethod.GET;
      body = null;
      headers.remove(HttpHeaders.CONTENT_TYPE).remove(HttpHeaders.CONTENT_LENGTH);
    }
    if (!sameOrigin(from.uri(), next)) {
      // credentials meant for one origin must not travel to another
      headers.names().stream().filter(SseRequest::isSensitiveHeader).toList().forEach(headers::remove);
    }
    return new Follow(new Hop(next, method, body, headers, from.redirects() + 1));
  }

  private static boolean sameOrigin(URI a, URI b) {
    return Objects.equals(a.getScheme().toLowerCase(Locale.ROOT), b.getScheme().toLowerCase(Locale.ROOT))
        && a.getHost().equalsIgnoreCase(b.getHost()) && effectivePort(a) == effectivePort(b);
  }

  private static int effectivePort(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }
}
