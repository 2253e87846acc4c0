package io.github.ssekit.benchmarks.pipeline;

/**
 * What every pipeline must produce from the LLM stream: the assembled text, the finish reason and the total
 * token count of the usage chunk.
 *
 * @param content the message text
 * @param finishReason the finish reason
 * @param totalTokens the usage's total tokens
 */
public record Assembled(String content, String finishReason, long totalTokens) {}
