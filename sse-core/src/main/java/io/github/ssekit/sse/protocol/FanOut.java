package io.github.ssekit.sse.protocol;

import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseException;
import java.util.List;
import java.util.Objects;

/** {@link ProtocolListener#fanOut}: indexed loops over an array, so a callback allocates nothing. */
final class FanOut<T> implements ProtocolListener<T> {
  private static final ProtocolListener<Object> NONE = value -> { };

  private final ProtocolListener<T>[] listeners;

  private FanOut(ProtocolListener<T>[] listeners) {
    this.listeners = listeners;
  }

  @SuppressWarnings("unchecked")
  static <T> ProtocolListener<T> of(List<? extends ProtocolListener<T>> listeners) {
    ProtocolListener<T>[] copy = listeners.toArray(new ProtocolListener[0]);
    for (ProtocolListener<T> listener : copy) {
      Objects.requireNonNull(listener, "listener");
    }
    switch (copy.length) {
      case 0:
        return (ProtocolListener<T>) NONE;
      case 1:
        return copy[0];
      default:
        return new FanOut<>(copy);
    }
  }

  @Override
  public void onValue(T value) {
    for (int i = 0; i < listeners.length; i++) {
      listeners[i].onValue(value);
    }
  }

  @Override
  public void onDiagnostic(Diagnostic diagnostic) {
    for (int i = 0; i < listeners.length; i++) {
      listeners[i].onDiagnostic(diagnostic);
    }
  }

  @Override
  public void onKeepAlive() {
    for (int i = 0; i < listeners.length; i++) {
      listeners[i].onKeepAlive();
    }
  }

  @Override
  public void onEnd() {
    for (int i = 0; i < listeners.length; i++) {
      listeners[i].onEnd();
    }
  }

  @Override
  public void onError(SseException error) {
    for (int i = 0; i < listeners.length; i++) {
      listeners[i].onError(error);
    }
  }

  @Override
  public void onIgnored(SseEvent event) {
    for (int i = 0; i < listeners.length; i++) {
      listeners[i].onIgnored(event);
    }
  }
}
