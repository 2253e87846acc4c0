/**
 * OpenAI-compatible streaming protocols: what the Chat Completions ({@link io.github.ssekit.openai.chat}) and
 * Responses ({@link io.github.ssekit.openai.responses}) packages share: the diagnostic codes
 * ({@link io.github.ssekit.openai.OpenAiDiagnostics}) and the errors a stream can report
 * ({@link io.github.ssekit.openai.ProviderStreamException}, {@link io.github.ssekit.openai.StrictModeException}).
 */
package io.github.ssekit.openai;
