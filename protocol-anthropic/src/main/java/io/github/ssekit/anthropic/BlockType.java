package io.github.ssekit.anthropic;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.github.ssekit.sse.protocol.KnownValue;
import io.github.ssekit.sse.protocol.OpenEnum;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The type of a content block, as sent in {@code content_block_start}'s {@code content_block.type}.
 *
 * <p>An open enum ({@link OpenEnum}): any string a server sends is kept in {@link #raw()}; {@link #known()} says
 * whether it is one of the values Anthropic documents for streamed assistant content (server tool blocks included). Equality is by the raw string.
 *
 * @param raw the value exactly as a server sent it
 */
public record BlockType(@JsonValue String raw) implements OpenEnum<BlockType.Known> {

  /** The values Anthropic documents for streamed assistant content (server tool blocks included); each member carries its wire string, the one place it is written. */
  public enum Known implements KnownValue {
    TEXT("text"),
    TOOL_USE("tool_use"),
    THINKING("thinking"),
    REDACTED_THINKING("redacted_thinking"),
    SERVER_TOOL_USE("server_tool_use"),
    WEB_SEARCH_TOOL_RESULT("web_search_tool_result"),
    WEB_FETCH_TOOL_RESULT("web_fetch_tool_result"),
    CODE_EXECUTION_TOOL_RESULT("code_execution_tool_result"),
    BASH_CODE_EXECUTION_TOOL_RESULT("bash_code_execution_tool_result"),
    TEXT_EDITOR_CODE_EXECUTION_TOOL_RESULT("text_editor_code_execution_tool_result"),
    MCP_TOOL_USE("mcp_tool_use"),
    MCP_TOOL_RESULT("mcp_tool_result"),
    CONTAINER_UPLOAD("container_upload");

    private final String raw;

    Known(String raw) {
      this.raw = raw;
    }

    @Override
    public String raw() {
      return raw;
    }
  }

  private static final Function<String, Optional<Known>> KNOWN = OpenEnum.lookup(Known.class);

  /** {@link Known#TEXT}. */
  public static final BlockType TEXT = of(Known.TEXT);
  /** {@link Known#TOOL_USE}. */
  public static final BlockType TOOL_USE = of(Known.TOOL_USE);
  /** {@link Known#THINKING}. */
  public static final BlockType THINKING = of(Known.THINKING);
  /** {@link Known#REDACTED_THINKING}. */
  public static final BlockType REDACTED_THINKING = of(Known.REDACTED_THINKING);
  /** {@link Known#SERVER_TOOL_USE}. */
  public static final BlockType SERVER_TOOL_USE = of(Known.SERVER_TOOL_USE);
  /** {@link Known#WEB_SEARCH_TOOL_RESULT}. */
  public static final BlockType WEB_SEARCH_TOOL_RESULT = of(Known.WEB_SEARCH_TOOL_RESULT);
  /** {@link Known#WEB_FETCH_TOOL_RESULT}. */
  public static final BlockType WEB_FETCH_TOOL_RESULT = of(Known.WEB_FETCH_TOOL_RESULT);
  /** {@link Known#CODE_EXECUTION_TOOL_RESULT}. */
  public static final BlockType CODE_EXECUTION_TOOL_RESULT = of(Known.CODE_EXECUTION_TOOL_RESULT);
  /** {@link Known#BASH_CODE_EXECUTION_TOOL_RESULT}. */
  public static final BlockType BASH_CODE_EXECUTION_TOOL_RESULT = of(Known.BASH_CODE_EXECUTION_TOOL_RESULT);
  /** {@link Known#TEXT_EDITOR_CODE_EXECUTION_TOOL_RESULT}. */
  public static final BlockType TEXT_EDITOR_CODE_EXECUTION_TOOL_RESULT = of(Known.TEXT_EDITOR_CODE_EXECUTION_TOOL_RESULT);
  /** {@link Known#MCP_TOOL_USE}. */
  public static final BlockType MCP_TOOL_USE = of(Known.MCP_TOOL_USE);
  /** {@link Known#MCP_TOOL_RESULT}. */
  public static final BlockType MCP_TOOL_RESULT = of(Known.MCP_TOOL_RESULT);
  /** {@link Known#CONTAINER_UPLOAD}. */
  public static final BlockType CONTAINER_UPLOAD = of(Known.CONTAINER_UPLOAD);

  /** Rejects nulls. */
  public BlockType {
    Objects.requireNonNull(raw, "raw");
  }

  /** The value for {@code raw}, documented or not (Jackson reads JSON strings with this too). */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static BlockType of(String raw) {
    return new BlockType(raw);
  }

  /** The value for a documented one; the constants are made with this. */
  public static BlockType of(Known known) {
    return new BlockType(known.raw());
  }

  @Override
  public Optional<Known> known() {
    return KNOWN.apply(raw);
  }

  @Override
  public String toString() {
    return raw;
  }
}
