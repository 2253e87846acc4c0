/**
 * JMH benchmarks of ssekit side by side with peer SSE parsers ({@link io.github.ssekit.benchmarks.ParseBenchmark},
 * {@link io.github.ssekit.benchmarks.LargeLineBenchmark}, {@link io.github.ssekit.benchmarks.PipelineBenchmark}),
 * and {@link io.github.ssekit.benchmarks.RunAll}, which runs everything and regenerates BENCHMARKS.md.
 */
package io.github.ssekit.benchmarks;
