/**
 * Parsing and writing Server-Sent Event streams.
 *
 * <p>{@link io.github.ssekit.sse.SseParser} turns bytes into {@link io.github.ssekit.sse.SseEvent}s exactly as
 * the WHATWG HTML standard's "Parsing an event stream" and "Interpreting an event stream" say;
 * {@link io.github.ssekit.sse.SseEventRouter} delivers events to handlers by event name;
 * {@link io.github.ssekit.sse.SseEncoder} writes events as spec-correct text.
 */
package io.github.ssekit.sse;
