package io.github.ssekit.client;

import io.github.ssekit.client.internal.HeaderValues;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What to ask for: method, absolute URI, headers, an optional body, and how the stream behaves (reconnection,
 * a starting last event ID, an idle timeout of its own). Immutable; build one with {@link #get}, {@link #post}
 * or {@link #builder}.
 *
 * <p>Header names and values are checked when added: a name must be an HTTP token, and CR, LF, NUL and the other
 * control characters that HTTP does not allow in a field value (all below U+0020 except tab, and DEL) are
 * rejected, so no value can smuggle a header or a request into the connection, and none fails later inside the
 * HTTP client. {@link #toString()} shows the values of credentials headers
 * ({@code Authorization}, {@code Cookie}, API keys) as {@code <redacted>} and never shows the body.
 */
public final class SseRequest {

  private static final Set<String> SENSITIVE_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
      "x-api-key", "api-key", "x-goog-api-key");

  private final HttpMethod method;
  private final URI uri;
  private final MultiMap headers;
  private final Buffer body;
  private final Boolean reconnect;
  private final String lastEventId;
  private final Duration idleTimeout;
  private final Integer maxRetries;
  private final Duration deadline;

  private SseRequest(Builder b) {
    this.method = b.method;
    this.uri = b.uri;
    this.headers = MultiMap.caseInsensitiveMultiMap().addAll(b.headers);
    this.body = b.body;
    this.reconnect = b.reconnect;
    this.lastEventId = b.lastEventId;
    this.idleTimeout = b.idleTimeout;
    this.maxRetries = b.maxRetries;
    this.deadline = b.deadline;
  }

  /** A GET request: resumable, so it reconnects unless told otherwise. */
  public static Builder get(String uri) {
    return builder(HttpMethod.GET, uri);
  }

  /** A POST request: not resumable (an LLM request is not idempotent) unless told otherwise. */
  public static Builder post(String uri) {
    return builder(HttpMethod.POST, uri);
  }

  /** A request with any method to an absolute {@code http} or {@code https} URI. */
  public static Builder builder(HttpMethod method, String uri) {
    return new Builder(method, uri);
  }

  public HttpMethod method() {
    return method;
  }

  public URI uri() {
    return uri;
  }

  /** A copy of the headers to send; {@code Accept: text/event-stream} is added when absent. */
  public MultiMap headers() {
    return MultiMap.caseInsensitiveMultiMap().addAll(headers);
  }

  /** A copy of the body, if any. */
  public Optional<Buffer> body() {
    return Optional.ofNullable(body).map(Buffer::copy);
  }

  /**
   * Whether the stream reconnects after its body ends or its connection fails: as set, or else {@code true} for
   * GET and {@code false} for every other method.
   */
  public boolean reconnects() {
    return reconnect != null ? reconnect : method == HttpMethod.GET;
  }

  /** The last event ID to send with the first request, {@code ""} for none. */
  public String lastEventId() {
    return lastEventId;
  }

  /** This request's idle timeout, replacing the client's, if set. */
  public Optional<Duration> idleTimeout() {
    return Optional.ofNullable(idleTimeout);
  }

  /** This request's retries before acceptance, replacing the client's, if set. */
  public OptionalInt maxRetries() {
    return maxRetries == null ? OptionalInt.empty() : OptionalInt.of(maxRetries);
  }

  /** This request's total deadline, replacing the client's, if set ({@link Duration#ZERO}: none). */
  public Optional<Duration> deadline() {
    return Optional.ofNullable(deadline);
  }

  /** Whether the value of header {@code name} must never be shown. */
  public static boolean isSensitiveHeader(String name) {
    return SENSITIVE_HEADERS.contains(name.toLowerCase(Locale.ROOT));
  }

  /** The URI without user info, query or fragment, which may carry credentials: for messages. */
  public static String redactedUri(URI uri) {
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    return uri.getScheme() + "://" + uri.getHost() + port + (uri.getRawPath() == null ? "" : uri.getRawPath())
        + (uri.getRawQuery() == null ? "" : "?<query>");
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("SseRequest[").append(method).append(' ').append(redactedUri(uri));
    sb.append(", headers={");
    boolean first = true;
    for (Map.Entry<String, String> h : headers) {
      sb.append(first ? "" : ", ").append(h.getKey()).append('=')
          .append(isSensitiveHeader(h.getKey()) ? "<redacted>" : h.getValue());
      first = false;
    }
    sb.append('}');
    if (body != null) {
      sb.append(", body=").append(body.length()).append(" bytes");
    }
    return sb.append(", reconnects=").append(reconnects()).append(']').toString();
  }

  /** Builds an {@link SseRequest}. */
  public static final class Builder {
    private final HttpMethod method;
    private final URI uri;
    private final MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    private Buffer body;
    private Boolean reconnect;
    private String lastEventId = "";
    private Duration idleTimeout;
    private Integer maxRetries;
    private Duration deadline;

    private Builder(HttpMethod method, String uri) {
      this.method = Objects.requireNonNull(method, "method");
      URI parsed;
      try {
        parsed = new URI(Objects.requireNonNull(uri, "uri"));
      } catch (URISyntaxException e) {
        // the reason and the index only: the text may hold credentials
        throw new IllegalArgumentException("not a valid URI: " + e.getReason() + " at index " + e.getIndex());
      }
      String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || parsed.getHost() == null) {
        throw new IllegalArgumentException("not an absolute http(s) URI"
            + (parsed.getHost() == null ? "" : ": " + redactedUri(parsed)));
      }
      if (parsed.getRawUserInfo() != null) {
        // fetch refuses them too: they would be logged by every proxy, and Vert.x would not send them anyway
        throw new IllegalArgumentException("credentials in the URI are not supported, send them in a header: "
            + redactedUri(parsed));
      }
      this.uri = parsed;
    }

    /**
     * Adds a header.
     *
     * @throws IllegalArgumentException if the name is not an HTTP token (empty, or with a colon, a space or a
     *     control character), or the value contains CR, LF, NUL or another control character; the message never
     *     shows the value
     */
    public Builder header(String name, String value) {
      checkHeader(name, value);
      headers.add(name, value);
      return this;
    }

    /** Adds each header of {@code headers}, checked like {@link #header}. */
    public Builder headers(Map<String, String> headers) {
      headers.forEach(this::header);
      return this;
    }

    /** The body to send (copied). */
    public Builder body(Buffer body) {
      this.body = body.copy();
      return this;
    }

    /** The body to send (copied), such as {@code ChatRequest.toJsonBytes()}. */
    public Builder body(byte[] body) {
      this.body = Buffer.buffer(body.clone());
      return this;
    }

    /** The body to send, encoded as UTF-8. */
    public Builder body(String body) {
      this.body = Buffer.buffer(body.getBytes(StandardCharsets.UTF_8));
      return this;
    }

    /** Whether to reconnect; by default only GET requests do. */
    public Builder reconnect(boolean reconnect) {
      this.reconnect = reconnect;
      return this;
    }

    /**
     * A last event ID to send with the first request, to resume a stream read earlier.
     *
     * @throws IllegalArgumentException if it contains CR, LF, NUL or another control character (other than tab),
     *     which an HTTP header cannot carry
     */
    public Builder lastEventId(String lastEventId) {
      if (!HeaderValues.isSendable(lastEventId)) {
        throw new IllegalArgumentException("a last event ID cannot contain CR, LF, NUL or other control characters");
      }
      this.lastEventId = lastEventId;
      return this;
    }

    /** An idle timeout for this request only (see {@link SseClientOptions#setIdleTimeout}). */
    public Builder idleTimeout(Duration idleTimeout) {
      if (idleTimeout.isNegative() || idleTimeout.isZero()) {
        throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
      }
      this.idleTimeout = idleTimeout;
      return this;
    }

    /** Retries before acceptance for this request only (see {@link SseClientOptions#setMaxRetries}). */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0) {
        throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * A total deadline for this request only (see {@link SseClientOptions#setDeadline}); {@link Duration#ZERO}
     * sets none.
     */
    public Builder deadline(Duration deadline) {
      if (deadline.isNegative()) {
        throw new IllegalArgumentException("deadline must not be negative: " + deadline);
      }
      this.deadline = deadline;
      return this;
    }

    public SseRequest build() {
      return new SseRequest(this);
    }

    private static void checkHeader(String name, String value) {
      HeaderValues.check(name, value);
    }
  }
}
