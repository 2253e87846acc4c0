/**
 * Implementation of the transport: the per-stream state machine on the event loop, reconnection backoff, and the
 * Flow and blocking adapters. Exported only to the protocol bindings ({@code io.github.ssekit.client.openai},
 * {@code io.github.ssekit.client.opencode}), which share its header checks, redaction and capped bodies.
 */
package io.github.ssekit.client.internal;
