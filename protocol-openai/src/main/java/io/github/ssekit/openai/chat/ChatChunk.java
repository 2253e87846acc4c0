package io.github.ssekit.openai.chat;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One {@code chat.completion.chunk} of a Chat Completions stream. Every member is optional, because providers
 * omit any of them; members this model does not name are kept in {@link #extra()} (for example Azure's
 * {@code prompt_filter_results}, Perplexity's {@code citations}, OpenRouter's {@code provider}).
 *
 * <p>Chunks produced by {@link ChatCompletionsProtocol} are normalised: an {@code ""} id, object, model, role,
 * finish reason, tool-call id, type or name is absent (and was reported); {@code choices: null} is empty; a
 * choice without {@code index} got its position.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableChatChunk.class)
@JsonDeserialize(as = ImmutableChatChunk.class)
public interface ChatChunk {

  /** The completion id; the same on every chunk of a stream (when the provider keeps the contract). */
  @JsonProperty("id")
  Optional<String> id();

  /** {@code chat.completion.chunk} normally. */
  @JsonProperty("object")
  Optional<String> object();

  /** Unix seconds. */
  @JsonProperty("created")
  Optional<Long> created();

  /** {@code model}. */
  @JsonProperty("model")
  Optional<String> model();

  /** {@code system_fingerprint}. */
  @JsonProperty("system_fingerprint")
  Optional<String> systemFingerprint();

  /** {@code service_tier}. */
  @JsonProperty("service_tier")
  Optional<ServiceTier> serviceTier();

  /** The choices; empty on usage-only chunks and when the provider sent {@code null} or nothing. */
  @JsonProperty("choices")
  List<ChatChoice> choices();

  /** Token usage: a cumulative snapshot, usually on the last chunk only. */
  @JsonProperty("usage")
  Optional<Usage> usage();

  /** Members this model does not name, as raw JSON. */
  @JsonAnyGetter
  Map<String, JsonNode> extra();

  /**
   * The content fragment this chunk adds to the first choice (index 0), or {@code ""}: the text to print as it
   * arrives. Reasoning, refusals, tool calls and other choices ({@code n > 1}) are in {@link #choices()}.
   */
  @JsonIgnore
  default String textDelta() {
    for (int i = 0; i < choices().size(); i++) {
      ChatChoice choice = choices().get(i);
      if (choice.index().orElse(i) == 0) {
        return choice.delta().flatMap(ChatDelta::content).orElse("");
      }
    }
    return "";
  }
}
