package io.github.ssekit.openai.chat;

import io.github.ssekit.sse.protocol.ResponseMetadata;
import io.github.ssekit.sse.protocol.StreamResult;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What a Chat Completions stream amounted to: the messages and usage; its diagnostics, errors and response metadata
 * are those of every protocol's result ({@link StreamResult}).
 */
@Value.Immutable
public interface ChatResult extends StreamResult {

  /** One message per choice index, in index order (one entry unless {@code n > 1}). */
  List<ChatMessage> choices();

  /** The last non-null usage snapshot (from a chunk or a choice). */
  Optional<Usage> usage();

  /** The first non-blank completion id. */
  Optional<String> id();

  /** The first non-blank model name. */
  Optional<String> model();

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

  /** Whether {@code data: [DONE]} arrived. */
  boolean doneReceived();

  /**
   * Whether the stream was cut off: it ended without an error while a choice (or the stream, having no choice)
   * had no finish reason. The partial message is kept.
   */
  @Override
  boolean truncated();

  /** The message of choice 0 (or of the lowest index present). */
  @Value.Derived
  default Optional<ChatMessage> message() {
    return choices().isEmpty() ? Optional.empty() : Optional.of(choices().get(0));
  }
}
