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
@Value.Style(
    jdkOnly = true,
    visibility = Value.Style.ImplementationVisibility.PUBLIC,
    allowedClasspathAnnotations = {Override.class},
    optionalAcceptNullable = true,
    defaults = @Value.Immutable(copy = false))
package io.github.ssekit.openai.chat;

import org.immutables.value.Value;
