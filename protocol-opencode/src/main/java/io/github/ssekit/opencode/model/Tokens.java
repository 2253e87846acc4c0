package io.github.ssekit.opencode.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Token counts of a message, a step or a session: {@code {"total"?,"input","output","reasoning","cache"}}.
 */
@Value.Immutable
@SuppressWarnings("exports") // @Value.* annotations are compile-time only; consumers need no Immutables
@JsonSerialize(as = ImmutableTokens.class)
@JsonDeserialize(as = ImmutableTokens.class)
public interface Tokens {

  /** Total tokens, when the server computed it. */
  Optional<Long> total();

  /** Input tokens. */
  Optional<Long> input();

  /** Output tokens. */
  Optional<Long> output();

  /** Reasoning tokens. */
  Optional<Long> reasoning();

  /** Cache reads and writes. */
  Optional<CacheTokens> cache();

  /** Fields this version does not model, kept as sent. */
  @JsonAnyGetter
  Map<String, JsonNode> extra();
}
