package io.github.ssekit.client;

import static io.github.ssekit.client.testing.ScriptedServer.eventStream;
import static io.github.ssekit.client.testing.Sink.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.ssekit.client.anthropic.AnthropicClientOptions;
import io.github.ssekit.client.openai.OpenAiClientOptions;
import io.github.ssekit.client.openai.OpenAiRequestOptions;
import io.github.ssekit.client.opencode.OpenCodeClient;
import io.github.ssekit.client.opencode.OpenCodeClientOptions;
import io.github.ssekit.client.opencode.testing.OpenCodeFakeServer;
import io.github.ssekit.client.testing.ScriptedServer;
import io.github.ssekit.client.testing.Sink;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No header can be injected: CR, LF and the other control characters are rejected wherever a caller passes a header
 * name or value, an API key or a last event ID; and what a server sends (an {@code id}, a {@code Location}) or a
 * caller passes to be encoded (an OpenCode directory or user name) never becomes a header of its own.
 */
class HeaderInjectionTest {

  private static final List<String> BAD_VALUES = List.of("a\r\nX-Injected: 1", "a\nX-Injected: 1",
      "a\rX-Injected: 1", "a\0b", "a\u0001b", "a\u000bb", "a\u001fb", "a\u007fb");
  private static final List<String> BAD_NAMES = List.of("X-A\r\nX-Injected", "X\nA", "X:A", "X A", "X\tA", "",
      "X\u0001A", "X\u00e9");

  /** Every place a caller hands over a header value, API key or last event ID. */
  static Stream<Object[]> valueSinks() {
    List<Object[]> rows = new ArrayList<>();
    for (String value : BAD_VALUES) {
      String shown = value.replace("\r", "\\r").replace("\n", "\\n").replaceAll("\\p{Cntrl}", "^");
      rows.add(row("SseRequest header value " + shown, () -> SseRequest.get("http://h/").header("X-Custom", value)));
      rows.add(row("SseRequest last event ID " + shown, () -> SseRequest.get("http://h/").lastEventId(value)));
      rows.add(row("OpenAiClientOptions header " + shown, () -> new OpenAiClientOptions().putHeader("X-C", value)));
      rows.add(row("OpenAiRequestOptions header " + shown, () -> new OpenAiRequestOptions().putHeader("X-C", value)));
      rows.add(row("API key " + shown, () -> new OpenAiClientOptions().setApiKey("sk-" + value)));
      rows.add(row("AnthropicClientOptions header " + shown,
          () -> new AnthropicClientOptions().putHeader("X-C", value)));
      rows.add(row("Anthropic API key " + shown, () -> new AnthropicClientOptions().setApiKey("sk-ant-" + value)));
      rows.add(row("anthropic-version " + shown, () -> new AnthropicClientOptions().setAnthropicVersion("2023" + value)));
    }
    for (String name : BAD_NAMES) {
      String shown = name.replace("\r", "\\r").replace("\n", "\\n").replaceAll("\\p{Cntrl}", "^");
      rows.add(row("SseRequest header name '" + shown + "'", () -> SseRequest.get("http://h/").header(name, "v")));
      rows.add(row("OpenAiClientOptions header name '" + shown + "'",
          () -> new OpenAiClientOptions().putHeader(name, "v")));
      rows.add(row("AnthropicClientOptions header name '" + shown + "'",
          () -> new AnthropicClientOptions().putHeader(name, "v")));
    }
    return rows.stream();
  }

  private static Object[] row(String name, Runnable call) {
    return new Object[] {name, call};
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valueSinks")
  void isRejected(String where, Runnable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertFalse(e.getMessage().contains("X-Injected: 1"), "the value is not echoed: " + e.getMessage());
  }

  @Test
  void tabsAndNonAsciiTextAreFineInValues() {
    SseRequest request = SseRequest.get("http://h/").header("X-Title", "caf\u00e9\tbar").lastEventId("\u4e16 1")
        .build();
    assertEquals("caf\u00e9\tbar", request.headers().get("X-Title"));
  }

  /** What servers send, and what callers hand over to be encoded, over loopback. */
  @Nested
  class EndToEnd extends LoopbackTest {
    @Test
    void aServerIdNeverInjectsAHeaderIntoTheReconnection() throws Exception {
      AtomicInteger count = new AtomicInteger();
      server.on("/ids", req -> {
        if (count.getAndIncrement() == 0) {
          // a CR ends the id line: what follows is a line of its own (an unknown field), never part of the id
          eventStream(req).end("id: 1\rX-Injected: evil\ndata: a\n\n");
        } else {
          req.response().setStatusCode(204).end();
        }
      });
      Sink sink = Sink.attach(await(client().connect(SseRequest.get(server.url("/ids")).build())));
      sink.awaitEnd();
      assertEquals(List.of("a"), sink.data());
      ScriptedServer.Seen reconnection = server.seen("/ids").get(1);
      assertEquals("1", reconnection.headers().get("Last-Event-ID"));
      assertNull(reconnection.headers().get("X-Injected"));
    }

    @Test
    void anEncodedLineBreakInALocationStaysInThePath() throws Exception {
      server.on("/from", req -> req.response().setStatusCode(302)
          .putHeader("Location", "/to%0D%0AX-Injected:%20evil").end());
      server.on("/to%0D%0AX-Injected:%20evil", req -> eventStream(req).end("data: arrived\n\n"));
      Sink sink = Sink.attach(await(client().connect(SseRequest.get(server.url("/from")).reconnect(false).build())));
      sink.awaitEnd();
      assertEquals(List.of("arrived"), sink.data());
      for (ScriptedServer.Seen seen : server.seen()) {
        assertNull(seen.headers().get("X-Injected"), seen.toString());
      }
    }

    @Test
    void anOpenCodeDirectoryOrUserNameWithLineBreaksIsEncodedNotInjected() throws Exception {
      try (OpenCodeFakeServer openCode = OpenCodeFakeServer.start(vertx)) {
        openCode.json(HttpMethod.GET, "/session", 200, "[]");
        OpenCodeClient client = OpenCodeClient.create(vertx, new OpenCodeClientOptions(openCode.url())
            .setDirectory("/tmp/p\r\nX-Injected: evil").setUsername("me\r\nX-Injected: evil").setPassword("pw")
            .setRequestTimeout(Duration.ofSeconds(5)));
        try {
          assertEquals(List.of(), await(client.listSessions()));
          OpenCodeFakeServer.Seen seen = openCode.seen().get(0);
          assertNull(seen.headers().get("X-Injected"));
          assertEquals("%2Ftmp%2Fp%0D%0AX-Injected%3A%20evil", seen.headers().get("x-opencode-directory"));
          assertEquals("directory=%2Ftmp%2Fp%0D%0AX-Injected%3A%20evil", seen.query());
        } finally {
          await(client.closeAsync());
        }
      }
    }
  }
}
