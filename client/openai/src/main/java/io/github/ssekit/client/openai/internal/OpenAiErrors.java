package io.github.ssekit.client.openai.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ssekit.client.HttpStatusException;
import io.github.ssekit.client.SseRequest;
import io.github.ssekit.client.internal.HttpErrors;
import io.github.ssekit.client.internal.Redactor;
import io.github.ssekit.client.openai.OpenAiHttpException;
import io.github.ssekit.openai.ProviderStreamException;

/** Turns an HTTP error of an OpenAI-compatible provider into an {@link OpenAiHttpException}. */
final class OpenAiErrors {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private OpenAiErrors() {}

  /**
   * The typed error of an HTTP error answer, with the request's credentials cut out after JSON decoding: from the
   * body (written anew when it quotes a credential in escaped form) and from every field of its error object (the
   * transport's {@link HttpErrors#typed}).
   */
  static OpenAiHttpException httpException(SseRequest request, HttpStatusException status) {
    DecodedSecrets secrets = new DecodedSecrets(Redactor.of(request.headers()));
    return HttpErrors.typed(status, secrets::json, OpenAiErrors::providerError, secrets::error,
        OpenAiHttpException::new);
  }

  /**
   * The error object of an error body: {@code {"error":{"message","type","code","param"}}} (OpenAI, most
   * providers), {@code {"error":"text"}}, or a flat object with {@code message} (vLLM's {@code object:"error"},
   * some gateways). Null when the body holds none.
   */
  static ProviderStreamException providerError(String body) {
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
      return fromObject(error, body);
    }
    if (error != null && error.isTextual() && !error.asText().isBlank()) {
      return new ProviderStreamException(error.asText(), text(root, "type"), text(root, "code"), text(root, "param"),
          body);
    }
    if (root.path("message").isTextual() || root.path("detail").isTextual()) {
      return fromObject(root, body);
    }
    return null;
  }

  private static ProviderStreamException fromObject(JsonNode error, String raw) {
    String message = text(error, "message");
    if (message == null || message.isBlank()) {
      message = text(error, "detail");
    }
    if (message == null || message.isBlank()) {
      message = "the provider reported an error without a message";
    }
    String type = text(error, "type");
    if ("error".equals(type)) {
      type = null;
    }
    return new ProviderStreamException(message, type, text(error, "code"), text(error, "param"), raw);
  }

  /** A member as text: strings as they are, numbers and booleans as their JSON text; null otherwise. */
  private static String text(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || !value.isValueNode() || value.isNull()) {
      return null;
    }
    return value.asText();
  }
}
