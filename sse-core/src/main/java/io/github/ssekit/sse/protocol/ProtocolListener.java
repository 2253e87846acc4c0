package io.github.ssekit.sse.protocol;

import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseException;
import java.util.List;

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

  /**
   * A diagnostic; called before the outcome it belongs to. A {@link ProtocolDispatcher} calls it for every
   * occurrence; a stream driver that records them in a {@link Diagnostics} may call its listeners only at the first
   * occurrence of each code, as it documents.
   */
  default void onDiagnostic(Diagnostic diagnostic) {}

  /** A keep-alive. */
  default void onKeepAlive() {}

  /** The protocol's end-of-stream marker. */
  default void onEnd() {}

  /** An error reported by the stream or found in it. The stream itself may go on. */
  default void onError(SseException error) {}

  /** An event that produced nothing: ignored by the protocol, or of a type it does not consume. */
  default void onIgnored(SseEvent event) {}

  /**
   * One listener that hands every callback to each of {@code listeners}, in list order, and then returns; the
   * first one that throws stops the rest. The list is copied. No listener gives one that does nothing, and a
   * single listener is returned as it is.
   *
   * <p>It runs once per event on a stream's hot path, so it allocates nothing per call: no iterator, no lambda.
   *
   * @param listeners the listeners, in the order they are called
   * @param <T> the protocol's value type
   * @return the fan-out
   */
  static <T> ProtocolListener<T> fanOut(List<? extends ProtocolListener<T>> listeners) {
    return FanOut.of(listeners);
  }
}
