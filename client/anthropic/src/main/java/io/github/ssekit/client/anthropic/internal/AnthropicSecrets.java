package io.github.ssekit.client.anthropic.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ssekit.anthropic.AnthropicStreamException;
import io.github.ssekit.client.SseRequest;
import io.github.ssekit.client.internal.Redactor;
import io.github.ssekit.sse.SseException;

/**
 * Cuts a request's credentials out of what a server sent back <em>after</em> JSON decoding. The transport redacts
 * the bytes it received, but a server that writes the key with JSON escapes ({@code "\\u0073k-ant-..."}) gets past a
 * byte search: the key appears only once the text is decoded. A JSON text is therefore decoded, and written anew
 * (Jackson escapes no letter, so the key shows and is cut) when its decoded form holds a credential.
 */
final class AnthropicSecrets {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** What replaces a text that quotes a credential in escaped form but cannot be decoded whole (cut JSON). */
  static final String UNDECODABLE = "<redacted: the text quoted a credential in an escaped form>";

  private final Redactor redactor;

  private AnthropicSecrets(Redactor redactor) {
    this.redactor = redactor;
  }

  /** The credentials among the headers of {@code request}. */
  static AnthropicSecrets of(SseRequest request) {
    return new AnthropicSecrets(Redactor.of(request.headers()));
  }

  /** The text with every credential replaced. */
  String text(String text) {
    return redactor.apply(text);
  }

  /** {@code json} with every credential replaced, in its raw and in its decoded form. */
  String json(String json) {
    if (redactor == Redactor.none() || json == null || json.indexOf('\\') < 0) {
      return redactor.apply(json); // no escape: a byte search is enough
    }
    JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (JsonProcessingException | RuntimeException notWholeJson) {
      tree = null;
    }
    if (tree == null) {
      return redactor.showsInEscapedForm(json) ? UNDECODABLE : redactor.apply(json);
    }
    String decoded = tree.toString();
    String clean = redactor.apply(decoded);
    return clean.equals(decoded) ? redactor.apply(json) : clean;
  }

  /** A server's error with every field redacted after decoding; the same object when nothing in it changes. */
  SseException error(SseException error) {
    if (!(error instanceof AnthropicStreamException server) || redactor == Redactor.none()) {
      return error;
    }
    String type = server.errorType().map(this::text).orElse(null);
    String message = server.errorMessage().map(this::text).orElse(null);
    String raw = json(server.raw());
    if (server.errorType().map(t -> t.equals(type)).orElse(true)
        && server.errorMessage().map(m -> m.equals(message)).orElse(true) && raw.equals(server.raw())) {
      return error;
    }
    AnthropicStreamException clean = new AnthropicStreamException(type, message, raw);
    clean.setStackTrace(error.getStackTrace());
    return clean;
  }
}
