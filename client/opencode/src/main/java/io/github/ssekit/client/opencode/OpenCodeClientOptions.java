package io.github.ssekit.client.opencode;

import io.github.ssekit.client.SseClientOptions;
import io.github.ssekit.client.SseRequest;
import io.github.ssekit.sse.protocol.DiagnosticLimits;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of an {@link OpenCodeClient}: where the server is, how to authenticate, which directory (OpenCode
 * instance) every call is scoped to, and timeouts. Fluent; the client copies it.
 *
 * <p>{@link #toString()} never shows the password.
 */
public final class OpenCodeClientOptions {
  /** The user name OpenCode expects with {@code OPENCODE_SERVER_PASSWORD} unless told otherwise: {@code opencode}. */
  public static final String DEFAULT_USERNAME = "opencode";
  /** Default {@link #setRequestTimeout request timeout}: 60 seconds (a fresh instance can take a while to boot). */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
  /** Default {@link #setPromptTimeout timeout of a synchronous prompt}: 10 minutes. */
  public static final Duration DEFAULT_PROMPT_TIMEOUT = Duration.ofMinutes(10);
  /**
   * Default {@link #setEventIdleTimeout idle timeout of event streams}: 35 seconds, three missed heartbeats
   * (OpenCode sends one every 10 seconds).
   */
  public static final Duration DEFAULT_EVENT_IDLE_TIMEOUT = Duration.ofSeconds(35);
  /** Default {@link #setMaxResponseBodyBytes limit of an answer's body}: 64 MiB. */
  public static final int DEFAULT_MAX_RESPONSE_BODY_BYTES = 64 * 1024 * 1024;
  /** Default {@link #setMaxReplyChars limit of one streamed reply}: 64 Mi characters of text and reasoning. */
  public static final int DEFAULT_MAX_REPLY_CHARS = 64 * 1024 * 1024;

  private Duration turnDeadline = Duration.ZERO;
  private String baseUrl;
  private String directory;
  private String username = DEFAULT_USERNAME;
  private String password;
  private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
  private Duration promptTimeout = DEFAULT_PROMPT_TIMEOUT;
  private Duration eventIdleTimeout = DEFAULT_EVENT_IDLE_TIMEOUT;
  private int maxResponseBodyBytes = DEFAULT_MAX_RESPONSE_BODY_BYTES;
  private int maxReplyChars = DEFAULT_MAX_REPLY_CHARS;
  private DiagnosticLimits diagnosticLimits = DiagnosticLimits.DEFAULT;
  private SseClientOptions sseOptions = new SseClientOptions();

  /** Options without a base URL: set one with {@link #setBaseUrl}. */
  public OpenCodeClientOptions() {}

  /** Options for the server at {@code baseUrl}, such as {@code http://127.0.0.1:4096}. */
  public OpenCodeClientOptions(String baseUrl) {
    setBaseUrl(baseUrl);
  }

  /** A copy of {@code other}. */
  public OpenCodeClientOptions(OpenCodeClientOptions other) {
    this.baseUrl = other.baseUrl;
    this.directory = other.directory;
    this.username = other.username;
    this.password = other.password;
    this.requestTimeout = other.requestTimeout;
    this.promptTimeout = other.promptTimeout;
    this.eventIdleTimeout = other.eventIdleTimeout;
    this.maxResponseBodyBytes = other.maxResponseBodyBytes;
    this.maxReplyChars = other.maxReplyChars;
    this.turnDeadline = other.turnDeadline;
    this.diagnosticLimits = other.diagnosticLimits;
    this.sseOptions = new SseClientOptions(other.sseOptions);
  }

  /** The server's base URL, without a trailing slash. */
  public String getBaseUrl() {
    return baseUrl;
  }

  /**
   * The server's base URL: {@code http} or {@code https}, a host, optionally a port and a path prefix; no query.
   *
   * @throws IllegalArgumentException if it is not such a URL
   */
  public OpenCodeClientOptions setBaseUrl(String baseUrl) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    URI uri;
    try {
      uri = URI.create(baseUrl);
    } catch (IllegalArgumentException e) {
      // not the text, nor the parser's message quoting it: it may hold credentials
      throw new IllegalArgumentException("not a URL: "
          + (e.getCause() instanceof java.net.URISyntaxException syntax ? syntax.getReason() : "unparseable"));
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
        || uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("expected an http(s) URL with a host and no query or credentials, got "
          + SseRequest.redactedUri(uri));
    }
    String text = uri.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    this.baseUrl = text;
    return this;
  }

  /** The directory every call is scoped to, if set. */
  public Optional<String> getDirectory() {
    return Optional.ofNullable(directory);
  }

  /**
   * The directory (OpenCode instance) every call is scoped to, sent the same way on every call: as the
   * {@code directory} query parameter and the {@code x-opencode-directory} header. Sessions created through this
   * client belong to it, and its {@code /event} stream sees their events. {@code null} (the default): the
   * server's working directory.
   */
  public OpenCodeClientOptions setDirectory(String directory) {
    if (directory != null && directory.isBlank()) {
      throw new IllegalArgumentException("directory must not be blank");
    }
    this.directory = directory;
    return this;
  }

  /** The basic-auth user name (used only with a password). */
  public String getUsername() {
    return username;
  }

  /** The basic-auth user name; default {@value #DEFAULT_USERNAME} ({@code OPENCODE_SERVER_USERNAME} on the server). */
  public OpenCodeClientOptions setUsername(String username) {
    this.username = Objects.requireNonNull(username, "username");
    return this;
  }

  /** Whether a password is set. The password itself is not readable from the options. */
  public boolean hasPassword() {
    return password != null;
  }

  /**
   * The server password ({@code OPENCODE_SERVER_PASSWORD} on the server): every call then sends HTTP basic
   * authentication. {@code null} or empty: none (the default).
   */
  public OpenCodeClientOptions setPassword(String password) {
    this.password = password == null || password.isEmpty() ? null : password;
    return this;
  }

  /** The {@code Authorization} header value, if a password is set: for {@link OpenCodeClient#create} only. */
  Optional<String> authorizationHeader() {
    if (password == null) {
      return Optional.empty();
    }
    byte[] credentials = (username + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return Optional.of("Basic " + java.util.Base64.getEncoder().encodeToString(credentials));
  }

  /** The timeout of plain requests. */
  public Duration getRequestTimeout() {
    return requestTimeout;
  }

  /** The timeout of plain requests (sessions, messages, config, prompt_async, ...); default 60 s. */
  public OpenCodeClientOptions setRequestTimeout(Duration requestTimeout) {
    this.requestTimeout = positive(requestTimeout, "requestTimeout");
    return this;
  }

  /** The timeout of a synchronous prompt. */
  public Duration getPromptTimeout() {
    return promptTimeout;
  }

  /** The timeout of a synchronous prompt, which answers only when the turn is over; default 10 min. */
  public OpenCodeClientOptions setPromptTimeout(Duration promptTimeout) {
    this.promptTimeout = positive(promptTimeout, "promptTimeout");
    return this;
  }

  /** The idle timeout of event streams. */
  public Duration getEventIdleTimeout() {
    return eventIdleTimeout;
  }

  /**
   * How long an event stream may stay silent before it is dropped and reconnected; default 35 s (OpenCode sends
   * a heartbeat every 10 s).
   */
  public OpenCodeClientOptions setEventIdleTimeout(Duration eventIdleTimeout) {
    this.eventIdleTimeout = positive(eventIdleTimeout, "eventIdleTimeout");
    return this;
  }

  /** The size limit of the body of a successful plain call, in bytes. */
  public int getMaxResponseBodyBytes() {
    return maxResponseBodyBytes;
  }

  /**
   * The size limit of the body of a successful plain call (sessions, messages, config...), in bytes: a longer body
   * is cut, its connection closed, and the call fails with an {@code SseException}. Default
   * {@link #DEFAULT_MAX_RESPONSE_BODY_BYTES} (64 MiB: a long session's messages with tool outputs). Error bodies are
   * cut at {@link SseClientOptions#setMaxErrorBodyBytes} of {@link #setSseClientOptions the transport options} instead.
   */
  public OpenCodeClientOptions setMaxResponseBodyBytes(int bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("maxResponseBodyBytes must be positive: " + bytes);
    }
    this.maxResponseBodyBytes = bytes;
    return this;
  }

  /** The size limit of one streamed reply, in characters of text and reasoning. */
  public int getMaxReplyChars() {
    return maxReplyChars;
  }

  /**
   * The size limit of one {@link OpenCodeClient#streamPrompt streamed reply}: the characters of its text and
   * reasoning deltas together. The reply grows with the turn, so a server that never stops would otherwise fill
   * the memory; past the limit the turn is aborted ({@code POST /session/{id}/abort}) and its reply fails with an
   * {@code SseException}. Default {@link #DEFAULT_MAX_REPLY_CHARS}.
   */
  public OpenCodeClientOptions setMaxReplyChars(int characters) {
    if (characters < 1) {
      throw new IllegalArgumentException("maxReplyChars must be positive: " + characters);
    }
    this.maxReplyChars = characters;
    return this;
  }

  /** The deadline of one streamed turn; {@link Duration#ZERO} for none. */
  public Duration getTurnDeadline() {
    return turnDeadline;
  }

  /**
   * How long one {@link OpenCodeClient#streamPrompt streamed turn} may take in all: when it expires, the turn is
   * aborted at the server ({@code POST /session/{id}/abort}) and its reply completes with what arrived, not
   * {@link io.github.ssekit.opencode.Reply#done() done}. {@link Duration#ZERO} (the default: an agent's turn with
   * tools may rightly run long) sets none.
   */
  public OpenCodeClientOptions setTurnDeadline(Duration deadline) {
    Objects.requireNonNull(deadline, "deadline");
    if (deadline.isNegative()) {
      throw new IllegalArgumentException("turnDeadline must not be negative: " + deadline);
    }
    this.turnDeadline = deadline;
    return this;
  }

  /** How many diagnostic occurrences one turn's reply keeps one by one. */
  public DiagnosticLimits getDiagnosticLimits() {
    return diagnosticLimits;
  }

  /**
   * How many diagnostic occurrences one {@link OpenCodeClient#streamPrompt turn}'s reply keeps one by one in
   * {@link io.github.ssekit.opencode.Reply#diagnosticOccurrences()}. A reply reports each code once with an exact
   * count whatever the limits; the limits bound the list of occurrences, so a server that repeats a deviation in
   * every event cannot make a turn hold one diagnostic per event. Default {@link DiagnosticLimits#DEFAULT}: 10 per
   * code, 100 in all.
   */
  public OpenCodeClientOptions setDiagnosticLimits(DiagnosticLimits limits) {
    this.diagnosticLimits = Objects.requireNonNull(limits, "limits");
    return this;
  }

  /** The transport options of the event streams (a copy). */
  public SseClientOptions getSseClientOptions() {
    return new SseClientOptions(sseOptions);
  }

  /**
   * The transport options of the event streams and of the plain calls: reconnection delays and limits, pool, TLS,
   * connect timeout, the error body limit (copied).
   */
  public OpenCodeClientOptions setSseClientOptions(SseClientOptions sseOptions) {
    this.sseOptions = new SseClientOptions(Objects.requireNonNull(sseOptions, "sseOptions"));
    return this;
  }

  private static Duration positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
    return value;
  }

  /** The settings, with the password shown only as set or not. */
  @Override
  public String toString() {
    return "OpenCodeClientOptions[" + baseUrl + (directory == null ? "" : ", directory " + directory)
        + (password == null ? "" : ", basic auth as " + username + " (password set)") + ", requestTimeout "
        + requestTimeout + ", promptTimeout " + promptTimeout + ", eventIdleTimeout " + eventIdleTimeout
        + ", maxResponseBodyBytes " + maxResponseBodyBytes + ", maxReplyChars " + maxReplyChars + ", "
        + diagnosticLimits + "]";
  }
}
