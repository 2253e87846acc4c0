/**
 * The OpenCode server ({@code opencode serve}) as a protocol: what its event stream says and what its HTTP API
 * expects and answers, with no transport.
 *
 * <ul>
 *   <li>{@link io.github.ssekit.opencode.OpenCodeProtocol}: sse-core's protocol SPI for {@code /event} and
 *       {@code /global/event}; events are in {@link io.github.ssekit.opencode.event}.
 *   <li>{@link io.github.ssekit.opencode.Turn}: one prompt and its reply as a state machine
 *       ({@link io.github.ssekit.opencode.TurnState}), fed events and answers, asking its driver for the I/O
 *       ({@link io.github.ssekit.opencode.TurnCommand}): when to prompt, when an abort applies, what to re-read
 *       after a reconnection, what it waits for ({@link io.github.ssekit.opencode.PendingRequest}).
 *   <li>{@link io.github.ssekit.opencode.ReplyAccumulator}: builds the assistant's {@link
 *       io.github.ssekit.opencode.Reply} from one session's events, streaming each text delta, and re-syncs it from
 *       the stored messages.
 *   <li>{@link io.github.ssekit.opencode.OpenCodeJson}: writes the request bodies of
 *       {@link io.github.ssekit.opencode.request} and reads the answers of {@link io.github.ssekit.opencode.model};
 *       {@link io.github.ssekit.opencode.OpenCodeRoutes} has the paths.
 *   <li>{@link io.github.ssekit.opencode.ModelRef}: a model, always sent nested as {@code {"providerID","modelID"}}.
 *   <li>{@link io.github.ssekit.opencode.OpenCodeDiagnostics}: the diagnostic codes.
 * </ul>
 */
package io.github.ssekit.opencode;
