package io.github.ssekit.openai.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.github.ssekit.openai.OpenAiDiagnostics;
import io.github.ssekit.sse.protocol.Diagnostic;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The module's own Jackson mapper (never a global one) and the lenient reading helpers built on it. */
public final class Json {
  private Json() {}

  /** Lenient for reading, compact for writing: absent optionals are not written. */
  public static final JsonMapper MAPPER = JsonMapper.builder()
      .addModule(new Jdk8Module())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .serializationInclusion(JsonInclude.Include.NON_ABSENT)
      .build();

  /** Bounds the drop-and-retry loop of {@link #bind}; a payload with more bad fields than this is rejected. */
  private static final int MAX_DROPPED_FIELDS = 16;

  /** The JSON values in {@code data}, in order; empty when the text is not JSON. */
  public static List<JsonNode> readValues(String data) {
    List<JsonNode> values = new ArrayList<>();
    try (JsonParser parser = MAPPER.createParser(data)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        values.add(token == JsonToken.VALUE_NULL ? MAPPER.nullNode() : (JsonNode) MAPPER.readTree(parser));
      }
    } catch (IOException e) {
      return List.of();
    }
    return values;
  }

  /**
   * The JSON values in {@code data}, as {@link #readValues(String)} reads them (a member sent twice keeps its last
   * value), and the name of a member some object held twice, or null: the values are read once with duplicate
   * detection on, and only when it finds one, again without.
   */
  public static Values readValuesNoticingDuplicates(String data) {
    List<JsonNode> values = new ArrayList<>();
    try (JsonParser parser = MAPPER.createParser(data)) {
      parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        values.add(token == JsonToken.VALUE_NULL ? MAPPER.nullNode() : (JsonNode) MAPPER.readTree(parser));
      }
    } catch (StreamReadException e) {
      String message = String.valueOf(e.getOriginalMessage());
      if (message.startsWith(DUPLICATE_FIELD)) {
        int start = message.indexOf('\'');
        int end = message.lastIndexOf('\'');
        return new Values(readValues(data), end > start ? message.substring(start + 1, end) : "?");
      }
      return new Values(List.of(), null);
    } catch (IOException e) {
      return new Values(List.of(), null);
    }
    return new Values(values, null);
  }

  /** Jackson's message for a member sent twice, under duplicate detection. */
  private static final String DUPLICATE_FIELD = "Duplicate field '";

  /**
   * What {@link #readValuesNoticingDuplicates} read.
   *
   * @param values the JSON values, in order; empty when the text is not JSON
   * @param duplicateKey a member name some object held twice, or null
   */
  public record Values(List<JsonNode> values, String duplicateKey) {}

  /**
   * Binds {@code tree} to {@code type}. A field whose JSON type the model cannot hold is removed from the tree and
   * reported ({@link OpenAiDiagnostics#WRONG_TYPE}), then binding is retried; empty when it still fails.
   */
  public static <T> Optional<T> bind(ObjectNode tree, Class<T> type, String raw, List<Diagnostic> diagnostics) {
    for (int dropped = 0; dropped <= MAX_DROPPED_FIELDS; dropped++) {
      try {
        return Optional.of(MAPPER.treeToValue(tree, type));
      } catch (JsonProcessingException | IllegalArgumentException e) {
        String path = e instanceof JsonMappingException m ? removeAt(tree, m.getPath()) : null;
        if (path == null) {
          diagnostics.add(Diagnostic.of(OpenAiDiagnostics.INVALID_PAYLOAD,
              "could not read the payload as " + type.getSimpleName() + ": " + firstLine(e.getMessage()), raw));
          return Optional.empty();
        }
        diagnostics.add(Diagnostic.of(OpenAiDiagnostics.WRONG_TYPE,
            "dropped '" + path + "', whose JSON type does not fit " + type.getSimpleName(), raw));
      }
    }
    diagnostics.add(Diagnostic.of(OpenAiDiagnostics.INVALID_PAYLOAD,
        "too many fields of the wrong type for " + type.getSimpleName(), raw));
    return Optional.empty();
  }

  /** Removes the node at {@code path}; returns the path as text, or null when there is nothing to remove. */
  private static String removeAt(JsonNode root, List<JsonMappingException.Reference> path) {
    if (path.isEmpty()) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    JsonNode node = root;
    for (int i = 0; i < path.size(); i++) {
      JsonMappingException.Reference ref = path.get(i);
      boolean last = i == path.size() - 1;
      if (ref.getFieldName() != null) {
        text.append(text.length() == 0 ? "" : ".").append(ref.getFieldName());
        if (!(node instanceof ObjectNode object) || !object.has(ref.getFieldName())) {
          return null;
        }
        if (last) {
          object.remove(ref.getFieldName());
          return text.toString();
        }
        node = object.get(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        text.append('[').append(ref.getIndex()).append(']');
        if (!(node instanceof ArrayNode array) || ref.getIndex() >= array.size()) {
          return null;
        }
        if (last) {
          array.remove(ref.getIndex());
          return text.toString();
        }
        node = array.get(ref.getIndex());
      } else {
        return null;
      }
    }
    return null;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }

  /** The text of a string member, or null when it is absent, null or not a string. */
  public static String text(JsonNode object, String field) {
    JsonNode value = object == null ? null : object.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  /** The text of a scalar member (numbers as their decimal text), or null. */
  public static String scalarText(JsonNode object, String field) {
    JsonNode value = object == null ? null : object.get(field);
    return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
  }

  /** Whether the member is present and not JSON null. */
  public static boolean present(JsonNode object, String field) {
    JsonNode value = object.get(field);
    return value != null && !value.isNull();
  }

  /** Serialises a tree or value to compact JSON text. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  /** Serialises a tree or value to UTF-8 JSON bytes. */
  public static byte[] writeBytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }
}
