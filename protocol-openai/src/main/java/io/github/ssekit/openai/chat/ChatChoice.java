package io.github.ssekit.openai.chat;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/** One entry of {@code choices} in a chunk: the delta of choice {@link #index()}. */
@Value.Immutable
@JsonSerialize(as = ImmutableChatChoice.class)
@JsonDeserialize(as = ImmutableChatChoice.class)
public interface ChatChoice {

  /** Which choice this is ({@code n > 1} interleaves them). */
  @JsonProperty("index")
  Optional<Integer> index();

  /** What this chunk adds to the choice; absent for Azure content-filter choices. */
  @JsonProperty("delta")
  Optional<ChatDelta> delta();

  /** {@code finish_reason}. */
  @JsonProperty("finish_reason")
  Optional<FinishReason> finishReason();

  /** Log probabilities, raw (Together streams a single number here). */
  @JsonProperty("logprobs")
  Optional<JsonNode> logprobs();

  /** Usage sent inside the choice (Moonshot) instead of the chunk. */
  @JsonProperty("usage")
  Optional<Usage> usage();

  /** Members this model does not name, as raw JSON (for example {@code native_finish_reason}). */
  @JsonAnyGetter
  Map<String, JsonNode> extra();
}
