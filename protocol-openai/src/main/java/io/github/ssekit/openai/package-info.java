/**
 * OpenAI-compatible streaming protocols (Chat Completions, Responses).
 */
package io.github.ssekit.openai;
