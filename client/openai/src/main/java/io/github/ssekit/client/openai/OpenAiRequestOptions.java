package io.github.ssekit.client.openai;

import io.github.ssekit.client.SseClientOptions;
import io.github.ssekit.client.SseRequest;
import io.github.ssekit.client.internal.HeaderValues;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Settings of one {@link OpenAiClient} request: extra headers (they replace the client's headers of the same name)
 * and an idle timeout of its own. Mutable and fluent; copied when the stream is created. {@link #toString()} never
 * shows the value of a credentials header.
 */
public final class OpenAiRequestOptions {
  private final Map<String, String> headers = new LinkedHashMap<>();
  private Duration idleTimeout;
  private Duration deadline;
  private Integer maxRetries;

  /** No extra header, the client's idle timeout. */
  public OpenAiRequestOptions() {}

  /** A copy of {@code other}. */
  public OpenAiRequestOptions(OpenAiRequestOptions other) {
    headers.putAll(other.headers);
    idleTimeout = other.idleTimeout;
    deadline = other.deadline;
    maxRetries = other.maxRetries;
  }

  /**
   * Adds a header to this request; it replaces a client header of the same name.
   *
   * @throws IllegalArgumentException if the name or the value contains CR, LF, NUL or another control character
   *     (the message does not show the value)
   */
  public OpenAiRequestOptions putHeader(String name, String value) {
    HeaderValues.check(name, value);
    headers.put(name, value);
    return this;
  }

  /** A copy of the headers of this request. */
  public Map<String, String> getHeaders() {
    return new LinkedHashMap<>(headers);
  }

  /**
   * How long the stream may go without receiving a byte (keep-alives count) before it fails, replacing the
   * client's {@link SseClientOptions#setIdleTimeout idle timeout}; a model that thinks silently needs a long one.
   */
  public OpenAiRequestOptions setIdleTimeout(Duration idleTimeout) {
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
    }
    this.idleTimeout = idleTimeout;
    return this;
  }

  /** The idle timeout of this request, if set. */
  public Optional<Duration> getIdleTimeout() {
    return Optional.ofNullable(idleTimeout);
  }

  /**
   * The total deadline of this request, replacing the client's ({@link OpenAiClientOptions#setDeadline});
   * {@link Duration#ZERO} sets none.
   */
  public OpenAiRequestOptions setDeadline(Duration deadline) {
    Objects.requireNonNull(deadline, "deadline");
    if (deadline.isNegative()) {
      throw new IllegalArgumentException("deadline must not be negative: " + deadline);
    }
    this.deadline = deadline;
    return this;
  }

  /** The deadline of this request, if set. */
  public Optional<Duration> getDeadline() {
    return Optional.ofNullable(deadline);
  }

  /**
   * How often this request is sent again when it fails before its stream was accepted, replacing the transport's
   * {@link SseClientOptions#setMaxRetries}; 0 turns retries off.
   */
  public OpenAiRequestOptions setMaxRetries(int maxRetries) {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
    }
    this.maxRetries = maxRetries;
    return this;
  }

  /** The retries of this request, if set. */
  public OptionalInt getMaxRetries() {
    return maxRetries == null ? OptionalInt.empty() : OptionalInt.of(maxRetries);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("OpenAiRequestOptions[headers={");
    String sep = "";
    for (Map.Entry<String, String> header : headers.entrySet()) {
      text.append(sep).append(header.getKey()).append('=')
          .append(SseRequest.isSensitiveHeader(header.getKey()) ? "<redacted>" : header.getValue());
      sep = ", ";
    }
    return text.append("}, idleTimeout=").append(idleTimeout == null ? "client's" : idleTimeout)
        .append(", deadline=").append(deadline == null ? "client's" : deadline)
        .append(", maxRetries=").append(maxRetries == null ? "client's" : maxRetries).append(']').toString();
  }
}
