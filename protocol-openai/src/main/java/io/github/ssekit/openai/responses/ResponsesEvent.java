package io.github.ssekit.openai.responses;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * One event of a Responses API stream. The concrete type follows the payload's {@code type}:
 * {@link ResponseLifecycleEvent}, {@link OutputItemEvent}, {@link ContentPartEvent}, {@link OutputTextEvent},
 * {@link RefusalEvent}, {@link FunctionCallArgumentsEvent}, {@link ReasoningEvent}, and
 * {@link GenericResponsesEvent} for every other type (tool progress, audio, annotations, ...). Errors are not
 * events: {@link ResponsesProtocol} reports them as errors.
 */
public interface ResponsesEvent {

  /** The event type, such as {@code response.output_text.delta} (the SSE event name when the payload had none). */
  @JsonProperty("type")
  String type();

  /** The increasing sequence number OpenAI puts on every event. */
  @JsonProperty("sequence_number")
  Optional<Long> sequenceNumber();

  /** Members this model does not name, as raw JSON (for a generic event: everything but type and sequence). */
  @JsonAnyGetter
  Map<String, JsonNode> extra();

  /**
   * The output text fragment of a {@code response.output_text.delta} event ({@link OutputTextEvent#delta()}), or
   * {@code ""} for any other event: the text to print as it arrives.
   */
  @JsonIgnore
  default String textDelta() {
    return this instanceof OutputTextEvent text && !text.isDone() ? text.delta().orElse("") : "";
  }

  /** Whether the type ends in {@code .done} (a final value rather than a fragment). */
  @JsonIgnore
  default boolean isDone() {
    return type().endsWith(".done");
  }
}
