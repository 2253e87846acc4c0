package io.github.ssekit.client;

import static io.github.ssekit.client.testing.ScriptedServer.eventStream;
import static io.github.ssekit.client.testing.Sink.await;
import static io.github.ssekit.client.testing.Sink.awaitFailure;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.client.testing.ScriptedServer;
import io.github.ssekit.client.testing.Sink;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseEventTooLargeException;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamingTest extends LoopbackTest {

  /** CRLF and bare CR line ends, a 2-byte and a 4-byte UTF-8 character, a named event. */
  private static final byte[] STREAM =
      "id: 1\r\ndata: h\u00e9llo \ud83d\ude00\r\n\r\nevent: x\rdata: \u4e16\u754c\n\n".getBytes(UTF_8);
  private static final List<SseEvent> EXPECTED = List.of(
      new SseEvent("message", "h\u00e9llo \ud83d\ude00", "1"),
      new SseEvent("x", "\u4e16\u754c", "1"));

  @Test
  void everyChunkBoundaryIncludingInsideUtf8GivesTheSameEvents() throws Exception {
    server.on("/split", req -> {
      int at = Integer.parseInt(req.getParam("at"));
      ScriptedServer.writeApart(vertx, eventStream(req), List.of(
          Buffer.buffer(Arrays.copyOfRange(STREAM, 0, at)),
          Buffer.buffer(Arrays.copyOfRange(STREAM, at, STREAM.length))), 3);
    });
    SseClient client = client();
    for (int at = 1; at < STREAM.length; at++) {
      SseStream stream = await(client.connect(SseRequest.get(server.url("/split?at=" + at)).reconnect(false).build()));
      Sink sink = Sink.attach(stream);
      sink.awaitEnd();
      assertEquals(EXPECTED, sink.events(), "split at byte " + at);
    }
  }

  @Test
  void aStreamSentOneByteAtATimeGivesTheSameEvents() throws Exception {
    server.on("/bytes", req -> {
      List<Buffer> parts = new ArrayList<>();
      for (byte b : STREAM) {
        parts.add(Buffer.buffer(new byte[] {b}));
      }
      ScriptedServer.writeApart(vertx, eventStream(req), parts, 1);
    });
    Sink sink = Sink.attach(await(client().connect(SseRequest.get(server.url("/bytes")).reconnect(false).build())));
    sink.awaitEnd();
    assertEquals(EXPECTED, sink.events());
  }

  @Test
  void postSendsBodyHeadersAndAcceptAndDoesNotReconnect() throws Exception {
    server.on("/chat", req -> eventStream(req).end("data: ok\n\n"));
    SseRequest request = SseRequest.post(server.url("/chat"))
        .header("Authorization", "Bearer secret-key")
        .header("Content-Type", "application/json")
        .body("{\"model\":\"m\",\"stream\":true}")
        .build();
    Sink sink = Sink.attach(await(client().connect(request)));
    sink.awaitEnd();

    assertEquals(List.of("ok"), sink.data());
    assertTrue(sink.reconnects.isEmpty());
    List<ScriptedServer.Seen> seen = server.seen("/chat");
    assertEquals(1, seen.size(), "a POST stream is not resumed");
    assertEquals("POST", seen.get(0).method().name());
    assertEquals("{\"model\":\"m\",\"stream\":true}", seen.get(0).body());
    assertEquals("text/event-stream", seen.get(0).headers().get("Accept"));
    assertEquals("Bearer secret-key", seen.get(0).headers().get("Authorization"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/event-stream", "text/event-stream;", "Text/Event-Stream; charset=utf-8",
      " text/event-stream ;x=y"})
  void contentTypeParametersAndCaseAreIgnored(String contentType) throws Exception {
    server.on("/ct", req -> req.response().putHeader("content-type", contentType).end("data: fine\n\n"));
    Sink sink = Sink.attach(await(client().connect(SseRequest.get(server.url("/ct")).reconnect(false).build())));
    sink.awaitEnd();
    assertEquals(List.of("fine"), sink.data());
  }

  @Test
  void wrongContentTypeFailsWithItsBodyAndIsNotRetried() throws Exception {
    server.on("/json", req -> req.response().putHeader("content-type", "application/json").end("{\"a\":1}"));
    UnexpectedContentTypeException e = awaitFailure(client().connect(SseRequest.get(server.url("/json")).build()),
        UnexpectedContentTypeException.class);
    assertEquals(200, e.status());
    assertEquals("application/json", e.contentType());
    assertEquals("{\"a\":1}", e.body());
    assertEquals(1, server.seen("/json").size());
  }

  @Test
  void missingContentTypeFails() throws Exception {
    server.on("/none", req -> req.response().end("data: x\n\n"));
    UnexpectedContentTypeException e = awaitFailure(client().connect(SseRequest.get(server.url("/none")).build()),
        UnexpectedContentTypeException.class);
    assertEquals("", e.contentType());
  }

  @Test
  void unauthorizedReportsStatusHeadersAndBody() throws Exception {
    String error = "{\"error\":{\"message\":\"Incorrect API key\",\"type\":\"invalid_request_error\"}}";
    server.on("/v1/chat", req -> req.response().setStatusCode(401).putHeader("content-type", "application/json")
        .putHeader("x-request-id", "req-123").end(error));
    SseRequest request = SseRequest.post(server.url("/v1/chat?key=query-secret"))
        .header("Authorization", "Bearer sk-very-secret").body("{}").build();
    HttpStatusException e = awaitFailure(client().connect(request), HttpStatusException.class);

    assertEquals(401, e.status());
    assertEquals(error, e.body());
    assertFalse(e.bodyTruncated());
    assertEquals("req-123", e.headers().get("x-request-id"));
    assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
    assertFalse(e.getMessage().contains("sk-very-secret"), e.getMessage());
    assertFalse(e.getMessage().contains("query-secret"), e.getMessage());
  }

  @Test
  void errorBodyIsCappedAndTheConnectionNotDrained() throws Exception {
    byte[] big = new byte[1_000_000];
    Arrays.fill(big, (byte) 'e');
    server.on("/big-error", req -> req.response().setStatusCode(500).end(Buffer.buffer(big)));
    SseClientOptions options = fastOptions().setMaxErrorBodyBytes(1000);
    HttpStatusException e = awaitFailure(client(options).connect(SseRequest.post(server.url("/big-error")).build()),
        HttpStatusException.class);
    assertEquals(500, e.status());
    assertEquals(1000, e.bodyBytes().length);
    assertTrue(e.bodyTruncated());
  }

  @Test
  void noContentEndsTheStreamWithoutReconnecting() throws Exception {
    server.on("/gone", req -> req.response().setStatusCode(204).end());
    SseStream stream = await(client().connect(SseRequest.get(server.url("/gone")).build()));
    Sink sink = Sink.attach(stream);
    sink.awaitEnd();
    assertTrue(sink.events().isEmpty());
    assertTrue(sink.reconnects.isEmpty());
    assertEquals(1, server.seen("/gone").size());
  }

  @Test
  void anOversizedEventIsDroppedWithAWarningAndTheStreamGoesOn() throws Exception {
    server.on("/big", req -> eventStream(req).end("data: " + "x".repeat(500) + "\n\ndata: small\n\n"));
    SseClientOptions options = fastOptions().setMaxEventBytes(100);
    Sink sink = Sink.attach(await(client(options).connect(SseRequest.get(server.url("/big")).reconnect(false).build())));
    sink.awaitEnd();
    assertEquals(List.of("small"), sink.data());
    assertEquals(1, sink.warnings.size());
    assertTrue(sink.warnings.get(0) instanceof SseEventTooLargeException);
  }

  @Test
  void responseHeadersOfTheStreamAreAvailable() throws Exception {
    server.on("/h", req -> eventStream(req).putHeader("x-request-id", "abc").end("data: x\n\n"));
    SseStream stream = await(client().connect(SseRequest.get(server.url("/h")).reconnect(false).build()));
    assertEquals("abc", stream.responseHeaders().get("x-request-id"));
    Sink.attach(stream).awaitEnd();
  }

  @Test
  void aRefusedConnectionFailsTheConnectFuture() throws Exception {
    String url = server.url("/x");
    server.close();
    SseConnectionException e = awaitFailure(client().connect(SseRequest.get(url).build()),
        SseConnectionException.class);
    assertTrue(e.getMessage().contains("cannot connect"), e.getMessage());
    server = ScriptedServer.start(vertx); // for closeAll
  }
}
