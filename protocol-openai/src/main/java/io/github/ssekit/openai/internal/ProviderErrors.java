package io.github.ssekit.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ssekit.openai.ProviderStreamException;
import java.util.Optional;

/**
 * Recognises the error shapes providers send inside a 200 stream: {@code {"error":{"message","type"}}} (OpenAI,
 * SGLang, LM Studio, OpenRouter, Ollama, often followed by {@code [DONE]}); vLLM's top-level
 * {@code {"object":"error","message","type","code"}}; {@code error_type}/{@code error_message} keys; an
 * {@code error} object inside a choice with {@code finish_reason:"error"} (OpenRouter); a code given as a number or
 * a string; and for the Responses API both the documented flat {@code {"type":"error","code","message"}} and the
 * nested {@code {"type":"error","error":{"type","code","message"}}} that OpenAI sends for an early quota error.
 */
public final class ProviderErrors {
  private ProviderErrors() {}

  private static final String NO_MESSAGE = "the provider reported an error without a message";

  /**
   * The error an object payload carries at its top level, if any: a truthy {@code error} member (object or string),
   * {@code object:"error"}, {@code type:"error"}, or {@code error_type}/{@code error_message} keys.
   */
  public static Optional<ProviderStreamException> topLevel(JsonNode payload, String raw) {
    JsonNode error = payload.get("error");
    if (error != null && error.isObject() && !error.isEmpty()) {
      return Optional.of(fromObject(error, raw));
    }
    if (error != null && error.isTextual() && !error.asText().isBlank()) {
      return Optional.of(new ProviderStreamException(error.asText(), Json.text(payload, "type"),
          Json.scalarText(payload, "code"), Json.scalarText(payload, "param"), raw));
    }
    if (error != null && error.isBoolean() && error.asBoolean()) {
      return Optional.of(fromObject(payload, raw));
    }
    if ("error".equals(Json.text(payload, "object")) || "error".equals(Json.text(payload, "type"))) {
      return Optional.of(fromObject(payload, raw));
    }
    if (payload.has("error_type") || payload.has("error_message")) {
      return Optional.of(new ProviderStreamException(orDefault(Json.scalarText(payload, "error_message")),
          Json.scalarText(payload, "error_type"), Json.scalarText(payload, "error_code"), null, raw));
    }
    return Optional.empty();
  }

  /** The error of a choice: an {@code error} object in it, or {@code finish_reason:"error"}. */
  public static Optional<ProviderStreamException> inChoice(JsonNode choice, String raw) {
    JsonNode error = choice.get("error");
    if (error != null && error.isObject() && !error.isEmpty()) {
      return Optional.of(fromObject(error, raw));
    }
    if ("error".equals(Json.text(choice, "finish_reason"))) {
      return Optional.of(new ProviderStreamException("the provider finished choice "
          + Json.scalarText(choice, "index") + " with finish_reason \"error\"", null, null, null, raw));
    }
    return Optional.empty();
  }

  /** A flat error object: {@code message}, {@code type}, {@code code}, {@code param}. */
  public static ProviderStreamException fromObject(JsonNode error, String raw) {
    String type = Json.text(error, "type");
    // A flat Responses error says type "error"; that names the event, not the kind of error.
    if ("error".equals(type)) {
      type = null;
    }
    return new ProviderStreamException(orDefault(Json.scalarText(error, "message")), type,
        Json.scalarText(error, "code"), Json.scalarText(error, "param"), raw);
  }

  /** The error of a named {@code error} event whose data is not a recognised shape (possibly not even JSON). */
  public static ProviderStreamException fromText(String data) {
    return new ProviderStreamException(data.isBlank() ? NO_MESSAGE : data, null, null, null, data);
  }

  private static String orDefault(String message) {
    return message == null || message.isBlank() ? NO_MESSAGE : message;
  }
}
