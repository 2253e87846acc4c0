/**
 * {@link io.github.ssekit.client.openai.OpenAiClient}: Chat Completions and Responses streams from any
 * OpenAI-compatible server, over the ssekit Vert.x transport, with lenient typed chunks, the assembled result and
 * every tolerated deviation reported as a diagnostic.
 */
package io.github.ssekit.client.openai;
