/**
 * {@link io.github.ssekit.client.anthropic.AnthropicClient}: Messages streams from Anthropic and any
 * Anthropic-compatible server, over the ssekit Vert.x transport, with lenient typed events, the assembled message and
 * every tolerated deviation reported as a diagnostic.
 */
package io.github.ssekit.client.anthropic;
