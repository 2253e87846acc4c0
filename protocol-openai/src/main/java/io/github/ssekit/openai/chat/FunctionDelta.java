package io.github.ssekit.openai.chat;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/** The function part of a tool-call fragment: its name (once) and a fragment of its argument JSON. */
@Value.Immutable
@JsonSerialize(as = ImmutableFunctionDelta.class)
@JsonDeserialize(as = ImmutableFunctionDelta.class)
public interface FunctionDelta {

  /** {@code name}. */
  @JsonProperty("name")
  Optional<String> name();

  /** A fragment of the argument JSON text (or all of it, for providers that do not stream arguments). */
  @JsonProperty("arguments")
  Optional<String> arguments();

  /** Members this model does not name, as raw JSON. */
  @JsonAnyGetter
  Map<String, JsonNode> extra();
}
