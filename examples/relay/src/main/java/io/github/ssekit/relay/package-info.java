/**
 * The relay behind {@code ssekit web}: a Vert.x HTTP server on loopback that serves one static chat page and relays
 * OpenCode sessions to browsers over SSE (written with {@link io.github.ssekit.sse.SseEncoder}), with one shared
 * upstream event stream per OpenCode directory and a bounded per-session replay buffer for {@code Last-Event-ID}
 * resumption. Not an API: the command line is the interface.
 */
package io.github.ssekit.relay;
