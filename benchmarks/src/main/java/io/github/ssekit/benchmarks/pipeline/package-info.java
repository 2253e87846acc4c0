/** Whole Chat Completions pipelines: bytes to typed chunks to one assembled message, per library. */
package io.github.ssekit.benchmarks.pipeline;
