package io.github.ssekit.client.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.client.HttpStatusException;
import io.github.ssekit.client.UnexpectedContentTypeException;
import io.github.ssekit.client.internal.Acceptance.Verdict;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AcceptanceTest {
  private static final String EVENTS = "text/event-stream";

  @ParameterizedTest
  @ValueSource(strings = {"text/event-stream", "TEXT/EVENT-STREAM", "text/event-stream;charset=utf-8",
      "text/event-stream;", "  text/event-stream  ; a=b"})
  void eventStreamContentTypes(String contentType) {
    assertTrue(Acceptance.isEventStream(contentType));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "text/plain", "text/event-streams", "x bogus", "text/x-bogus", "application/json"})
  void otherContentTypes(String contentType) {
    assertFalse(Acceptance.isEventStream(contentType));
  }

  @Test
  void noContentTypeIsNoEventStream() {
    assertFalse(Acceptance.isEventStream(null));
  }

  @ParameterizedTest
  @CsvSource(nullValues = "null", value = {
      // status, Content-Type, Content-Encoding, verdict
      "200, text/event-stream, null, STREAM",
      "200, text/event-stream; charset=utf-8, identity, STREAM",
      "200, text/event-stream, ' IDENTITY ', STREAM",
      "200, text/event-stream, '', STREAM",
      "200, text/event-stream, gzip, UNREADABLE_CODING",
      "200, text/event-stream, x-unheard-of, UNREADABLE_CODING",
      "200, text/html, gzip, UNREADABLE_CODING", // compressed bytes whatever the type: never parsed
      "200, text/html, null, NOT_EVENT_STREAM",
      "200, null, null, NOT_EVENT_STREAM",
      "204, null, null, NO_CONTENT",
      "204, text/event-stream, null, NO_CONTENT",
      "301, null, null, REDIRECT",
      "302, null, null, REDIRECT",
      "303, null, null, REDIRECT",
      "307, null, null, REDIRECT",
      "308, null, null, REDIRECT",
      "300, null, null, ERROR_STATUS", // not followed: as fetch
      "304, null, null, ERROR_STATUS",
      "305, null, null, ERROR_STATUS",
      "201, text/event-stream, null, ERROR_STATUS", // only a 200 streams
      "206, text/event-stream, null, ERROR_STATUS",
      "401, application/json, null, ERROR_STATUS",
      "503, text/event-stream, null, ERROR_STATUS"})
  void verdictOfAResponseHead(int status, String contentType, String encoding, Verdict expected) {
    assertEquals(expected, Acceptance.verdict(status, contentType, encoding));
  }

  @Test
  void rejectionsCarryStatusHeadersAndBody() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("X-Request-Id", "r1");
    byte[] body = "{\"error\":\"nope\"}".getBytes(StandardCharsets.UTF_8);

    HttpStatusException status = Acceptance.rejection(Verdict.ERROR_STATUS, "HTTP 401 from GET http://h/p", 401,
        "application/json", null, headers, body, true);
    assertEquals(HttpStatusException.class, status.getClass());
    assertEquals(401, status.status());
    assertEquals("r1", status.headers().get("X-Request-Id"));
    assertArrayEquals(body, status.bodyBytes());
    assertTrue(status.bodyTruncated());

    UnexpectedContentTypeException notEvents = assertInstanceOf(UnexpectedContentTypeException.class,
        Acceptance.rejection(Verdict.NOT_EVENT_STREAM, "HTTP 200 from GET http://h/p", 200, null, null, headers,
            body, false));
    assertTrue(notEvents.getMessage().contains("not an event stream (Content-Type: none)"), notEvents.getMessage());
    assertEquals("", notEvents.contentType());

    UnexpectedContentTypeException coded = assertInstanceOf(UnexpectedContentTypeException.class,
        Acceptance.rejection(Verdict.UNREADABLE_CODING, "HTTP 200 from GET http://h/p", 200, EVENTS, " gzip ",
            headers, new byte[0], false));
    assertTrue(coded.getMessage().contains("(Content-Encoding: gzip)"), coded.getMessage());
    assertEquals(EVENTS, coded.contentType());
  }

  @ParameterizedTest
  @ValueSource(strings = {"STREAM", "NO_CONTENT", "REDIRECT"})
  void onlyFailuresAreRejections(Verdict verdict) {
    assertThrows(IllegalArgumentException.class, () -> Acceptance.rejection(verdict, "what", 200, EVENTS, null,
        MultiMap.caseInsensitiveMultiMap(), new byte[0], false));
  }
}
