package io.github.ssekit.sse.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FanOutTest {

  /** Logs every callback with its name. */
  static ProtocolListener<String> logging(String name, List<String> log) {
    return new ProtocolListener<>() {
      @Override
      public void onValue(String value) {
        log.add(name + " value " + value);
      }

      @Override
      public void onDiagnostic(Diagnostic diagnostic) {
        log.add(name + " diagnostic " + diagnostic.code());
      }

      @Override
      public void onKeepAlive() {
        log.add(name + " keep-alive");
      }

      @Override
      public void onEnd() {
        log.add(name + " end");
      }

      @Override
      public void onError(SseException error) {
        log.add(name + " error " + error.getMessage());
      }

      @Override
      public void onIgnored(SseEvent event) {
        log.add(name + " ignored " + event.data());
      }
    };
  }

  @Test
  void everyCallbackReachesEachListenerInOrder() {
    List<String> log = new ArrayList<>();
    List<ProtocolListener<String>> listeners = new ArrayList<>(List.of(logging("a", log), logging("b", log)));
    ProtocolListener<String> all = ProtocolListener.fanOut(listeners);
    listeners.add(logging("late", log)); // the list is copied
    all.onDiagnostic(Diagnostic.of("d", "m", ""));
    all.onValue("v");
    all.onKeepAlive();
    all.onError(new SseException("e"));
    all.onIgnored(SseEvent.message("x"));
    all.onEnd();
    assertEquals(List.of("a diagnostic d", "b diagnostic d", "a value v", "b value v", "a keep-alive",
        "b keep-alive", "a error e", "b error e", "a ignored x", "b ignored x", "a end", "b end"), log);
  }

  @Test
  void noListenerDoesNothingAndOneIsItself() {
    ProtocolListener<String> one = logging("a", new ArrayList<>());
    assertSame(one, ProtocolListener.fanOut(List.of(one)));
    ProtocolListener<String> none = ProtocolListener.fanOut(List.of());
    none.onValue("v");
    none.onEnd();
    assertThrows(NullPointerException.class, () -> ProtocolListener.fanOut(Arrays.asList(one, null)));
  }
}
