/**
 * Chat Completions streams ({@code POST /v1/chat/completions}, {@code "stream": true}).
 *
 * <p>{@link io.github.ssekit.openai.chat.ChatCompletionsProtocol} decodes events into lenient
 * {@link io.github.ssekit.openai.chat.ChatChunk}s; {@link io.github.ssekit.openai.chat.ChatAccumulator} assembles
 * them into a {@link io.github.ssekit.openai.chat.ChatResult}; {@link io.github.ssekit.openai.chat.ChatStream}
 * wires both to the SSE parser; {@link io.github.ssekit.openai.chat.ChatRequest} builds request bodies. Value
 * types are Immutables ({@code Immutable*} classes are generated beside them); enums are open (a known constant
 * plus the raw string).
 */
// The open enums: build-tools/openenum generates each record (and its Known enum) from this declaration, so each
// wire value is written here and nowhere else.
@GenerateOpenEnums(documentedBy = "OpenAI", sender = "a provider", value = {
    @OpenEnum(name = "Role", doc = "The role of a message author, as sent in {@code delta.role}.",
        values = {"developer", "system", "user", "assistant", "tool"}),
    @OpenEnum(name = "ToolType", doc = "The type of a tool call, as sent in {@code tool_calls[].type}.",
        values = {"function", "custom"}),
    @OpenEnum(name = "ServiceTier", doc = "The service tier that served a request, as sent in {@code service_tier}.",
        values = {"auto", "default", "flex", "scale", "priority", "fast"}),
    @OpenEnum(name = "FinishReason", doc = "Why a choice stopped, as sent in {@code choices[].finish_reason}.",
        values = {"stop", "length", "tool_calls", "content_filter", "function_call"})})
@Value.Style(
    jdkOnly = true,
    visibility = Value.Style.ImplementationVisibility.PUBLIC,
    allowedClasspathAnnotations = {Override.class},
    optionalAcceptNullable = true,
    defaults = @Value.Immutable(copy = false))
package io.github.ssekit.openai.chat;

import io.github.ssekit.sse.internal.openenum.GenerateOpenEnums;
import io.github.ssekit.sse.internal.openenum.OpenEnum;
import org.immutables.value.Value;
