/**
 * The Vert.x 5 streaming client: {@link io.github.ssekit.client.SseClient} opens Server-Sent Event streams from
 * any endpoint and delivers parsed events as an {@link io.github.ssekit.client.SseStream} (a Vert.x
 * {@code ReadStream} with backpressure down to TCP, a {@code Flow.Publisher}, or a blocking iterator), with idle
 * timeouts, redirects and reconnection with {@code Last-Event-ID}. Errors are typed, all
 * {@link io.github.ssekit.sse.SseException}s.
 */
package io.github.ssekit.client;
