package io.github.ssekit.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ssekit.anthropic.internal.Json;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A message: the snapshot a {@code message_start} carries, or the message the accumulator assembled from the whole
 * stream.
 *
 * @param id {@code id}
 * @param model {@code model}
 * @param role {@code role} ({@code assistant})
 * @param content the content blocks, in index order
 * @param stopReason why the message stopped; empty while it has not
 * @param stopSequence the stop sequence that ended it, if one did
 * @param usage the token counts, merged across {@code message_start} and {@code message_delta}
 * @param extra the members of the {@code message} object not named above ({@code type}, {@code container}, ...)
 */
public record AnthropicMessage(Optional<String> id, Optional<String> model, Optional<String> role,
    List<ContentBlock> content, Optional<StopReason> stopReason, Optional<String> stopSequence, Optional<Usage> usage,
    Map<String, JsonNode> extra) {

  /** Rejects nulls; copies the list and map. */
  public AnthropicMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(role, "role");
    content = List.copyOf(content);
    Objects.requireNonNull(stopReason, "stopReason");
    Objects.requireNonNull(stopSequence, "stopSequence");
    Objects.requireNonNull(usage, "usage");
    extra = Json.copy(extra);
  }

  /** The text of the text blocks, in order. */
  public String text() {
    StringBuilder text = new StringBuilder();
    for (ContentBlock block : content) {
      if (BlockType.TEXT.equals(block.type())) {
        text.append(block.text());
      }
    }
    return text.toString();
  }

  /** The {@code tool_use} blocks, in order: the tool calls the caller runs. */
  public List<ContentBlock> toolUses() {
    return content.stream().filter(ContentBlock::isToolUse).toList();
  }
}
