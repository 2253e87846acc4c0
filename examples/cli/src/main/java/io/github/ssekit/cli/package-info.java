/**
 * The {@code ssekit} command line: {@code demo}, {@code chat}, {@code opencode}, {@code events}, {@code web} (a chat
 * page relaying OpenCode over SSE, in {@code io.github.ssekit.relay}) and {@code sse-dump}.
 */
package io.github.ssekit.cli;
