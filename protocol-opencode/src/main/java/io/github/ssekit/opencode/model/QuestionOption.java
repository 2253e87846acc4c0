package io.github.ssekit.opencode.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One choice of a question: {@code {"label","description"}}.
 */
@Value.Immutable
@SuppressWarnings("exports") // @Value.* annotations are compile-time only; consumers need no Immutables
@JsonSerialize(as = ImmutableQuestionOption.class)
@JsonDeserialize(as = ImmutableQuestionOption.class)
public interface QuestionOption {

  /** The display text. */
  Optional<String> label();

  /** What the choice means. */
  Optional<String> description();

  /** Fields this version does not model, kept as sent. */
  @JsonAnyGetter
  Map<String, JsonNode> extra();
}
