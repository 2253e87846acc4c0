/**
 * The protocol SPI: how a protocol module (OpenAI Chat Completions, OpenAI Responses, OpenCode) says which SSE
 * events it consumes and turns each into a typed outcome, with diagnostics for every deviation it tolerates.
 *
 * <p>{@link io.github.ssekit.sse.protocol.SseProtocol} is what a protocol implements;
 * {@link io.github.ssekit.sse.protocol.ProtocolDispatcher} is the one place that routes events to it (events
 * of other names never reach the decoder, yet can be listened to by name). No JSON here: that belongs to the
 * protocol modules.
 *
 * <p>What every protocol's stream shares is here too, so each protocol module need not write it again:
 * {@link io.github.ssekit.sse.protocol.ProtocolListener#fanOut} hands outcomes to several listeners in order;
 * {@link io.github.ssekit.sse.protocol.StreamAccumulator} is the contract of the part that assembles a stream's
 * result (including the partial result of a stream a transport failure cut); {@link
 * io.github.ssekit.sse.protocol.StrictMode} is the one strict-mode rule (an outcome with diagnostics becomes an
 * error for the first of them, a protocol's {@link io.github.ssekit.sse.protocol.StrictMode.Refusal}); {@link
 * io.github.ssekit.sse.protocol.ProtocolConversation} is the one generic stream driver (events or bytes in, the
 * accumulator's result out, listeners, strict mode), of which each protocol module's stream object is a facade;
 * {@link io.github.ssekit.sse.protocol.ProtocolStream} is that facade and its builder, written once (a protocol
 * module's {@code ChatStream} or {@code MessagesStream} adds only its protocol, refusal, accumulator and own
 * options), and {@link io.github.ssekit.sse.protocol.AbstractStreamAccumulator} the part of an accumulator that is
 * the same for every protocol (the records, the found-diagnostic observer, one result);
 * {@link io.github.ssekit.sse.protocol.StreamResult} is what every protocol's result has in common (diagnostics,
 * errors, whether it was cut off, the response metadata), so code that handles any result is written once;
 * {@link io.github.ssekit.sse.protocol.Diagnostics} is the one per-stream record of
 * diagnostics: a code repeated in every event is reported once with its count ({@link
 * io.github.ssekit.sse.protocol.DiagnosticSummary}), and the occurrences are kept one by one only up to {@link
 * io.github.ssekit.sse.protocol.DiagnosticLimits}, so a stream's memory is bounded whatever a provider sends.
 *
 * <p>{@link io.github.ssekit.sse.protocol.OpenEnum} and {@link io.github.ssekit.sse.protocol.KnownValue} are the
 * one open-enum mechanism every protocol module uses for string fields with documented values (a finish reason, a
 * role): any string is kept, and whether it is documented is a lookup built from the enum that lists them.
 */
package io.github.ssekit.sse.protocol;
