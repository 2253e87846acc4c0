package io.github.ssekit.client.openai.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.ssekit.client.internal.Redactor;
import io.github.ssekit.openai.ProviderStreamException;
import java.util.Iterator;
import java.util.Map;

/**
 * Cuts a request's credentials out of what a provider sent back <em>after</em> JSON decoding. The transport
 * redacts the bytes it received, but a server that writes the key with JSON escapes ({@code "\u0073k-..."}) gets
 * past a byte search: the key appears only once the body is decoded, in the error's message, type, code or param.
 * So every decoded string (field names too) is searched, and a JSON body that decodes to a credential is written
 * anew from its redacted tree.
 */
final class DecodedSecrets {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** What replaces a body that quotes a credential in escaped form but cannot be decoded whole (cut JSON). */
  static final String UNDECODABLE_BODY = "<redacted: the body quoted a credential in an escaped form>";

  private final Redactor redactor;
  /** No credential to look for (a request without a key): every method returns its argument. */
  private final boolean none;

  DecodedSecrets(Redactor redactor) {
    this.redactor = redactor;
    this.none = redactor == Redactor.none();
  }

  /** The text with every credential replaced. */
  String text(String text) {
    return redactor.apply(text);
  }

  /**
   * {@code json} unchanged when its decoded strings hold no credential; otherwise the redacted tree written anew,
   * or {@link #UNDECODABLE_BODY} when a credential shows only in escaped form and the text is no whole JSON value.
   */
  String json(String json) {
    if (none || json == null || json.indexOf('\\') < 0) {
      return redactor.apply(json); // no escape: a byte search is enough
    }
    JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (JsonProcessingException | RuntimeException notWholeJson) {
      return redactor.showsInEscapedForm(json) ? UNDECODABLE_BODY : redactor.apply(json);
    }
    if (tree == null) {
      return redactor.apply(json);
    }
    JsonNode clean = redact(tree);
    return clean == tree ? redactor.apply(json) : clean.toString();
  }

  /** The node itself when nothing in it changes, else a redacted copy. */
  private JsonNode redact(JsonNode node) {
    if (node.isTextual()) {
      String value = node.textValue();
      String clean = redactor.apply(value);
      return clean.equals(value) ? node : TextNode.valueOf(clean);
    }
    if (node.isObject()) {
      ObjectNode copy = null;
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        String name = redactor.apply(field.getKey());
        JsonNode value = redact(field.getValue());
        if (copy == null && (!name.equals(field.getKey()) || value != field.getValue())) {
          copy = MAPPER.createObjectNode();
          for (Iterator<Map.Entry<String, JsonNode>> before = node.fields(); before.hasNext(); ) {
            Map.Entry<String, JsonNode> earlier = before.next();
            if (earlier == field) {
              break;
            }
            copy.set(earlier.getKey(), earlier.getValue());
          }
        }
        if (copy != null) {
          copy.set(name, value);
        }
      }
      return copy == null ? node : copy;
    }
    if (node.isArray()) {
      ArrayNode copy = null;
      for (int i = 0; i < node.size(); i++) {
        JsonNode value = redact(node.get(i));
        if (copy == null && value != node.get(i)) {
          copy = MAPPER.createArrayNode();
          for (int j = 0; j < i; j++) {
            copy.add(node.get(j));
          }
        }
        if (copy != null) {
          copy.add(value);
        }
      }
      return copy == null ? node : copy;
    }
    return node;
  }

  /**
   * The provider's error with every field redacted after decoding (message, type, code, param, and the raw payload
   * as {@link #json}); the same object when nothing in it shows a credential.
   */
  ProviderStreamException error(ProviderStreamException error) {
    if (none) {
      return error;
    }
    String message = text(error.providerMessage());
    String type = error.type().map(this::text).orElse(null);
    String code = error.code().map(this::text).orElse(null);
    String param = error.param().map(this::text).orElse(null);
    String raw = json(error.rawJson());
    if (message.equals(error.providerMessage()) && error.type().map(t -> t.equals(type)).orElse(true)
        && error.code().map(c -> c.equals(code)).orElse(true) && error.param().map(p -> p.equals(param)).orElse(true)
        && raw.equals(error.rawJson())) {
      return error;
    }
    ProviderStreamException clean = new ProviderStreamException(message, type, code, param, raw);
    clean.setStackTrace(error.getStackTrace());
    return clean;
  }
}
