package io.github.ssekit.client;

import io.github.ssekit.sse.SseParser;
import io.vertx.core.http.HttpClientOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of an {@link SseClient}: timeouts, limits, reconnection and the connection pool. Every value has a
 * default suited to long-lived streams; the module README lists them with the reasons.
 *
 * <p>A mutable, fluent options object in the style of Vert.x options. {@link SseClient#create} copies it, so
 * changing it afterwards does not affect a client.
 */
public final class SseClientOptions {

  /** Default {@link #setConnectTimeout connect timeout}: 10 seconds. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Default {@link #setIdleTimeout idle timeout}: 5 minutes, long enough for a model that thinks silently. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
  /** Default {@link #setMaxRedirects redirect limit}: 10. */
  public static final int DEFAULT_MAX_REDIRECTS = 10;
  /** Default {@link #setMaxErrorBodyBytes error body cap}: 64 KiB. */
  public static final int DEFAULT_MAX_ERROR_BODY_BYTES = 64 * 1024;
  /** Default {@link #setReconnectDelay reconnection delay}: 3 seconds, as in browsers. */
  public static final Duration DEFAULT_RECONNECT_DELAY = Duration.ofSeconds(3);
  /** Default {@link #setMaxReconnectDelay cap of the reconnection delay}: 30 seconds. */
  public static final Duration DEFAULT_MAX_RECONNECT_DELAY = Duration.ofSeconds(30);
  /** Default {@link #setReconnectJitter jitter}: up to half the delay is added at random. */
  public static final double DEFAULT_RECONNECT_JITTER = 0.5;
  /** Default {@link #setMaxReconnectAttempts limit} of reconnections in a row without an event: 10. */
  public static final int DEFAULT_MAX_RECONNECT_ATTEMPTS = 10;
  /** Default {@link #setRetryableStatuses statuses worth a reconnection}: 408, 429, 500, 502, 503, 504. */
  public static final Set<Integer> DEFAULT_RETRYABLE_STATUSES = Set.of(408, 429, 500, 502, 503, 504);
  /** Default {@link #setMaxPendingEvents bound of events held for a paused consumer}: 64. */
  public static final int DEFAULT_MAX_PENDING_EVENTS = 64;
  /** Default {@link #setMaxConnectionsPerEndpoint pool size per host and port}: 128. */
  public static final int DEFAULT_MAX_CONNECTIONS_PER_ENDPOINT = 128;
  /** Default {@link #setMaxWaitQueueSize bound of requests waiting for a connection}: 256. */
  public static final int DEFAULT_MAX_WAIT_QUEUE_SIZE = 256;

  /** Default {@link #setMaxRetries retries} of a request that failed before its stream was accepted. */
  public static final int DEFAULT_MAX_RETRIES = 2;
  /** Default {@link #setRetryDelay first retry delay}, doubled per retry. */
  public static final Duration DEFAULT_RETRY_DELAY = Duration.ofMillis(500);
  /** Default {@link #setMaxRetryDelay cap of the retry backoff}. */
  public static final Duration DEFAULT_MAX_RETRY_DELAY = Duration.ofSeconds(8);
  /** Default {@link #setMaxRetryAfter longest Retry-After a retry waits for}. */
  public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(60);

  private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
  private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
  private int maxRedirects = DEFAULT_MAX_REDIRECTS;
  private int maxErrorBodyBytes = DEFAULT_MAX_ERROR_BODY_BYTES;
  private Duration reconnectDelay = DEFAULT_RECONNECT_DELAY;
  private Duration maxReconnectDelay = DEFAULT_MAX_RECONNECT_DELAY;
  private double reconnectJitter = DEFAULT_RECONNECT_JITTER;
  private int maxReconnectAttempts = DEFAULT_MAX_RECONNECT_ATTEMPTS;
  private Set<Integer> retryableStatuses = DEFAULT_RETRYABLE_STATUSES;
  private int maxPendingEvents = DEFAULT_MAX_PENDING_EVENTS;
  private int maxEventBytes = SseParser.DEFAULT_MAX_EVENT_BYTES;
  private int maxConnectionsPerEndpoint = DEFAULT_MAX_CONNECTIONS_PER_ENDPOINT;
  private int maxWaitQueueSize = DEFAULT_MAX_WAIT_QUEUE_SIZE;
  private HttpClientOptions httpClientOptions = new HttpClientOptions();
  private int maxRetries = DEFAULT_MAX_RETRIES;
  private Duration retryDelay = DEFAULT_RETRY_DELAY;
  private Duration maxRetryDelay = DEFAULT_MAX_RETRY_DELAY;
  private Duration maxRetryAfter = DEFAULT_MAX_RETRY_AFTER;
  private Duration deadline = Duration.ZERO;
  private SseObserver observer = SseObserver.NONE;

  /** Options with every default. */
  public SseClientOptions() {}

  /** A copy of {@code other}. */
  public SseClientOptions(SseClientOptions other) {
    this.connectTimeout = other.connectTimeout;
    this.idleTimeout = other.idleTimeout;
    this.maxRedirects = other.maxRedirects;
    this.maxErrorBodyBytes = other.maxErrorBodyBytes;
    this.reconnectDelay = other.reconnectDelay;
    this.maxReconnectDelay = other.maxReconnectDelay;
    this.reconnectJitter = other.reconnectJitter;
    this.maxReconnectAttempts = other.maxReconnectAttempts;
    this.retryableStatuses = other.retryableStatuses;
    this.maxPendingEvents = other.maxPendingEvents;
    this.maxEventBytes = other.maxEventBytes;
    this.maxConnectionsPerEndpoint = other.maxConnectionsPerEndpoint;
    this.maxWaitQueueSize = other.maxWaitQueueSize;
    this.httpClientOptions = new HttpClientOptions(other.httpClientOptions);
    this.maxRetries = other.maxRetries;
    this.retryDelay = other.retryDelay;
    this.maxRetryDelay = other.maxRetryDelay;
    this.maxRetryAfter = other.maxRetryAfter;
    this.deadline = other.deadline;
    this.observer = other.observer;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  /**
   * How long obtaining a connection may take: waiting for a free pooled connection, or opening a new one (TCP and
   * TLS handshake). Default {@link #DEFAULT_CONNECT_TIMEOUT}.
   */
  public SseClientOptions setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = positive(connectTimeout, "connectTimeout");
    return this;
  }

  public Duration getIdleTimeout() {
    return idleTimeout;
  }

  /**
   * How long a stream may go without receiving a byte while its consumer wants events. Before the response head
   * it bounds the wait for the head; after, every received byte (comments and keep-alives included) restarts it,
   * and it does not count while the consumer has paused the stream. On expiry the request is cancelled and the
   * stream fails with {@link SseIdleTimeoutException}, or reconnects if it is resumable. Default
   * {@link #DEFAULT_IDLE_TIMEOUT}; {@link SseRequest.Builder#idleTimeout} overrides it per request.
   */
  public SseClientOptions setIdleTimeout(Duration idleTimeout) {
    this.idleTimeout = positive(idleTimeout, "idleTimeout");
    return this;
  }

  public int getMaxRedirects() {
    return maxRedirects;
  }

  /** How many redirects one connection attempt follows before failing with {@link RedirectException}; 0 follows none. */
  public SseClientOptions setMaxRedirects(int maxRedirects) {
    this.maxRedirects = notNegative(maxRedirects, "maxRedirects");
    return this;
  }

  public int getMaxErrorBodyBytes() {
    return maxErrorBodyBytes;
  }

  /**
   * How many bytes of an error response's body are kept in its {@link HttpStatusException}. A longer body is cut
   * and its connection closed rather than drained. Default {@link #DEFAULT_MAX_ERROR_BODY_BYTES}.
   */
  public SseClientOptions setMaxErrorBodyBytes(int bytes) {
    this.maxErrorBodyBytes = notNegative(bytes, "maxErrorBodyBytes");
    return this;
  }

  public Duration getReconnectDelay() {
    return reconnectDelay;
  }

  /**
   * The reconnection delay used until the server sets one with a {@code retry} field. It doubles with each
   * reconnection that brings no event, up to {@link #setMaxReconnectDelay}. Default
   * {@link #DEFAULT_RECONNECT_DELAY}.
   */
  public SseClientOptions setReconnectDelay(Duration reconnectDelay) {
    this.reconnectDelay = notNegative(reconnectDelay, "reconnectDelay");
    return this;
  }

  public Duration getMaxReconnectDelay() {
    return maxReconnectDelay;
  }

  /** The cap of the reconnection delay, jitter included; it also caps a server's {@code retry}. */
  public SseClientOptions setMaxReconnectDelay(Duration maxReconnectDelay) {
    this.maxReconnectDelay = notNegative(maxReconnectDelay, "maxReconnectDelay");
    return this;
  }

  public double getReconnectJitter() {
    return reconnectJitter;
  }

  /**
   * The random part of a reconnection delay, as a fraction of it: a delay {@code d} becomes a value between
   * {@code d} and {@code d * (1 + jitter)}, so clients dropped together do not return together. 0 disables it.
   */
  public SseClientOptions setReconnectJitter(double jitter) {
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("reconnectJitter must be within [0, 1]: " + jitter);
    }
    this.reconnectJitter = jitter;
    return this;
  }

  public int getMaxReconnectAttempts() {
    return maxReconnectAttempts;
  }

  /**
   * How many reconnections in a row may bring no event before the stream fails with the last error. Any received
   * event resets the count, so a healthy stream reconnects for ever. 0 never reconnects.
   */
  public SseClientOptions setMaxReconnectAttempts(int attempts) {
    this.maxReconnectAttempts = notNegative(attempts, "maxReconnectAttempts");
    return this;
  }

  public Set<Integer> getRetryableStatuses() {
    return retryableStatuses;
  }

  /**
   * The statuses that a resumable stream treats as transient and reconnects after. Any other status except
   * 200 and redirects fails the stream; 204 always ends it. Before a stream was first accepted,
   * {@link #setMaxRetries retries} decide instead.
   */
  public SseClientOptions setRetryableStatuses(Set<Integer> statuses) {
    this.retryableStatuses = Set.copyOf(statuses);
    return this;
  }

  public int getMaxPendingEvents() {
    return maxPendingEvents;
  }

  /**
   * How many parsed events a stream holds for a consumer that paused it before it stops reading from the
   * connection, so TCP flow control slows the server down; reading resumes once at most half of them are left. The
   * chunk that reaches the limit adds all its events: at most {@code maxPendingEvents - 1} plus one received chunk's
   * events wait.
   */
  public SseClientOptions setMaxPendingEvents(int maxPendingEvents) {
    if (maxPendingEvents < 1) {
      throw new IllegalArgumentException("maxPendingEvents must be positive: " + maxPendingEvents);
    }
    this.maxPendingEvents = maxPendingEvents;
    return this;
  }

  public int getMaxEventBytes() {
    return maxEventBytes;
  }

  /** The size limit of one event in bytes (see {@link SseParser.Builder#maxEventBytes}); larger events are dropped. */
  public SseClientOptions setMaxEventBytes(int bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("maxEventBytes must be positive: " + bytes);
    }
    this.maxEventBytes = bytes;
    return this;
  }

  public int getMaxConnectionsPerEndpoint() {
    return maxConnectionsPerEndpoint;
  }

  /**
   * The HTTP/1.1 pool size per host and port. Each open stream holds one connection for its whole life, so this is
   * the number of concurrent streams to one server (Vert.x's default of 5 is far too small for streams).
   */
  public SseClientOptions setMaxConnectionsPerEndpoint(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("maxConnectionsPerEndpoint must be positive: " + max);
    }
    this.maxConnectionsPerEndpoint = max;
    return this;
  }

  public int getMaxWaitQueueSize() {
    return maxWaitQueueSize;
  }

  /**
   * How many requests may wait for a connection when the pool is full; beyond that a connection attempt fails at
   * once (Vert.x's default is unbounded). Waiting is also bounded in time by the connect timeout.
   */
  public SseClientOptions setMaxWaitQueueSize(int max) {
    this.maxWaitQueueSize = notNegative(max, "maxWaitQueueSize");
    return this;
  }

  /** A copy of the Vert.x HTTP client options the client starts from. */
  public HttpClientOptions getHttpClientOptions() {
    return new HttpClientOptions(httpClientOptions);
  }

  /**
   * The Vert.x HTTP client options to start from: TLS trust and key stores, proxy, HTTP version and so on. TLS
   * certificate and host name verification are on unless these options turn them off. The connect timeout
   * above replaces theirs. Default: {@code new HttpClientOptions()}.
   */
  public SseClientOptions setHttpClientOptions(HttpClientOptions options) {
    this.httpClientOptions = new HttpClientOptions(Objects.requireNonNull(options, "options"));
    return this;
  }

  public int getMaxRetries() {
    return maxRetries;
  }

  /**
   * How often a request that failed before its stream was accepted is sent again: after a connection refused or
   * reset before the response head, no response head within the idle timeout, or a 408, 409, 429 or 5xx. Other
   * statuses (400, 401, 403, 404, 422, ...) are never retried, and once a stream was accepted nothing is resent
   * (reconnection, for streams that resume, is {@link #setMaxReconnectAttempts}'s). 0 turns retries off. Default
   * {@link #DEFAULT_MAX_RETRIES}; {@link SseRequest.Builder#maxRetries} overrides it per request.
   */
  public SseClientOptions setMaxRetries(int retries) {
    this.maxRetries = notNegative(retries, "maxRetries");
    return this;
  }

  public Duration getRetryDelay() {
    return retryDelay;
  }

  /**
   * The delay before the first retry; it doubles per retry up to {@link #setMaxRetryDelay}, less up to a quarter
   * of it at random so that clients refused together do not return together. A server's {@code Retry-After} or
   * {@code retry-after-ms} replaces it. Default {@link #DEFAULT_RETRY_DELAY}.
   */
  public SseClientOptions setRetryDelay(Duration retryDelay) {
    this.retryDelay = notNegative(retryDelay, "retryDelay");
    return this;
  }

  public Duration getMaxRetryDelay() {
    return maxRetryDelay;
  }

  /** The cap of the retry backoff. Default {@link #DEFAULT_MAX_RETRY_DELAY}. */
  public SseClientOptions setMaxRetryDelay(Duration maxRetryDelay) {
    this.maxRetryDelay = notNegative(maxRetryDelay, "maxRetryDelay");
    return this;
  }

  public Duration getMaxRetryAfter() {
    return maxRetryAfter;
  }

  /**
   * The longest {@code Retry-After} (or {@code retry-after-ms}) a retry waits for: a server asking for longer is
   * not retried, and the request fails at once with its status, the message saying how long it asked for. Default
   * {@link #DEFAULT_MAX_RETRY_AFTER}.
   */
  public SseClientOptions setMaxRetryAfter(Duration maxRetryAfter) {
    this.maxRetryAfter = notNegative(maxRetryAfter, "maxRetryAfter");
    return this;
  }

  public Duration getDeadline() {
    return deadline;
  }

  /**
   * The total time a stream may take from its request to its end, retries and reconnections included, beside the
   * idle timeout. Expiring before the stream was accepted, it fails {@link SseClient#connect} with a
   * {@link SseDeadlineException}; after, it closes the connection and ends the stream with that exception once the
   * events received are delivered. {@link Duration#ZERO} (the default: a resumable stream may run for days) sets
   * none; {@link SseRequest.Builder#deadline} sets one per request.
   */
  public SseClientOptions setDeadline(Duration deadline) {
    this.deadline = notNegative(deadline, "deadline");
    return this;
  }

  public SseObserver getObserver() {
    return observer;
  }

  /**
   * Who is told, per stream, its timings, retries, reconnections, bytes and outcome (see {@link SseObserver}).
   * Default {@link SseObserver#NONE}.
   */
  public SseClientOptions setObserver(SseObserver observer) {
    this.observer = Objects.requireNonNull(observer, "observer");
    return this;
  }

  @Override
  public String toString() {
    return "SseClientOptions[connectTimeout=" + connectTimeout + ", idleTimeout=" + idleTimeout
        + ", maxRedirects=" + maxRedirects + ", maxErrorBodyBytes=" + maxErrorBodyBytes
        + ", reconnectDelay=" + reconnectDelay + ", maxReconnectDelay=" + maxReconnectDelay
        + ", reconnectJitter=" + reconnectJitter + ", maxReconnectAttempts=" + maxReconnectAttempts
        + ", retryableStatuses=" + retryableStatuses + ", maxPendingEvents=" + maxPendingEvents
        + ", maxEventBytes=" + maxEventBytes + ", maxConnectionsPerEndpoint=" + maxConnectionsPerEndpoint
        + ", maxWaitQueueSize=" + maxWaitQueueSize + ", maxRetries=" + maxRetries + ", retryDelay=" + retryDelay
        + ", maxRetryDelay=" + maxRetryDelay + ", maxRetryAfter=" + maxRetryAfter + ", deadline=" + deadline + "]";
  }

  private static Duration positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
    return d;
  }

  private static Duration notNegative(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative: " + d);
    }
    return d;
  }

  private static int notNegative(int value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative: " + value);
    }
    return value;
  }
}
