package io.github.ssekit.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ssekit.anthropic.internal.Json;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code delta} of a {@code content_block_delta}: one piece of a content block. Which member is present
 * depends on {@link #type()}: {@code text_delta} has {@link #text()}, {@code input_json_delta}
 * {@link #partialJson()} (a fragment of the tool input's JSON text, not JSON by itself), {@code thinking_delta}
 * {@link #thinking()}, {@code signature_delta} {@link #signature()}, {@code citations_delta} {@link #citation()}.
 * Members this type does not name are kept in {@link #extra()}.
 *
 * @param type the delta's type; absent when the server sent none
 * @param text {@code text}
 * @param partialJson {@code partial_json}
 * @param thinking {@code thinking}
 * @param signature {@code signature}
 * @param citation {@code citation}, as sent
 * @param extra the members not named above, as sent
 */
public record Delta(Optional<DeltaType> type, Optional<String> text, Optional<String> partialJson,
    Optional<String> thinking, Optional<String> signature, Optional<JsonNode> citation, Map<String, JsonNode> extra) {

  /** Rejects nulls; copies {@code extra}. */
  public Delta {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(partialJson, "partialJson");
    Objects.requireNonNull(thinking, "thinking");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(citation, "citation");
    extra = Json.copy(extra);
  }
}
