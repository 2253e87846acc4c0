package io.github.ssekit.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ssekit.anthropic.internal.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Token counts, as sent in {@code message_start}'s {@code message.usage} and in {@code message_delta}'s
 * {@code usage}. Every count is optional: servers omit some (a {@code message_delta} often carries only
 * {@code output_tokens}). Members this type does not name ({@code server_tool_use}, {@code cache_creation},
 * {@code service_tier}, ...) are kept in {@link #extra()}.
 *
 * @param inputTokens {@code input_tokens}
 * @param outputTokens {@code output_tokens}
 * @param cacheCreationInputTokens {@code cache_creation_input_tokens}
 * @param cacheReadInputTokens {@code cache_read_input_tokens}
 * @param extra the members not named above, as sent
 */
public record Usage(OptionalLong inputTokens, OptionalLong outputTokens, OptionalLong cacheCreationInputTokens,
    OptionalLong cacheReadInputTokens, Map<String, JsonNode> extra) {

  /** No counts at all. */
  public static final Usage EMPTY = new Usage(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
      OptionalLong.empty(), Map.of());

  /** Rejects nulls; copies {@code extra}. */
  public Usage {
    Objects.requireNonNull(inputTokens, "inputTokens");
    Objects.requireNonNull(outputTokens, "outputTokens");
    Objects.requireNonNull(cacheCreationInputTokens, "cacheCreationInputTokens");
    Objects.requireNonNull(cacheReadInputTokens, "cacheReadInputTokens");
    extra = Json.copy(extra);
  }

  /**
   * These counts updated by a later report: each count {@code later} carries replaces this one (the Messages API's
   * counts are cumulative, so the later value is the newer total), each it omits is kept; the same for the members
   * of {@link #extra()}. This is how a stream's usage is merged across {@code message_start} and
   * {@code message_delta}.
   *
   * @param later the later report
   * @return the merged counts
   */
  public Usage mergedWith(Usage later) {
    Map<String, JsonNode> merged = new LinkedHashMap<>(extra);
    merged.putAll(later.extra);
    return new Usage(or(later.inputTokens, inputTokens), or(later.outputTokens, outputTokens),
        or(later.cacheCreationInputTokens, cacheCreationInputTokens),
        or(later.cacheReadInputTokens, cacheReadInputTokens), merged);
  }

  private static OptionalLong or(OptionalLong preferred, OptionalLong fallback) {
    return preferred.isPresent() ? preferred : fallback;
  }

}
