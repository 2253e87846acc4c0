package io.github.ssekit.client.anthropic;

import io.github.ssekit.anthropic.MessagesAccumulator;
import io.github.ssekit.client.SseClientOptions;
import io.github.ssekit.client.SseRequest;
import io.github.ssekit.client.internal.BaseUrls;
import io.github.ssekit.client.internal.HeaderValues;
import io.github.ssekit.sse.protocol.DiagnosticLimits;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of an {@link AnthropicClient}: the server's base URL, the API key, the {@code anthropic-version}, headers
 * sent with every request, and the transport's {@link SseClientOptions} (timeouts, retries, pool, limits).
 *
 * <p>A mutable, fluent options object in the style of Vert.x options; {@link AnthropicClient#create} copies it.
 * {@link #toString()} never shows the API key nor the value of a credentials header.
 */
public final class AnthropicClientOptions {

  /** Default {@link #setBaseUrl base URL}: Anthropic's. */
  public static final String DEFAULT_BASE_URL = "https://api.anthropic.com/v1";
  /** Default {@link #setAnthropicVersion API version}. */
  public static final String DEFAULT_ANTHROPIC_VERSION = "2023-06-01";
  /** Default {@link #setMaxResponseChars limit of one streamed response}: 256 Mi characters of event data. */
  public static final int DEFAULT_MAX_RESPONSE_CHARS = 256 * 1024 * 1024;
  /** Default {@link #setDeadline total deadline} of one request: ten minutes, as Anthropic's own SDKs have. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(10);

  private String baseUrl = DEFAULT_BASE_URL;
  private String apiKey;
  private String anthropicVersion = DEFAULT_ANTHROPIC_VERSION;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private SseClientOptions sseClientOptions = new SseClientOptions();
  private int maxResponseChars = DEFAULT_MAX_RESPONSE_CHARS;
  private int maxBlocks = MessagesAccumulator.DEFAULT_MAX_BLOCKS;
  private DiagnosticLimits diagnosticLimits = DiagnosticLimits.DEFAULT;
  private Duration deadline = DEFAULT_DEADLINE;

  /** Options with every default and no API key. */
  public AnthropicClientOptions() {}

  /** A copy of {@code other}. */
  public AnthropicClientOptions(AnthropicClientOptions other) {
    this.baseUrl = other.baseUrl;
    this.apiKey = other.apiKey;
    this.anthropicVersion = other.anthropicVersion;
    this.headers.putAll(other.headers);
    this.sseClientOptions = new SseClientOptions(other.sseClientOptions);
    this.maxResponseChars = other.maxResponseChars;
    this.maxBlocks = other.maxBlocks;
    this.diagnosticLimits = other.diagnosticLimits;
    this.deadline = other.deadline;
  }

  /** The base URL, without a trailing slash. */
  public String getBaseUrl() {
    return baseUrl;
  }

  /**
   * The base URL {@code /messages} is appended to, such as {@code https://api.anthropic.com/v1} or a gateway's
   * Anthropic-compatible endpoint. An absolute {@code http} or {@code https} URL; a trailing slash is dropped.
   *
   * @throws IllegalArgumentException when it is not an absolute http(s) URL with a host, or has a query, a fragment
   *     or credentials
   */
  public AnthropicClientOptions setBaseUrl(String baseUrl) {
    this.baseUrl = BaseUrls.check(baseUrl);
    return this;
  }

  /** The API key, or null when none is set. */
  public String getApiKey() {
    return apiKey;
  }

  /**
   * The API key, sent as {@code x-api-key}; null or blank sends none (for local servers, or a gateway that takes an
   * {@code Authorization} header set with {@link #putHeader}). It is never logged, printed or put in a message.
   *
   * @throws IllegalArgumentException if it contains CR, LF, NUL or another control character after stripping
   *     (the message does not show it)
   */
  public AnthropicClientOptions setApiKey(String apiKey) {
    String key = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    if (key != null && !HeaderValues.isSendable(key)) {
      throw new IllegalArgumentException("the API key contains CR, LF, NUL or another control character");
    }
    this.apiKey = key;
    return this;
  }

  /** The {@code anthropic-version} header's value. */
  public String getAnthropicVersion() {
    return anthropicVersion;
  }

  /**
   * The {@code anthropic-version} header sent with every request. Default {@link #DEFAULT_ANTHROPIC_VERSION}.
   *
   * @throws IllegalArgumentException if it is blank or contains a control character
   */
  public AnthropicClientOptions setAnthropicVersion(String version) {
    Objects.requireNonNull(version, "version");
    HeaderValues.check("anthropic-version", version);
    if (version.isBlank()) {
      throw new IllegalArgumentException("the anthropic-version must not be blank");
    }
    this.anthropicVersion = version.strip();
    return this;
  }

  /** A copy of the headers sent with every request. */
  public Map<String, String> getHeaders() {
    return new LinkedHashMap<>(headers);
  }

  /**
   * Adds a header sent with every request (such as {@code anthropic-beta}); it replaces a header of the same name set
   * earlier, and an {@code x-api-key} or {@code anthropic-version} here replaces the one the options make.
   *
   * @throws IllegalArgumentException if the name or the value contains CR, LF, NUL or another control character
   *     (the message does not show the value)
   */
  public AnthropicClientOptions putHeader(String name, String value) {
    HeaderValues.check(name, value);
    headers.put(name, value);
    return this;
  }

  /** The total deadline of one request. */
  public Duration getDeadline() {
    return deadline;
  }

  /**
   * How long one request may take in all, retries included, beside the idle timeout: expiring before the stream
   * was accepted, the result fails with an {@link io.github.ssekit.client.SseDeadlineException}; after, the stream is
   * cancelled and the result completes with what arrived, truncated, the timeout its last error.
   * {@link Duration#ZERO} sets none. Retries are the transport's ({@link SseClientOptions#setMaxRetries}).
   * Default {@link #DEFAULT_DEADLINE}.
   */
  public AnthropicClientOptions setDeadline(Duration deadline) {
    Objects.requireNonNull(deadline, "deadline");
    if (deadline.isNegative()) {
      throw new IllegalArgumentException("deadline must not be negative: " + deadline);
    }
    this.deadline = deadline;
    return this;
  }

  /** The size limit of one streamed response, in characters of event data. */
  public int getMaxResponseChars() {
    return maxResponseChars;
  }

  /**
   * The size limit of one streamed response: the characters of data of all its events together; past it the stream
   * is cancelled and the result completes with what arrived, truncated, and an error saying why. Default
   * {@link #DEFAULT_MAX_RESPONSE_CHARS}.
   */
  public AnthropicClientOptions setMaxResponseChars(int characters) {
    if (characters < 1) {
      throw new IllegalArgumentException("maxResponseChars must be positive: " + characters);
    }
    this.maxResponseChars = characters;
    return this;
  }

  /** How many content blocks one message keeps. */
  public int getMaxBlocks() {
    return maxBlocks;
  }

  /**
   * How many content blocks one message keeps (see {@link MessagesAccumulator}); default
   * {@link MessagesAccumulator#DEFAULT_MAX_BLOCKS}.
   */
  public AnthropicClientOptions setMaxBlocks(int blocks) {
    if (blocks < 1) {
      throw new IllegalArgumentException("maxBlocks must be positive: " + blocks);
    }
    this.maxBlocks = blocks;
    return this;
  }

  /** How many diagnostic occurrences one stream's result keeps one by one. */
  public DiagnosticLimits getDiagnosticLimits() {
    return diagnosticLimits;
  }

  /**
   * How many diagnostic occurrences one stream's result keeps one by one; each code is reported once with an exact
   * count whatever the limits. Default {@link DiagnosticLimits#DEFAULT}.
   */
  public AnthropicClientOptions setDiagnosticLimits(DiagnosticLimits limits) {
    this.diagnosticLimits = Objects.requireNonNull(limits, "limits");
    return this;
  }

  /** The transport options (a copy). */
  public SseClientOptions getSseClientOptions() {
    return new SseClientOptions(sseClientOptions);
  }

  /** The transport options: timeouts, retries, limits, connection pool, TLS, observer (copied). */
  public AnthropicClientOptions setSseClientOptions(SseClientOptions options) {
    this.sseClientOptions = new SseClientOptions(Objects.requireNonNull(options, "options"));
    return this;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("AnthropicClientOptions[baseUrl=")
        .append(SseRequest.redactedUri(URI.create(baseUrl)))
        .append(", apiKey=").append(apiKey == null ? "none" : "<redacted>")
        .append(", anthropicVersion=").append(anthropicVersion).append(", headers={");
    String sep = "";
    for (Map.Entry<String, String> header : headers.entrySet()) {
      text.append(sep).append(header.getKey()).append('=')
          .append(SseRequest.isSensitiveHeader(header.getKey()) ? "<redacted>" : header.getValue());
      sep = ", ";
    }
    return text.append("}, maxResponseChars=").append(maxResponseChars).append(", maxBlocks=").append(maxBlocks)
        .append(", deadline=").append(deadline).append(", ").append(diagnosticLimits)
        .append(", ").append(sseClientOptions).append(']').toString();
  }
}
