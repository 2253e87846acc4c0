package io.github.ssekit.anthropic;

import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.protocol.DiagnosticSummary;
import io.github.ssekit.sse.protocol.ResponseMetadata;
import io.github.ssekit.sse.protocol.StreamResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a Messages stream produced: the message; its diagnostics, errors and response metadata are those of every
 * protocol's result ({@link StreamResult}).
 *
 * @param message the assembled message; empty when nothing of a message arrived
 * @param errors the errors, in order: the server's ({@link AnthropicStreamException}), strict mode's refusals, up to
 *     the stream's {@link io.github.ssekit.sse.protocol.DiagnosticLimits#maxOccurrences()}; a transport failure
 *     that cut the stream is always kept, last
 * @param errorsNotKept how many errors {@code errors} does not hold because of that limit
 * @param diagnostics one summary per diagnostic code (its first occurrence and count), in the order codes first
 *     occurred
 * @param diagnosticOccurrences the occurrences one by one, up to the accumulator's limits
 * @param diagnosticOccurrencesNotKept how many occurrences {@code diagnosticOccurrences} does not hold
 * @param stopReceived whether {@code message_stop} arrived
 * @param truncated whether the message is incomplete: no {@code message_stop} arrived (whatever the reason: an
 *     error, a cut connection, a server that closed early; {@link #error()} says which, if it was an error)
 * @param responseMetadata the HTTP response's status, headers (credentials redacted), request id and the retries it
 *     took, when a client streamed it; {@link ResponseMetadata#NONE} for a stream fed from memory
 */
public record MessagesResult(Optional<AnthropicMessage> message, List<SseException> errors, long errorsNotKept,
    List<DiagnosticSummary> diagnostics, List<Diagnostic> diagnosticOccurrences, long diagnosticOccurrencesNotKept,
    boolean stopReceived, boolean truncated, ResponseMetadata responseMetadata) implements StreamResult {

  /** Rejects nulls; copies the lists. */
  public MessagesResult {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(responseMetadata, "responseMetadata");
    errors = List.copyOf(errors);
    diagnostics = List.copyOf(diagnostics);
    diagnosticOccurrences = List.copyOf(diagnosticOccurrences);
  }

  /** A result of a stream fed from memory: no response metadata ({@link ResponseMetadata#NONE}). */
  public MessagesResult(Optional<AnthropicMessage> message, List<SseException> errors, long errorsNotKept,
      List<DiagnosticSummary> diagnostics, List<Diagnostic> diagnosticOccurrences, long diagnosticOccurrencesNotKept,
      boolean stopReceived, boolean truncated) {
    this(message, errors, errorsNotKept, diagnostics, diagnosticOccurrences, diagnosticOccurrencesNotKept,
        stopReceived, truncated, ResponseMetadata.NONE);
  }

  /** This result with the HTTP response's metadata (a client attaches it when the stream ends). */
  public MessagesResult withResponseMetadata(ResponseMetadata metadata) {
    return new MessagesResult(message, errors, errorsNotKept, diagnostics, diagnosticOccurrences,
        diagnosticOccurrencesNotKept, stopReceived, truncated, metadata);
  }

  /** The text of the message's text blocks ({@code ""} without a message). */
  public String text() {
    return message.map(AnthropicMessage::text).orElse("");
  }
}
