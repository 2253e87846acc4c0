package io.github.ssekit.anthropic;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ssekit.anthropic.internal.Json;
import io.github.ssekit.sse.testing.OpenEnumContract;
import io.github.ssekit.sse.testing.OpenEnumTable;
import java.util.List;

/** The module's open enums and the values Anthropic documents, checked by {@link OpenEnumTable}. */
class OpenEnumsTest extends OpenEnumTable {

  @Override
  protected List<OpenEnumContract.Case<?, ?>> openEnums() {
    return List.of(
        OpenEnumContract.of(StopReason.class, "end_turn", "max_tokens", "stop_sequence", "tool_use", "pause_turn",
            "refusal", "model_context_window_exceeded"),
        OpenEnumContract.of(BlockType.class, "text", "tool_use", "thinking", "redacted_thinking", "server_tool_use",
            "web_search_tool_result", "web_fetch_tool_result", "code_execution_tool_result",
            "bash_code_execution_tool_result", "text_editor_code_execution_tool_result", "mcp_tool_use",
            "mcp_tool_result", "container_upload"),
        OpenEnumContract.of(DeltaType.class, "text_delta", "input_json_delta", "thinking_delta", "signature_delta",
            "citations_delta"));
  }

  @Override
  protected List<OpenEnumContract.Json> mappers() {
    ObjectMapper plain = new ObjectMapper();
    return List.of(
        new OpenEnumContract.Json("the module's mapper", Json.MAPPER::writeValueAsString, Json.MAPPER::readValue),
        new OpenEnumContract.Json("an unconfigured mapper", plain::writeValueAsString, plain::readValue));
  }
}
