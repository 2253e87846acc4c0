package io.github.ssekit.opencode.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.github.ssekit.opencode.ModelRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The body of {@code POST /session/{id}/message} (blocks until the turn is over) and
 * {@code POST /session/{id}/prompt_async} (answers 204 at once):
 * {@code {"model":{"providerID","modelID"}?,"agent"?,"system"?,"tools"?,"noReply"?,"messageID"?,"variant"?,
 * "parts":[...]}}.
 *
 * <p>The model can only be given as a {@link ModelRef}, which is written nested: there is no way to produce the
 * flat {@code providerID}/{@code modelID} form the server silently ignores. Without a model the server uses the
 * session's last model, else its configured default.
 *
 * <pre>{@code
 * PromptBody body = PromptBody.builder()
 *     .model(ModelRef.parse("anthropic/claude-sonnet-4"))
 *     .addParts(PromptPart.text("Say hello"))
 *     .build();
 * byte[] json = OpenCodeJson.toBytes(body);
 * }</pre>
 */
@Value.Immutable
@SuppressWarnings("exports") // @Value.* annotations are compile-time only; consumers need no Immutables
@JsonSerialize(as = ImmutablePromptBody.class)
@JsonPropertyOrder({"messageID", "model", "agent", "noReply", "tools", "system", "variant", "parts"})
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public interface PromptBody {

  /** A new builder. */
  static ImmutablePromptBody.Builder builder() {
    return ImmutablePromptBody.builder();
  }

  /** A body with one text part. */
  static PromptBody text(String text) {
    return builder().addParts(PromptPart.text(text)).build();
  }

  /** A body with one text part, answered by {@code model}. */
  static PromptBody text(ModelRef model, String text) {
    return builder().model(model).addParts(PromptPart.text(text)).build();
  }

  /** The ID for the new user message ({@code msg...}); the server makes one up when absent. */
  Optional<String> messageID();

  /** The model that should answer, sent nested. */
  Optional<ModelRef> model();

  /** The agent ({@code build}, {@code plan}, or a custom one). */
  Optional<String> agent();

  /** Store the user message only, without calling the model. */
  Optional<Boolean> noReply();

  /** Tools to enable ({@code true}) or remove ({@code false}) for this prompt, by name. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  Map<String, Boolean> tools();

  /** Text appended to the end of the built-in system prompt. */
  Optional<String> system();

  /** The model variant, such as a reasoning effort. */
  Optional<String> variant();

  /** The parts of the prompt; at least one. */
  List<PromptPart> parts();

  /** Checks the rules the server enforces, so a bad body fails here rather than with an HTTP 400. */
  @Value.Check
  default void check() {
    if (parts().isEmpty()) {
      throw new IllegalStateException("a prompt needs at least one part");
    }
    Checks.prefixed(messageID(), "msg", "messageID");
  }
}
