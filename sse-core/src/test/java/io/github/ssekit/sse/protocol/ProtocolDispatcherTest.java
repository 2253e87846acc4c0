package io.github.ssekit.sse.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.SseParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtocolDispatcherTest {

  /** A toy protocol: consumes "message" and "error"; "[DONE]" ends, "ping" keeps alive, "boom" is a decoder bug. */
  static final class ToyProtocol implements SseProtocol<String> {
    @Override
    public boolean consumes(String eventType) {
      return eventType.equals("message") || eventType.equals("error");
    }

    @Override
    public DecodeOutcome<String> decode(SseEvent event) {
      if (event.type().equals("error")) {
        return DecodeOutcome.error(new SseException(event.data()), List.of());
      }
      switch (event.data()) {
        case "[DONE]":
          return DecodeOutcome.end(List.of());
        case "ping":
          return DecodeOutcome.keepAlive(List.of(Diagnostic.of("toy.ping", "a ping payload", event.data())));
        case "":
          return DecodeOutcome.ignored(List.of(Diagnostic.of("toy.empty", "empty", "")));
        case "boom":
          throw new IllegalStateException("bug");
        default:
          return DecodeOutcome.value(event.data().toUpperCase(java.util.Locale.ROOT));
      }
    }
  }

  @Test
  void onlyConsumedNamesReachTheDecoderAndOthersAreObservable() {
    List<String> log = new ArrayList<>();
    ProtocolListener<String> listener = new ProtocolListener<>() {
      @Override
      public void onValue(String value) {
        log.add("value " + value);
      }

      @Override
      public void onDiagnostic(Diagnostic d) {
        log.add("diagnostic " + d.code());
      }

      @Override
      public void onKeepAlive() {
        log.add("keep-alive");
      }

      @Override
      public void onEnd() {
        log.add("end");
      }

      @Override
      public void onError(SseException error) {
        log.add("error " + error.getMessage());
      }

      @Override
      public void onIgnored(SseEvent event) {
        log.add("ignored " + event.type());
      }
    };
    ProtocolDispatcher<String> dispatcher = new ProtocolDispatcher<>(new ToyProtocol(), listener)
        .on("hermes.tool.progress", e -> log.add("progress " + e.data()));
    SseParser parser = SseParser.create(dispatcher);
    parser.feed(("data: hi\n\nevent: hermes.tool.progress\ndata: 50%\n\nevent: other\ndata: x\n\n"
        + "data: ping\n\ndata\n\ndata: boom\n\nevent: error\ndata: overloaded\n\ndata: after\n\ndata: [DONE]\n\n")
        .getBytes(UTF_8));
    parser.end();
    assertEquals(List.of(
        "value HI",
        "progress 50%",
        "diagnostic sse.ignored-event", "ignored other",
        "diagnostic toy.ping", "keep-alive",
        "diagnostic toy.empty", "ignored message",
        "diagnostic sse.decoder-failure", "error the ToyProtocol decoder failed: java.lang.IllegalStateException: bug",
        "error overloaded",
        "value AFTER",
        "end"), log);
  }

  @Test
  void parserErrorsReachTheListener() {
    List<SseException> errors = new ArrayList<>();
    List<String> values = new ArrayList<>();
    ProtocolDispatcher<String> dispatcher = new ProtocolDispatcher<>(new ToyProtocol(), new ProtocolListener<>() {
      @Override
      public void onValue(String value) {
        values.add(value);
      }

      @Override
      public void onError(SseException error) {
        errors.add(error);
      }
    });
    SseParser parser = SseParser.builder().handler(dispatcher).maxEventBytes(8).build();
    parser.feed("data: far too long for eight\n\ndata: ok\n\n".getBytes(UTF_8));
    assertEquals(List.of("OK"), values);
    assertEquals(1, errors.size());
    assertEquals(io.github.ssekit.sse.SseEventTooLargeException.class, errors.get(0).getClass());
  }

  @Test
  void diagnosticExcerptsAreBounded() {
    Diagnostic d = Diagnostic.of("c", "m", "x".repeat(10_000));
    assertEquals(Diagnostic.MAX_EXCERPT + 3, d.excerpt().length());
    assertEquals("", Diagnostic.of("c", "m", null).excerpt());
  }
}
