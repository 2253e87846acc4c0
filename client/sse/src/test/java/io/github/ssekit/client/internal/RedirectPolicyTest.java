package io.github.ssekit.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedirectPolicyTest {
  private final RedirectPolicy policy = new RedirectPolicy(3);

  private static Hop hop(String uri, HttpMethod method, String body, int redirects) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("Authorization", "Bearer secret").add("Cookie", "c=1").add("X-Api-Key", "k")
        .add("X-Trace", "t1").add("Content-Type", "application/json").add("Content-Length", "2");
    return new Hop(URI.create(uri), method, body == null ? null : Buffer.buffer(body), headers, redirects);
  }

  private Hop follow(Hop from, int status, String location) {
    return assertInstanceOf(RedirectPolicy.Follow.class, policy.decide(from, status, location)).next();
  }

  private String refusal(Hop from, int status, String location) {
    return assertInstanceOf(RedirectPolicy.Refuse.class, policy.decide(from, status, location)).reason();
  }

  @ParameterizedTest
  @ValueSource(ints = {301, 302, 303, 307, 308})
  void theseStatusesAreFollowed(int status) {
    assertTrue(RedirectPolicy.isRedirect(status));
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 204, 300, 304, 305, 306, 309, 400})
  void othersAreNot(int status) {
    assertFalse(RedirectPolicy.isRedirect(status));
  }

  @Test
  void relativeAndAbsoluteLocationsResolveAgainstTheRequest() {
    Hop from = hop("http://a.example:8080/dir/start?x=1", HttpMethod.GET, null, 0);
    assertEquals(URI.create("http://a.example:8080/events"), follow(from, 302, "/events").uri());
    assertEquals(URI.create("http://a.example:8080/dir/next"), follow(from, 302, "next").uri());
    assertEquals(URI.create("http://a.example:8080/dir/next"), follow(from, 302, "  next \t").uri(), "trimmed");
    assertEquals(URI.create("https://b.example/x"), follow(from, 302, "https://b.example/x").uri());
    assertEquals(URI.create("http://c.example/y"), follow(from, 302, "//c.example/y").uri());
    assertEquals(1, follow(from, 302, "/events").redirects());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  "})
  void aMissingLocationIsRefused(String location) {
    Hop from = hop("http://a.example/s", HttpMethod.GET, null, 0);
    assertEquals("redirect without Location", refusal(from, 302, location));
    assertEquals("redirect without Location", refusal(from, 302, null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://a.example/f", "mailto:someone@a.example", "file:///etc/passwd", "http:///nohost",
      "http://a b/", "javascript:alert(1)"})
  void anUnusableLocationIsRefused(String location) {
    assertEquals("unusable Location", refusal(hop("http://a.example/s", HttpMethod.GET, null, 0), 302, location));
  }

  @Test
  void theLimitCountsRedirectsPerAttemptAndEndsALoop() {
    Hop at = hop("http://a.example/loop", HttpMethod.GET, null, 0);
    for (int i = 1; i <= 3; i++) {
      at = follow(at, 307, "/loop"); // a loop is followed like any redirect, until the limit
      assertEquals(i, at.redirects());
    }
    assertEquals("more than 3 redirects", refusal(at, 307, "/loop"));
    assertInstanceOf(RedirectPolicy.Refuse.class, new RedirectPolicy(0).decide(
        hop("http://a.example/s", HttpMethod.GET, null, 0), 302, "/t"), "0 follows none");
  }

  @Test
  void httpsToHttpIsRefusedButHttpToHttpsIsFollowed() {
    assertEquals("refused a redirect from https to http",
        refusal(hop("https://a.example/s", HttpMethod.GET, null, 0), 302, "http://a.example/t"));
    assertEquals("refused a redirect from https to http",
        refusal(hop("HTTPS://a.example/s", HttpMethod.GET, null, 0), 302, "HTTP://a.example/t"));
    assertEquals("https", follow(hop("http://a.example/s", HttpMethod.GET, null, 0), 302, "https://a.example/t")
        .uri().getScheme());
  }

  @ParameterizedTest
  @CsvSource({
      // status, method, method after, body kept
      "303, POST, GET, false",
      "303, PUT, GET, false",
      "303, GET, GET, false",
      "303, HEAD, HEAD, true",
      "301, POST, GET, false",
      "302, POST, GET, false",
      "301, PUT, PUT, true",
      "302, PATCH, PATCH, true",
      "307, POST, POST, true",
      "308, POST, POST, true",
      "307, PUT, PUT, true"})
  void methodsChangeAsFetchDoes(int status, String method, String after, boolean bodyKept) {
    Hop from = hop("http://a.example/s", HttpMethod.valueOf(method), "{}", 0);
    Hop next = follow(from, status, "/t");
    assertEquals(HttpMethod.valueOf(after), next.method());
    if (bodyKept) {
      assertSame(from.body(), next.body());
      assertEquals("application/json", next.headers().get("Content-Type"));
    } else {
      assertNull(next.body());
      assertNull(next.headers().get("Content-Type"), "no body, so no type");
      assertNull(next.headers().get("Content-Length"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://b.example/t", "http://a.example:8080/t", "https://a.example/t"})
  void credentialsStayBehindWhenTheOriginChanges(String location) {
    Hop next = follow(hop("http://a.example/s", HttpMethod.GET, null, 0), 302, location);
    assertNull(next.headers().get("Authorization"));
    assertNull(next.headers().get("Cookie"));
    assertNull(next.headers().get("X-Api-Key"));
    assertEquals("t1", next.headers().get("X-Trace"), "other headers travel");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/t", "http://a.example:80/t", "HTTP://A.EXAMPLE/t"})
  void credentialsFollowWithinTheOrigin(String location) {
    Hop from = hop("http://a.example/s", HttpMethod.GET, null, 0);
    Hop next = follow(from, 302, location);
    assertEquals("Bearer secret", next.headers().get("Authorization"));
    assertEquals("c=1", next.headers().get("Cookie"));
    assertEquals("Bearer secret", from.headers().get("Authorization"), "the earlier hop is not changed");
  }

  @Test
  void theDefaultHttpsPortIsTheSameOrigin() {
    Hop next = follow(hop("https://a.example/s", HttpMethod.GET, null, 0), 302, "https://a.example:443/t");
    assertEquals("Bearer secret", next.headers().get("Authorization"));
  }
}
