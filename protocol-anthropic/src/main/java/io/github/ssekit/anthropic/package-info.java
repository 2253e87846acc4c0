/**
 * The Anthropic Messages stream: {@link io.github.ssekit.anthropic.MessagesStream} (bytes in, the assembled
 * {@link io.github.ssekit.anthropic.MessagesResult} out), {@link io.github.ssekit.anthropic.MessagesProtocol} (the
 * sse-core protocol: the eight named events), the typed {@link io.github.ssekit.anthropic.AnthropicEvent}s,
 * {@link io.github.ssekit.anthropic.MessagesAccumulator}, {@link io.github.ssekit.anthropic.MessagesRequest}, and the
 * diagnostic codes in {@link io.github.ssekit.anthropic.AnthropicDiagnostics}.
 */
package io.github.ssekit.anthropic;
