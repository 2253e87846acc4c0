package io.github.ssekit.openai.internal;

import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.SseParser;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.protocol.ProtocolDispatcher;
import io.github.ssekit.sse.protocol.ProtocolListener;
import io.github.ssekit.sse.protocol.SseProtocol;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Wires bytes to a protocol and its listeners: parser, then dispatcher, then each listener in order. */
public final class Pipeline {
  private Pipeline() {}

  /**
   * A parser whose events go through a {@link ProtocolDispatcher} for {@code protocol} to every listener, with
   * {@code named} event listeners registered by name. Parser errors (an event over {@code maxEventSize} bytes)
   * reach the listeners' {@code onError}.
   */
  public static <T> SseParser parser(SseProtocol<T> protocol, List<ProtocolListener<T>> listeners,
      Map<String, Consumer<SseEvent>> named, int maxEventSize) {
    ProtocolListener<T> all = fanOut(listeners);
    ProtocolDispatcher<T> dispatcher = new ProtocolDispatcher<>(protocol, all);
    named.forEach(dispatcher::on);
    return SseParser.builder().maxEventSize(maxEventSize).handler(dispatcher).build(); // it forwards parser errors
  }

  /** One listener that hands everything to each of {@code listeners}, in order. */
  public static <T> ProtocolListener<T> fanOut(List<ProtocolListener<T>> listeners) {
    List<ProtocolListener<T>> copy = List.copyOf(listeners);
    return new ProtocolListener<>() {
      @Override
      public void onValue(T value) {
        for (int i = 0; i < copy.size(); i++) { // once per value: no capturing lambda
          copy.get(i).onValue(value);
        }
      }

      @Override
      public void onDiagnostic(Diagnostic diagnostic) {
        copy.forEach(l -> l.onDiagnostic(diagnostic));
      }

      @Override
      public void onKeepAlive() {
        copy.forEach(ProtocolListener::onKeepAlive);
      }

      @Override
      public void onEnd() {
        copy.forEach(ProtocolListener::onEnd);
      }

      @Override
      public void onError(SseException error) {
        copy.forEach(l -> l.onError(error));
      }

      @Override
      public void onIgnored(SseEvent event) {
        copy.forEach(l -> l.onIgnored(event));
      }
    };
  }
}
