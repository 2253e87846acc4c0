package io.github.ssekit.openai;

import io.github.ssekit.sse.SseException;
import java.util.Optional;

/**
 * An error the provider reported inside a stream (after HTTP 200): an {@code {"error":{...}}} payload, a vLLM
 * {@code object:"error"} payload, Venice-style {@code error_type}/{@code error_message} keys, an error inside a
 * choice ({@code finish_reason:"error"}), a named {@code error} event, or a Responses {@code error} event (flat
 * or nested).
 *
 * <p>Carries the provider's message, type, code (numbers are kept as their decimal text), param and the raw
 * payload, so nothing the provider said is lost.
 */
public class ProviderStreamException extends SseException {
  private static final long serialVersionUID = 1L;

  /** The provider's message. */
  private final String providerMessage;
  /** The provider's error type, or null. */
  private final String type;
  /** The provider's error code as text, or null. */
  private final String code;
  /** The parameter the error is about, or null. */
  private final String param;
  /** The payload as received. */
  private final String rawJson;

  /**
   * @param providerMessage the provider's message (never null; a generic text when the provider gave none)
   * @param type the provider's error type, or null
   * @param code the provider's error code as text, or null
   * @param param the parameter the error is about, or null
   * @param rawJson the payload exactly as received
   */
  public ProviderStreamException(String providerMessage, String type, String code, String param, String rawJson) {
    super(describe(providerMessage, type, code));
    this.providerMessage = providerMessage;
    this.type = type;
    this.code = code;
    this.param = param;
    this.rawJson = rawJson == null ? "" : rawJson;
  }

  private static String describe(String message, String type, String code) {
    StringBuilder text = new StringBuilder("provider error: ").append(message);
    if (type != null) {
      text.append(" (type ").append(type).append(')');
    }
    if (code != null) {
      text.append(" (code ").append(code).append(')');
    }
    return text.toString();
  }

  /** The provider's message. */
  public String providerMessage() {
    return providerMessage;
  }

  /** The provider's error type, such as {@code server_error} or {@code insufficient_quota}. */
  public Optional<String> type() {
    return Optional.ofNullable(type);
  }

  /** The provider's error code as text ({@code 502} and {@code "502"} both give {@code "502"}). */
  public Optional<String> code() {
    return Optional.ofNullable(code);
  }

  /** The request parameter the error is about. */
  public Optional<String> param() {
    return Optional.ofNullable(param);
  }

  /** The event's data exactly as received (for a choice-level error, the whole chunk). */
  public String rawJson() {
    return rawJson;
  }
}
