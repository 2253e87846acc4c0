/**
 * The {@code ssekit} command line: {@code sse-dump} shows what a stream really carries; later {@code demo},
 * {@code chat}, {@code opencode} and {@code events}.
 */
package io.github.ssekit.examples.cli;
