/** The chat relay's fan-out: one upstream to many SSE clients, on one node in memory and over Redis Streams. */
package io.github.ssekit.benchmarks.fanout;
