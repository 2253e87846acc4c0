package io.github.ssekit.openai.chat;

import com.fasterxml.jackson.databind.JsonNode;
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
}
