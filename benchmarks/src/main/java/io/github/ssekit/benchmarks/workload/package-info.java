/** The benchmark inputs: deterministic SSE streams, their chunking, and the events they must yield. */
package io.github.ssekit.benchmarks.workload;
