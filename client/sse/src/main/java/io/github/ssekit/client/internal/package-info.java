/**
 * Implementation of the transport: the per-stream connection state machine ({@code SseStreamImpl}) and the small
 * units it drives (acceptance of a response, the redirect policy, flow control between the water marks, the idle
 * clock, capped bodies, reconnection backoff), the event-loop helper, the client's own Vert.x (daemon threads), and the
 * pull side shared with the protocol bindings: the Flow and blocking adapters over any {@code ReadStream}, and
 * derived value streams whose demand is their upstream's; and what the streaming bindings share: their driver
 * ({@code BindingStreamCall}), their client's lifecycle ({@code BindingClient}) and the steps of their typed HTTP
 * error ({@code HttpErrors}). Exported only to the protocol bindings ({@code io.github.ssekit.client.openai},
 * {@code io.github.ssekit.client.anthropic}, {@code io.github.ssekit.client.opencode}) and the relay
 * ({@code io.github.ssekit.relay}), which share its event-loop helper, header checks, redaction and capped bodies.
 */
package io.github.ssekit.client.internal;
