package io.github.ssekit.opencode.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import io.github.ssekit.opencode.ModelRef;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A message ({@code Message} in the OpenAPI document: {@code UserMessage} or {@code AssistantMessage}): the
 * {@code info} of {@code message.updated} and of a message-with-parts answer. One lenient type for both roles.
 *
 * <p>An assistant message names its model with flat {@link #providerID()}/{@link #modelID()} fields; a user message
 * with a nested {@link #model()}. {@link #modelRef()} reads either. A failed turn still ends with a completed
 * assistant message: check {@link #error()}.
 */
@Value.Immutable
@SuppressWarnings("exports") // @Value.* annotations are compile-time only; consumers need no Immutables
@JsonSerialize(as = ImmutableMessageInfo.class)
@JsonDeserialize(as = ImmutableMessageInfo.class)
public interface MessageInfo {

  /** The message ID ({@code msg_...}). */
  Optional<String> id();

  /** The session ID. */
  Optional<String> sessionID();

  /** Who wrote it. */
  Optional<Role> role();

  /** Assistant: the user message it answers. */
  Optional<String> parentID();

  /** Assistant: the provider that answered. */
  Optional<String> providerID();

  /** Assistant: the model that answered. */
  Optional<String> modelID();

  /** User: the model asked for, {@code {"providerID","modelID","variant"?}}. */
  Optional<ModelChoice> model();

  /** The agent. */
  Optional<String> agent();

  /** Assistant: the mode (the agent, in older versions). */
  Optional<String> mode();

  /** Assistant: the model variant. */
  Optional<String> variant();

  /** Assistant: the cost of the message. */
  Optional<Double> cost();

  /** Assistant: the token counts. */
  Optional<Tokens> tokens();

  /** Assistant: the finish reason of the last step ({@code stop}, {@code tool-calls}, ...). */
  Optional<String> finish();

  /** Assistant: why the turn failed (set on an HTTP 200 too). */
  Optional<OpenCodeError> error();

  /** Created and (assistant) completed times. */
  Optional<TimeSpan> time();

  /** User: the system prompt addition sent with the prompt. */
  Optional<String> system();

  /** Whether this is an assistant message. */
  @JsonIgnore
  default boolean isAssistant() {
    return role().filter(Role.ASSISTANT::equals).isPresent();
  }

  /** Whether this is a user message. */
  @JsonIgnore
  default boolean isUser() {
    return role().filter(Role.USER::equals).isPresent();
  }

  /** Whether an assistant message is complete ({@code time.completed} is set). */
  @JsonIgnore
  default boolean isCompleted() {
    return time().flatMap(TimeSpan::completed).isPresent();
  }

  /** The model: the flat fields of an assistant message, else the nested model of a user message. */
  default Optional<ModelRef> modelRef() {
    if (providerID().isPresent() && modelID().isPresent()
        && !providerID().get().isBlank() && !modelID().get().isBlank()) {
      return Optional.of(new ModelRef(providerID().get(), modelID().get()));
    }
    return model().flatMap(ModelChoice::toModelRef);
  }

  /** Fields this version does not model, kept as sent. */
  @JsonAnyGetter
  Map<String, JsonNode> extra();
}
