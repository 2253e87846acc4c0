package io.github.ssekit.openai.responses;

import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.protocol.DiagnosticSummary;
import io.github.ssekit.sse.protocol.ResponseMetadata;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** What a Responses API stream amounted to. */
@Value.Immutable
public interface ResponsesResult {

  /** The first response id seen. */
  Optional<String> responseId();

  /** The first model name seen. */
  Optional<String> model();

  /** The last status ({@code completed}, {@code incomplete}, {@code failed}, ...). */
  Optional<String> status();

  /** The output text of every message item, in output order. */
  String text();

  /** The refusal text, if the model refused. */
  String refusal();

  /** The reasoning summary parts (joined by a blank line), then any raw reasoning text. */
  String reasoning();

  /** The function calls, in output order. */
  List<FunctionCall> functionCalls();

  /** The usage of the final response snapshot. */
  Optional<ResponseUsage> usage();

  /** {@code incomplete_details.reason} of an incomplete response (such as {@code max_output_tokens}). */
  Optional<String> incompleteReason();

  /** The error of a failed response, as the final snapshot gives it. */
  Optional<ResponseError> responseError();

  /**
   * The stream's diagnostics (the decoder's, the dispatcher's and the accumulator's), one per code, in the order each
   * code first occurred: its first occurrence (message, raw excerpt) and how many times it occurred. A deviation
   * repeated in every event is one entry with its count.
   */
  List<DiagnosticSummary> diagnostics();

  /**
   * The diagnostics one by one, in stream order, up to the stream's
   * {@link io.github.ssekit.sse.protocol.DiagnosticLimits} (by default 10 per code and 100 in all):
   * {@link #diagnosticOccurrencesNotKept()} counts the occurrences left out, whose counts are still in
   * {@link #diagnostics()}.
   */
  List<Diagnostic> diagnosticOccurrences();

  /** How many occurrences {@link #diagnosticOccurrences()} leaves out because of the limits; 0 if it holds all. */
  @Value.Default
  default long diagnosticOccurrencesNotKept() {
    return 0;
  }

  /**
   * The errors of the stream, in order: error events, a failed response, strict-mode errors,
   * up to the stream's {@link io.github.ssekit.sse.protocol.DiagnosticLimits#maxOccurrences()} (100 by default, at
   * least one): in strict mode each diagnostic occurrence is an error, and a deviation repeated in every event must
   * not make the result hold one exception per event. {@link #errorsNotKept()} counts those left out. The failure
   * that cut the stream, if any, is always kept, last.
   */
  List<SseException> errors();

  /** How many errors {@link #errors()} leaves out because of the limit; 0 if it holds all. */
  @Value.Default
  default long errorsNotKept() {
    return 0;
  }

  /** Whether the stream ended without a terminal event (completed, incomplete, failed) and without an error. */
  boolean truncated();

  /**
   * The status and headers of the HTTP response the stream came on (the request id, rate-limit headers) and the
   * retries it took, when a client streamed it; {@link ResponseMetadata#NONE} for a stream fed from memory.
   */
  @Value.Default
  default ResponseMetadata responseMetadata() {
    return ResponseMetadata.NONE;
  }

  /** The first error, if any. */
  @Value.Derived
  default Optional<SseException> error() {
    return errors().isEmpty() ? Optional.empty() : Optional.of(errors().get(0));
  }

  /** The codes of {@link #diagnostics()}: each code once, in the order it first occurred, for quick checks. */
  @Value.Derived
  default List<String> diagnosticCodes() {
    return diagnostics().stream().map(DiagnosticSummary::code).toList();
  }
}
