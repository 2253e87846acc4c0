/** Turns the JSON results of a run into the Markdown tables of BENCHMARKS.md and the README. */
package io.github.ssekit.benchmarks.report;
