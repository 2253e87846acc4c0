package io.github.ssekit.opencode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A validator for the JSON-schema subset OpenCode's request schemas use: {@code $ref} (to
 * {@code #/components/schemas/...}), {@code type}, {@code properties}, {@code required},
 * {@code additionalProperties} (false or a schema), {@code items}, {@code anyOf}/{@code oneOf}, {@code enum},
 * {@code pattern} (unanchored, as in JSON Schema) and {@code minimum}. Any other keyword fails loudly, so the
 * subset cannot silently shrink.
 */
final class SchemaValidator {
  private static final List<String> KNOWN = List.of("$ref", "type", "properties", "required",
      "additionalProperties", "items", "anyOf", "oneOf", "enum", "pattern", "minimum", "description");

  private final JsonNode document;

  SchemaValidator(JsonNode document) {
    this.document = document;
  }

  /** The validator over the OpenAPI slice in the test resources. */
  static SchemaValidator requests() {
    try (InputStream in = SchemaValidator.class.getResourceAsStream("/openapi/requests-1.18.33.json")) {
      return new SchemaValidator(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The request schema of an operation, such as {@code session.prompt}. */
  JsonNode request(String operationId) {
    JsonNode schema = document.path("requests").get(operationId);
    if (schema == null) {
      throw new IllegalArgumentException("no request schema for " + operationId);
    }
    return schema;
  }

  /** The violations of {@code value} against the request schema of {@code operationId}; empty when valid. */
  List<String> validate(String operationId, JsonNode value) {
    List<String> errors = new ArrayList<>();
    check(request(operationId), value, "$", errors);
    return errors;
  }

  private void check(JsonNode schema, JsonNode value, String at, List<String> errors) {
    for (Iterator<String> names = schema.fieldNames(); names.hasNext(); ) {
      String keyword = names.next();
      if (!KNOWN.contains(keyword)) {
        throw new IllegalStateException("unsupported schema keyword " + keyword + " at " + at);
      }
    }
    if (schema.has("$ref")) {
      check(resolve(schema.get("$ref").asText()), value, at, errors);
    }
    if (schema.has("anyOf") || schema.has("oneOf")) {
      JsonNode options = schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf");
      int matches = 0;
      for (JsonNode option : options) {
        List<String> optionErrors = new ArrayList<>();
        check(option, value, at, optionErrors);
        if (optionErrors.isEmpty()) {
          matches++;
        }
      }
      if (matches == 0 || (schema.has("oneOf") && matches > 1)) {
        errors.add(at + ": matches " + matches + " of the " + options.size() + " alternatives");
      }
    }
    if (schema.has("type") && !hasType(value, schema.get("type").asText())) {
      errors.add(at + ": expected " + schema.get("type").asText() + ", got " + value.getNodeType());
      return;
    }
    if (schema.has("enum")) {
      boolean found = false;
      for (JsonNode allowed : schema.get("enum")) {
        found |= allowed.equals(value);
      }
      if (!found) {
        errors.add(at + ": " + value + " is not one of " + schema.get("enum"));
      }
    }
    if (schema.has("pattern") && value.isTextual()
        && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
      errors.add(at + ": '" + value.asText() + "' does not match " + schema.get("pattern").asText());
    }
    if (schema.has("minimum") && value.isNumber()
        && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
      errors.add(at + ": " + value + " is below " + schema.get("minimum"));
    }
    if (value.isObject()) {
      checkObject(schema, value, at, errors);
    }
    if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        check(schema.get("items"), value.get(i), at + "[" + i + "]", errors);
      }
    }
  }

  private void checkObject(JsonNode schema, JsonNode value, String at, List<String> errors) {
    JsonNode properties = schema.path("properties");
    for (JsonNode required : schema.path("required")) {
      if (!value.has(required.asText())) {
        errors.add(at + ": missing required '" + required.asText() + "'");
      }
    }
    JsonNode additional = schema.get("additionalProperties");
    for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String path = at + "." + field.getKey();
      if (properties.has(field.getKey())) {
        check(properties.get(field.getKey()), field.getValue(), path, errors);
      } else if (additional != null && additional.isBoolean() && !additional.booleanValue()) {
        errors.add(at + ": property '" + field.getKey() + "' is not allowed");
      } else if (additional != null && additional.isObject()) {
        check(additional, field.getValue(), path, errors);
      }
    }
  }

  private JsonNode resolve(String ref) {
    String prefix = "#/components/schemas/";
    if (!ref.startsWith(prefix)) {
      throw new IllegalStateException("unsupported $ref " + ref);
    }
    JsonNode target = document.path("components").path("schemas").get(ref.substring(prefix.length()));
    if (target == null) {
      throw new IllegalStateException("unresolved $ref " + ref);
    }
    return target;
  }

  private static boolean hasType(JsonNode value, String type) {
    switch (type) {
      case "object":
        return value.isObject();
      case "array":
        return value.isArray();
      case "string":
        return value.isTextual();
      case "boolean":
        return value.isBoolean();
      case "integer":
        return value.isIntegralNumber() || (value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0);
      case "number":
        return value.isNumber();
      case "null":
        return value.isNull();
      default:
        throw new IllegalStateException("unsupported type " + type);
    }
  }
}
