/**
 * Responses API streams ({@code POST /v1/responses}, {@code "stream": true}).
 *
 * <p>{@link io.github.ssekit.openai.responses.ResponsesProtocol} decodes named events into typed
 * {@link io.github.ssekit.openai.responses.ResponsesEvent}s (dispatching on the payload {@code type});
 * {@link io.github.ssekit.openai.responses.ResponsesAccumulator} assembles them into a
 * {@link io.github.ssekit.openai.responses.ResponsesResult}; {@link io.github.ssekit.openai.responses.ResponsesStream}
 * wires both to the SSE parser; {@link io.github.ssekit.openai.responses.ResponsesRequest} builds request bodies.
 */
@Value.Style(
    jdkOnly = true,
    visibility = Value.Style.ImplementationVisibility.PUBLIC,
    allowedClasspathAnnotations = {Override.class},
    optionalAcceptNullable = true,
    defaults = @Value.Immutable(copy = false))
package io.github.ssekit.openai.responses;

import org.immutables.value.Value;
