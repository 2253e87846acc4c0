package io.github.ssekit.openai.responses;

import io.github.ssekit.sse.protocol.ResponseMetadata;
import io.github.ssekit.sse.protocol.StreamResult;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What a Responses API stream amounted to: the output and usage; its diagnostics, errors (error events, a failed
 * response, strict mode's refusals) and response metadata are those of every protocol's result
 * ({@link StreamResult}).
 */
@Value.Immutable
public interface ResponsesResult extends StreamResult {

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

  // Immutables makes an inherited default method an attribute only when redeclared with @Value.Default: these three
  // have builder setters and keep StreamResult's defaults.
  @Override
  @Value.Default
  default long diagnosticOccurrencesNotKept() {
    return StreamResult.super.diagnosticOccurrencesNotKept();
  }

  @Override
  @Value.Default
  default long errorsNotKept() {
    return StreamResult.super.errorsNotKept();
  }

  @Override
  @Value.Default
  default ResponseMetadata responseMetadata() {
    return StreamResult.super.responseMetadata();
  }

  /** Whether the stream ended without a terminal event (completed, incomplete, failed) and without an error. */
  @Override
  boolean truncated();
}
