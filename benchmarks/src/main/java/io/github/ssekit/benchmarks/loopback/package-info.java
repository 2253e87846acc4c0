/**
 * Workload 6: ssekit's Vert.x client against a local Vert.x SSE server over 127.0.0.1, in two processes:
 * throughput, added latency and heap per idle stream at 1k and 10k concurrent streams.
 */
package io.github.ssekit.benchmarks.loopback;
