package io.github.ssekit.openai.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ssekit.openai.internal.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/** One tool call assembled from its deltas. */
@Value.Immutable
public interface ToolCall {

  /** The {@code index} the provider gave it (the first one seen), if any. */
  Optional<Integer> index();

  /** The call id (the first non-blank one; repeated ids are never concatenated). */
  Optional<String> id();

  /** The call type (the first one sent; usually {@code function}). */
  Optional<ToolType> type();

  /** The function name (the first non-blank one). */
  Optional<String> name();

  /** The argument JSON text, as the provider streamed it (not validated). */
  String arguments();

  /** Provider members of the deltas not named by the model (for example {@code extra_content}); last one wins. */
  Map<String, JsonNode> extra();

  /** The arguments parsed as one JSON value; empty when they are not valid JSON (for example cut off). */
  @Value.Lazy
  default Optional<JsonNode> argumentsJson() {
    List<JsonNode> values = Json.readValues(arguments());
    return values.size() == 1 ? Optional.of(values.get(0)) : Optional.empty();
  }
}
