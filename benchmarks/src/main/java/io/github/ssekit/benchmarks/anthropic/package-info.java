/**
 * Workload 5b: Anthropic Messages streams from bytes to the assembled message, ssekit's protocol-anthropic beside
 * the official anthropic-java SDK, and the equivalence of what the two assemble.
 */
package io.github.ssekit.benchmarks.anthropic;
