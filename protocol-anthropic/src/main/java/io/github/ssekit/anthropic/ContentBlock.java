package io.github.ssekit.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ssekit.anthropic.internal.Json;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A content block: as a {@code content_block_start} announces it, or as the accumulator assembled it.
 *
 * <p>Which members matter depends on {@link #type()}: {@code text} has {@link #text()} and {@link #citations()};
 * {@code tool_use}, {@code server_tool_use} and {@code mcp_tool_use} have {@link #id()}, {@link #name()} and
 * {@link #input()} (assembled from the {@code input_json_delta} pieces in {@link #inputJson()} and parsed once, at
 * the block's end); {@code thinking} has {@link #thinking()} and {@link #signature()}; {@code redacted_thinking}
 * has {@link #data()}. Server tool results ({@code web_search_tool_result}, ...) and blocks of types this module
 * does not know keep their members ({@code tool_use_id}, {@code content}, ...) in {@link #extra()}, as sent.
 *
 * @param type the block's type
 * @param text the text ({@code ""} for other blocks)
 * @param id {@code id}
 * @param name {@code name}
 * @param input the tool input: the parsed {@code input_json_delta} pieces, or the start block's {@code input} when
 *     no piece came; empty when the pieces are not valid JSON (then {@link #inputJson()} holds them)
 * @param inputJson the tool input's JSON text as streamed ({@code ""} when none was streamed)
 * @param thinking the thinking text ({@code ""} for other blocks)
 * @param signature {@code signature} of a thinking block
 * @param data {@code data} of a redacted thinking block
 * @param citations the citations of a text block, in order
 * @param extra the members not named above, as sent
 */
public record ContentBlock(BlockType type, String text, Optional<String> id, Optional<String> name,
    Optional<JsonNode> input, String inputJson, String thinking, Optional<String> signature, Optional<String> data,
    List<JsonNode> citations, Map<String, JsonNode> extra) {

  /** Rejects nulls; copies the lists and maps. */
  public ContentBlock {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(inputJson, "inputJson");
    Objects.requireNonNull(thinking, "thinking");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(data, "data");
    citations = List.copyOf(citations);
    extra = Json.copy(extra);
  }

  /** A block of {@code type} with nothing in it yet. */
  public static ContentBlock empty(BlockType type) {
    return new ContentBlock(type, "", Optional.empty(), Optional.empty(), Optional.empty(), "", "", Optional.empty(),
        Optional.empty(), List.of(), Map.of());
  }

  /** Whether this block is a call of a tool the caller runs ({@code tool_use}). */
  public boolean isToolUse() {
    return BlockType.TOOL_USE.equals(type);
  }
}
