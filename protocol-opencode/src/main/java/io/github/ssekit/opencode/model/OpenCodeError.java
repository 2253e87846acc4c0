package io.github.ssekit.opencode.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An error as OpenCode reports it: {@code {"name","data":{"message",...}}}. It appears in {@code session.error},
 * in an assistant message's {@code info.error} (also on an HTTP 200), and as the body of HTTP error answers
 * ({@code BadRequest}, {@code NotFoundError}, {@code UnknownError}).
 *
 * <p>{@code toString()} shows the name, the status code and the message only: {@code data} may hold the provider's
 * response headers and body.
 */
@Value.Immutable
@SuppressWarnings("exports") // @Value.* annotations are compile-time only; consumers need no Immutables
@JsonSerialize(as = ImmutableOpenCodeError.class)
@JsonDeserialize(as = ImmutableOpenCodeError.class)
public abstract class OpenCodeError {
  /** The provider answered with an HTTP error ({@link #statusCode()}, {@link #isRetryable()}). */
  public static final String API_ERROR = "APIError";
  /** Anything else, such as an unknown model or a stream the provider SDK could not validate. */
  public static final String UNKNOWN_ERROR = "UnknownError";
  /** The turn was aborted ({@code POST /session/{id}/abort}). */
  public static final String MESSAGE_ABORTED_ERROR = "MessageAbortedError";
  /** The provider rejected the credentials. */
  public static final String PROVIDER_AUTH_ERROR = "ProviderAuthError";
  /** The output hit the length limit. */
  public static final String MESSAGE_OUTPUT_LENGTH_ERROR = "MessageOutputLengthError";
  /** The context window overflowed. */
  public static final String CONTEXT_OVERFLOW_ERROR = "ContextOverflowError";
  /** Structured output failed. */
  public static final String STRUCTURED_OUTPUT_ERROR = "StructuredOutputError";
  /** The provider's content filter stopped the output. */
  public static final String CONTENT_FILTER_ERROR = "ContentFilterError";

  /** The error name, such as {@link #API_ERROR}. */
  public abstract Optional<String> name();

  /** The error details: {@code message} and name-specific fields. */
  public abstract Optional<JsonNode> data();

  /** Fields this version does not model, kept as sent. */
  @JsonAnyGetter
  public abstract Map<String, JsonNode> extra();

  /** The error name, or {@code ""}. */
  public String nameOrEmpty() {
    return name().orElse("");
  }

  /** Whether this error has the given name. */
  public boolean is(String errorName) {
    return name().filter(errorName::equals).isPresent();
  }

  /** {@code data.message}. */
  public Optional<String> message() {
    return text("message");
  }

  /** {@code data.statusCode} of an {@link #API_ERROR}. */
  public Optional<Integer> statusCode() {
    return data().map(d -> d.get("statusCode")).filter(JsonNode::canConvertToInt).map(JsonNode::intValue);
  }

  /** {@code data.isRetryable} of an {@link #API_ERROR}. */
  public Optional<Boolean> isRetryable() {
    return data().map(d -> d.get("isRetryable")).filter(JsonNode::isBoolean).map(JsonNode::booleanValue);
  }

  /** {@code data.responseBody} of an {@link #API_ERROR}: the provider's answer. */
  public Optional<String> responseBody() {
    return text("responseBody");
  }

  /** {@code data.providerID} of a {@link #PROVIDER_AUTH_ERROR}. */
  public Optional<String> providerID() {
    return text("providerID");
  }

  private Optional<String> text(String field) {
    return data().map(d -> d.get(field)).filter(JsonNode::isTextual).map(JsonNode::textValue);
  }

  @Override
  public String toString() {
    String message = message().orElse("");
    if (message.length() > 200) {
      message = message.substring(0, 200) + "...";
    }
    return "OpenCodeError[" + nameOrEmpty() + statusCode().map(c -> " " + c).orElse("") + ": " + message + "]";
  }
}
