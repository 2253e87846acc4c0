/**
 * One adapter per SSE parser (ssekit and its peers), each driven by the same in-memory chunks and reporting the
 * same (type, data, id) triples, so that benchmarks compare like with like and tests can prove it.
 */
package io.github.ssekit.benchmarks.peers;
