package io.github.ssekit.client.openai;

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
 * Settings of an {@link OpenAiClient}: the provider's base URL, the API key, headers sent with every request, and
 * the transport's {@link SseClientOptions} (timeouts, pool, limits).
 *
 * <p>A mutable, fluent options object in the style of Vert.x options; {@link OpenAiClient#create} copies it.
 * {@link #toString()} never shows the API key nor the value of a credentials header.
 */
public final class OpenAiClientOptions {

  /** Default {@link #setBaseUrl base URL}: OpenAI's. */
  public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
  /**
   * Default {@link #setMaxResponseChars limit of one streamed response}: 256 Mi characters of event data, some
   * twenty times what the longest replies of today's models take.
   */
  public static final int DEFAULT_MAX_RESPONSE_CHARS = 256 * 1024 * 1024;

  /**
   * Default {@link #setDeadline total deadline} of one request: ten minutes, as the providers' own SDKs have.
   */
  public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(10);

  private String baseUrl = DEFAULT_BASE_URL;
  private String apiKey;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private SseClientOptions sseClientOptions = new SseClientOptions();
  private int maxResponseChars = DEFAULT_MAX_RESPONSE_CHARS;
  private DiagnosticLimits diagnosticLimits = DiagnosticLimits.DEFAULT;
  private Duration deadline = DEFAULT_DEADLINE;

  /** Options with every default and no API key. */
  public OpenAiClientOptions() {}

  /** A copy of {@code other}. */
  public OpenAiClientOptions(OpenAiClientOptions other) {
    this.baseUrl = other.baseUrl;
    this.apiKey = other.apiKey;
    this.headers.putAll(other.headers);
    this.sseClientOptions = new SseClientOptions(other.sseClientOptions);
    this.maxResponseChars = other.maxResponseChars;
    this.diagnosticLimits = other.diagnosticLimits;
    this.deadline = other.deadline;
  }

  /** The total deadline of one request. */
  public Duration getDeadline() {
    return deadline;
  }

  /**
   * How long one request may take in all, retries included, beside the idle timeout: expiring before the stream
   * was accepted, the result fails with an {@link io.github.ssekit.client.SseDeadlineException}; after, the stream is
   * cancelled (connection closed, pool slot freed) and the result completes with what arrived, truncated, the
   * timeout its last error. {@link Duration#ZERO} sets none; {@link OpenAiRequestOptions#setDeadline} overrides it.
   * Retries are the transport's ({@link SseClientOptions#setMaxRetries}, 2 by default). Default
   * {@link #DEFAULT_DEADLINE}.
   */
  public OpenAiClientOptions setDeadline(Duration deadline) {
    Objects.requireNonNull(deadline, "deadline");
    if (deadline.isNegative()) {
      throw new IllegalArgumentException("deadline must not be negative: " + deadline);
    }
    this.deadline = deadline;
    return this;
  }

  /** The base URL, without a trailing slash. */
  public String getBaseUrl() {
    return baseUrl;
  }

  /**
   * The base URL the endpoints are appended to ({@code /chat/completions}, {@code /responses}), such as
   * {@code https://api.openai.com/v1} or {@code http://127.0.0.1:11434/v1}. An absolute {@code http} or
   * {@code https} URL; a trailing slash is dropped.
   *
   * @throws IllegalArgumentException when it is not an absolute http(s) URL with a host, or has a query, a fragment
   *     or credentials
   */
  public OpenAiClientOptions setBaseUrl(String baseUrl) {
    this.baseUrl = BaseUrls.check(baseUrl);
    return this;
  }

  /** The API key, or null when none is set. */
  public String getApiKey() {
    return apiKey;
  }

  /**
   * The API key, sent as {@code Authorization: Bearer <key>}; null or blank sends no {@code Authorization} header
   * (for local servers). It is never logged, printed or put in a message.
   *
   * @throws IllegalArgumentException if it contains CR, LF, NUL or another control character after stripping
   *     (the message does not show it)
   */
  public OpenAiClientOptions setApiKey(String apiKey) {
    String key = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    if (key != null && !HeaderValues.isSendable(key)) {
      throw new IllegalArgumentException("the API key contains CR, LF, NUL or another control character");
    }
    this.apiKey = key;
    return this;
  }

  /** A copy of the headers sent with every request. */
  public Map<String, String> getHeaders() {
    return new LinkedHashMap<>(headers);
  }

  /**
   * Adds a header sent with every request (such as {@code OpenAI-Organization} or OpenRouter's
   * {@code HTTP-Referer}); it replaces a header of the same name set earlier, and an {@code Authorization} header
   * here replaces the one made from the API key.
   *
   * @throws IllegalArgumentException if the name or the value contains CR, LF, NUL or another control character
   *     (the message does not show the value)
   */
  public OpenAiClientOptions putHeader(String name, String value) {
    HeaderValues.check(name, value);
    headers.put(name, value);
    return this;
  }

  /** The size limit of one streamed response, in characters of event data. */
  public int getMaxResponseChars() {
    return maxResponseChars;
  }

  /**
   * The size limit of one streamed response: the characters of data of all its events together. The assembled
   * result grows with the stream, so a server that never stops would otherwise fill the memory; past the limit the
   * stream is cancelled and the result completes with what arrived, {@code truncated()}, and an error saying why.
   * Each single event is also bounded by {@link SseClientOptions#setMaxEventBytes}. Default
   * {@link #DEFAULT_MAX_RESPONSE_CHARS}.
   */
  public OpenAiClientOptions setMaxResponseChars(int characters) {
    if (characters < 1) {
      throw new IllegalArgumentException("maxResponseChars must be positive: " + characters);
    }
    this.maxResponseChars = characters;
    return this;
  }

  /** How many diagnostic occurrences one stream's result keeps one by one. */
  public DiagnosticLimits getDiagnosticLimits() {
    return diagnosticLimits;
  }

  /**
   * How many diagnostic occurrences one stream's result keeps one by one in {@code diagnosticOccurrences()}. A
   * result reports each code once with an exact count whatever the limits; the limits bound the list of
   * occurrences, so a provider that repeats a deviation in every chunk cannot make a stream hold one diagnostic per
   * chunk. Default {@link DiagnosticLimits#DEFAULT}: 10 per code, 100 in all.
   */
  public OpenAiClientOptions setDiagnosticLimits(DiagnosticLimits limits) {
    this.diagnosticLimits = Objects.requireNonNull(limits, "limits");
    return this;
  }

  /** The transport options (a copy). */
  public SseClientOptions getSseClientOptions() {
    return new SseClientOptions(sseClientOptions);
  }

  /** The transport options: timeouts, limits, connection pool, TLS (copied). */
  public OpenAiClientOptions setSseClientOptions(SseClientOptions options) {
    this.sseClientOptions = new SseClientOptions(Objects.requireNonNull(options, "options"));
    return this;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("OpenAiClientOptions[baseUrl=")
        .append(SseRequest.redactedUri(URI.create(baseUrl)))
        .append(", apiKey=").append(apiKey == null ? "none" : "<redacted>").append(", headers={");
    String sep = "";
    for (Map.Entry<String, String> header : headers.entrySet()) {
      text.append(sep).append(header.getKey()).append('=')
          .append(SseRequest.isSensitiveHeader(header.getKey()) ? "<redacted>" : header.getValue());
      sep = ", ";
    }
    return text.append("}, maxResponseChars=").append(maxResponseChars).append(", ").append(diagnosticLimits)
        .append(", ").append(sseClientOptions)
        .append(']').toString();
  }
}
