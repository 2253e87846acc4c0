/**
 * The Anthropic Messages stream: {@link io.github.ssekit.anthropic.MessagesStream} (bytes in, the assembled
 * {@link io.github.ssekit.anthropic.MessagesResult} out), {@link io.github.ssekit.anthropic.MessagesProtocol} (the
 * sse-core protocol: the eight named events), the typed {@link io.github.ssekit.anthropic.AnthropicEvent}s,
 * {@link io.github.ssekit.anthropic.MessagesAccumulator}, {@link io.github.ssekit.anthropic.MessagesRequest}, and the
 * diagnostic codes in {@link io.github.ssekit.anthropic.AnthropicDiagnostics}. String enumerations are open (a known
 * constant or any raw string).
 */
// The open enums: build-tools/openenum generates each record (and its Known enum) from this declaration, so each
// wire value is written here and nowhere else.
@GenerateOpenEnums(documentedBy = "Anthropic", sender = "a server", value = {
    @OpenEnum(name = "BlockType",
        doc = "The type of a content block, as sent in {@code content_block_start}'s {@code content_block.type}.",
        documentedFor = "for streamed assistant content (server tool blocks included)",
        values = {"text", "tool_use", "thinking", "redacted_thinking", "server_tool_use", "web_search_tool_result",
            "web_fetch_tool_result", "code_execution_tool_result", "bash_code_execution_tool_result",
            "text_editor_code_execution_tool_result", "mcp_tool_use", "mcp_tool_result", "container_upload"}),
    @OpenEnum(name = "StopReason",
        doc = "Why the message stopped, as sent in {@code message_delta}'s {@code delta.stop_reason} (or the"
            + " {@code message_start} snapshot).",
        values = {"end_turn", "max_tokens", "stop_sequence", "tool_use", "pause_turn", "refusal",
            "model_context_window_exceeded"}),
    @OpenEnum(name = "DeltaType", doc = "The type of a {@code content_block_delta}'s {@code delta}.",
        values = {"text_delta", "input_json_delta", "thinking_delta", "signature_delta", "citations_delta"})})
package io.github.ssekit.anthropic;

import io.github.ssekit.sse.internal.openenum.GenerateOpenEnums;
import io.github.ssekit.sse.internal.openenum.OpenEnum;
