package io.github.ssekit.client.anthropic.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ssekit.anthropic.AnthropicStreamException;
import io.github.ssekit.client.HttpStatusException;
import io.github.ssekit.client.anthropic.AnthropicHttpException;
import io.github.ssekit.client.internal.HttpErrors;

/** Turns an HTTP error of an Anthropic-compatible server into an {@link AnthropicHttpException}. */
final class AnthropicErrors {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AnthropicErrors() {}

  /**
   * The typed error of an HTTP error answer, with the request's credentials cut out after JSON decoding: from the
   * body (written anew when it quotes a credential in escaped form) and from the error object's fields (the
   * transport's {@link HttpErrors#typed}).
   */
  static AnthropicHttpException httpException(HttpStatusException status, AnthropicSecrets secrets) {
    return HttpErrors.typed(status, secrets::json, AnthropicErrors::serverError,
        error -> (AnthropicStreamException) secrets.error(error), AnthropicHttpException::new);
  }

  /**
   * The error object of an error body: {@code {"type":"error","error":{"type","message"}}} (Anthropic), or an
   * {@code error} object or text without the envelope (gateways). Null when the body holds none.
   */
  static AnthropicStreamException serverError(String body) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JsonProcessingException | RuntimeException e) {
      return null;
    }
    if (root == null || !root.isObject()) {
      return null;
    }
    JsonNode error = root.get("error");
    if (error != null && error.isObject()) {
      return new AnthropicStreamException(text(error, "type"), text(error, "message"), body);
    }
    if (error != null && error.isTextual() && !error.asText().isBlank()) {
      return new AnthropicStreamException(null, error.asText(), body);
    }
    return null;
  }

  private static String text(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value == null || !value.isValueNode() || value.isNull() ? null : value.asText();
  }
}
