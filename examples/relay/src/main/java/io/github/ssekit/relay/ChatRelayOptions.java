package io.github.ssekit.relay;

import io.github.ssekit.client.opencode.OpenCodeClientOptions;
import io.github.ssekit.opencode.ModelRef;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of a {@link ChatRelay}. Fluent; the relay copies what it needs. {@link #toString()} never shows the
 * OpenCode password (it delegates to {@link OpenCodeClientOptions#toString()}).
 */
public final class ChatRelayOptions {
  /** Default port: {@value}. */
  public static final int DEFAULT_PORT = 4097;
  /** Default limit of the per-session replay buffer, in events: {@value}. */
  public static final int DEFAULT_REPLAY_EVENTS = 2000;
  /** Default limit of the per-session replay buffer, in chars of encoded SSE text: {@value} (1 MiB). */
  public static final long DEFAULT_REPLAY_CHARS = 1024 * 1024;

  /** Default bound of each session's Redis stream, in entries (approximate, {@code MAXLEN ~}): {@value}. */
  public static final int DEFAULT_REDIS_STREAM_ENTRIES = 10_000;

  private OpenCodeClientOptions openCode;
  private String host = "127.0.0.1";
  private int port = DEFAULT_PORT;
  private ModelRef model;
  private List<String> models = List.of();
  private boolean demo;
  private int replayEvents = DEFAULT_REPLAY_EVENTS;
  private long replayChars = DEFAULT_REPLAY_CHARS;
  private Duration browserRetry = Duration.ofSeconds(1);
  private Duration upstreamGrace = Duration.ofSeconds(10);
  private Duration heartbeat = Duration.ofSeconds(15);
  private Duration sessionTtl = Duration.ofMinutes(30);
  private int maxBrowsers = 1000;
  private Duration requestBodyTimeout = Duration.ofSeconds(10);
  private Duration idleConnectionTimeout = Duration.ofSeconds(30);
  private String redis;
  private Duration redisLease = Duration.ofSeconds(5);
  private int redisStreamEntries = DEFAULT_REDIS_STREAM_ENTRIES;

  /** Options relaying the OpenCode server {@code openCode} names (its directory is the default directory). */
  public ChatRelayOptions(OpenCodeClientOptions openCode) {
    setOpenCode(openCode);
  }

  public OpenCodeClientOptions getOpenCode() {
    return new OpenCodeClientOptions(openCode);
  }

  /** The OpenCode server, its password and the default directory of new sessions (copied). */
  public ChatRelayOptions setOpenCode(OpenCodeClientOptions openCode) {
    this.openCode = new OpenCodeClientOptions(Objects.requireNonNull(openCode, "openCode"));
    return this;
  }

  public String getHost() {
    return host;
  }

  /** The address to listen on; default {@code 127.0.0.1} (the relay answers loopback host names only). */
  public ChatRelayOptions setHost(String host) {
    this.host = Objects.requireNonNull(host, "host");
    return this;
  }

  public int getPort() {
    return port;
  }

  /** The port; default {@value #DEFAULT_PORT}; 0 picks a free one. */
  public ChatRelayOptions setPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("not a port: " + port);
    }
    this.port = port;
    return this;
  }

  public ModelRef getModel() {
    return model;
  }

  /** The model prompts use unless the page names another; {@code null}: the session's or the server's default. */
  public ChatRelayOptions setModel(ModelRef model) {
    this.model = model;
    return this;
  }

  public List<String> getModels() {
    return models;
  }

  /** Models the page suggests ({@code provider/model}); the server's configured models are added when known. */
  public ChatRelayOptions setModels(List<String> models) {
    this.models = List.copyOf(models);
    return this;
  }

  public boolean isDemo() {
    return demo;
  }

  /** Whether the page says it talks to the embedded fake provider. */
  public ChatRelayOptions setDemo(boolean demo) {
    this.demo = demo;
    return this;
  }

  public int getReplayEvents() {
    return replayEvents;
  }

  public long getReplayChars() {
    return replayChars;
  }

  /**
   * The replay buffer of each session: the last {@code events} events, within {@code chars} chars of encoded SSE
   * text. A browser that reconnects further behind gets a snapshot of the session instead.
   */
  public ChatRelayOptions setReplayLimits(int events, long chars) {
    if (events < 1 || chars < 1) {
      throw new IllegalArgumentException("the replay limits must be positive");
    }
    this.replayEvents = events;
    this.replayChars = chars;
    return this;
  }

  public Duration getBrowserRetry() {
    return browserRetry;
  }

  /** The {@code retry:} sent to browsers: how long an EventSource waits before reconnecting; default 1 s. */
  public ChatRelayOptions setBrowserRetry(Duration browserRetry) {
    this.browserRetry = positive(browserRetry, "browserRetry");
    return this;
  }

  public Duration getUpstreamGrace() {
    return upstreamGrace;
  }

  /** How long an upstream event stream nobody needs stays open (a page reload reuses it); default 10 s. */
  public ChatRelayOptions setUpstreamGrace(Duration upstreamGrace) {
    this.upstreamGrace = positive(upstreamGrace, "upstreamGrace");
    return this;
  }

  public Duration getHeartbeat() {
    return heartbeat;
  }

  /** The interval of keep-alive comments to browsers; default 15 s. */
  public ChatRelayOptions setHeartbeat(Duration heartbeat) {
    this.heartbeat = positive(heartbeat, "heartbeat");
    return this;
  }

  public Duration getSessionTtl() {
    return sessionTtl;
  }

  /** How long the relay keeps a session nobody follows and that runs no turn; default 30 min. */
  public ChatRelayOptions setSessionTtl(Duration sessionTtl) {
    this.sessionTtl = positive(sessionTtl, "sessionTtl");
    return this;
  }

  public int getMaxBrowsers() {
    return maxBrowsers;
  }

  /** The most browser event streams open at once (more are refused with 503); default 1000. */
  public ChatRelayOptions setMaxBrowsers(int maxBrowsers) {
    if (maxBrowsers < 1) {
      throw new IllegalArgumentException("maxBrowsers must be positive");
    }
    this.maxBrowsers = maxBrowsers;
    return this;
  }

  public Duration getRequestBodyTimeout() {
    return requestBodyTimeout;
  }

  /**
   * How long a POST may take to send the body its {@code Content-Length} declares, from its head on; past it the
   * request is answered 408 and the connection closed (a body declared 1 MiB of which 10 bytes come is not waited
   * for); default 10 s.
   */
  public ChatRelayOptions setRequestBodyTimeout(Duration requestBodyTimeout) {
    this.requestBodyTimeout = positive(requestBodyTimeout, "requestBodyTimeout");
    return this;
  }

  public Duration getIdleConnectionTimeout() {
    return idleConnectionTimeout;
  }

  /**
   * How long a connection may go without a byte read or written before it is closed; default 30 s. This is what
   * ends a connection that never completes (or never starts) its request head, and a keep-alive connection nobody
   * uses: 3,000 unfinished heads hold 3,000 descriptors this long, not forever. An open event stream is kept busy
   * by the {@link #setHeartbeat heartbeat}, so the relay uses at least twice the heartbeat.
   */
  public ChatRelayOptions setIdleConnectionTimeout(Duration idleConnectionTimeout) {
    this.idleConnectionTimeout = positive(idleConnectionTimeout, "idleConnectionTimeout");
    return this;
  }

  public String getRedis() {
    return redis;
  }

  /**
   * Runs the relay as one node of several on Redis Streams: {@code redis://HOST:PORT} (with
   * {@code redis://:PASSWORD@HOST:PORT/DB} when needed); {@code null} (the default): one node, events in memory.
   * Each session's events go to a Redis stream whose entry IDs are the SSE IDs, so a browser resumes on any node;
   * one node per OpenCode directory (the holder of a lease in Redis) follows OpenCode's event stream and drives the
   * turns, and another takes over when it stops. The relay does not start when Redis does not answer.
   */
  public ChatRelayOptions setRedis(String redis) {
    if (redis != null && !(redis.startsWith("redis://") || redis.startsWith("rediss://"))) {
      throw new IllegalArgumentException("the Redis address must start with redis:// or rediss://");
    }
    this.redis = redis;
    return this;
  }

  public Duration getRedisLease() {
    return redisLease;
  }

  /**
   * How long a node's lease on a directory lasts unless renewed (it is renewed every third of it): how long
   * browsers wait for another node to go on with a turn whose node stopped; default 5 s.
   */
  public ChatRelayOptions setRedisLease(Duration redisLease) {
    this.redisLease = positive(redisLease, "redisLease");
    return this;
  }

  public int getRedisStreamEntries() {
    return redisStreamEntries;
  }

  /**
   * The length each session's Redis stream is trimmed to (approximately: {@code XADD ... MAXLEN ~}); default
   * {@value #DEFAULT_REDIS_STREAM_ENTRIES}. A browser further behind, or a node that finds the start of a turn
   * trimmed, shows what the stream still holds.
   */
  public ChatRelayOptions setRedisStreamEntries(int entries) {
    if (entries < 1) {
      throw new IllegalArgumentException("redisStreamEntries must be positive");
    }
    this.redisStreamEntries = entries;
    return this;
  }

  private static Duration positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
    return value;
  }

  @Override
  public String toString() {
    return "ChatRelayOptions[" + host + ":" + port + ", " + openCode + (model == null ? "" : ", model " + model)
        + (demo ? ", demo" : "") + ", replay " + replayEvents + " events / " + replayChars + " chars"
        + (redis == null ? "" : ", redis " + redactedRedis()) + "]";
  }

  /** The Redis address without its password. */
  private String redactedRedis() {
    int at = redis.lastIndexOf('@');
    int scheme = redis.indexOf("://") + 3;
    return at < 0 ? redis : redis.substring(0, scheme) + "***@" + redis.substring(at + 1);
  }
}
