package io.github.ssekit.sse.protocol;

import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseException;

/**
 * Receives the outcomes that a {@link ProtocolDispatcher} produces, in stream order. Only {@link #onValue} is
 * required.
 *
 * @param <T> the protocol's value type
 */
@FunctionalInterface
public interface ProtocolListener<T> {

  /** A decoded value. */
  void onValue(T value);

  /** A diagnostic; called before the outcome it belongs to. */
  default void onDiagnostic(Diagnostic diagnostic) {}

  /** A keep-alive. */
  default void onKeepAlive() {}

  /** The protocol's end-of-stream marker. */
  default void onEnd() {}

  /** An error reported by the stream or found in it. The stream itself may go on. */
  default void onError(SseException error) {}

  /** An event that produced nothing: ignored by the protocol, or of a type it does not consume. */
  default void onIgnored(SseEvent event) {}
}
