package io.github.ssekit.opencode.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.util.Optional;

/**
 * The module's own Jackson mapper (never Vert.x's global one): lenient on input (unknown fields go to
 * {@code extra()} or are dropped, never an error), and on output leaves out absent optionals, so a request body
 * holds only what was set.
 */
public final class Json {
  private Json() {}

  /** Shared and thread-safe once built; never reconfigured. */
  public static final JsonMapper MAPPER = JsonMapper.builder()
      .addModule(new Jdk8Module())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT,
          JsonInclude.Include.USE_DEFAULTS))
      .build();

  /** The text of {@code node.field}, if it is a string. */
  public static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value != null && value.isTextual() ? Optional.of(value.textValue()) : Optional.empty();
  }
}
