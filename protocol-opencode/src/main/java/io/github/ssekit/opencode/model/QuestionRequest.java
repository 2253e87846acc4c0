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
 * A question the {@code question} tool asks the user: the properties of {@code question.asked}.
 */
@Value.Immutable
@SuppressWarnings("exports") // @Value.* annotations are compile-time only; consumers need no Immutables
@JsonSerialize(as = ImmutableQuestionRequest.class)
@JsonDeserialize(as = ImmutableQuestionRequest.class)
public interface QuestionRequest {

  /** The request ID ({@code que_...}). */
  Optional<String> id();

  /** The session waiting on it. */
  Optional<String> sessionID();

  /** The questions. */
  List<QuestionInfo> questions();

  /** The tool call that asked. */
  Optional<ToolRef> tool();

  /** Fields this version does not model, kept as sent. */
  @JsonAnyGetter
  Map<String, JsonNode> extra();
}
