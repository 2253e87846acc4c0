package io.github.ssekit.opencode.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One question of a question request: {@code {"question","header","options","multiple"?,"custom"?}}.
 */
@Value.Immutable
@SuppressWarnings("exports") // @Value.* annotations are compile-time only; consumers need no Immutables
@JsonSerialize(as = ImmutableQuestionInfo.class)
@JsonDeserialize(as = ImmutableQuestionInfo.class)
public interface QuestionInfo {

  /** The full question. */
  Optional<String> question();

  /** A very short label. */
  Optional<String> header();

  /** The choices. */
  List<QuestionOption> options();

  /** Whether several choices may be picked. */
  Optional<Boolean> multiple();

  /** Whether a free-form answer is allowed. */
  Optional<Boolean> custom();

  /** Fields this version does not model, kept as sent. */
  @JsonAnyGetter
  Map<String, JsonNode> extra();
}
