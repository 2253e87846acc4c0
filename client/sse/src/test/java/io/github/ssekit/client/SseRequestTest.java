package io.github.ssekit.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseRequestTest {

  @ParameterizedTest
  @ValueSource(strings = {"a\r\nX-Injected: 1", "a\nb", "a\rb", "a\0b"})
  void headerValuesWithLineBreaksOrNulAreRejected(String value) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SseRequest.get("http://localhost/").header("X-Custom", value));
    assertFalse(e.getMessage().contains(value), "the value may be a secret: not echoed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"X-A\r\nB", "X\nA", ""})
  void badHeaderNamesAreRejected(String name) {
    assertThrows(IllegalArgumentException.class, () -> SseRequest.get("http://localhost/").header(name, "v"));
  }

  @Test
  void lastEventIdWithLineBreaksIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> SseRequest.get("http://localhost/").lastEventId("1\r\n2"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://host/x", "/relative", "localhost:8080"})
  void onlyAbsoluteHttpUrisAreAccepted(String uri) {
    assertThrows(IllegalArgumentException.class, () -> SseRequest.get(uri));
  }

  @Test
  void toStringRedactsCredentialsQueryAndBody() {
    SseRequest request = SseRequest.post("https://api.example.com/v1/chat?api_key=q-secret")
        .header("Authorization", "Bearer sk-secret")
        .header("x-api-key", "k-secret")
        .header("X-Trace", "visible")
        .body("{\"prompt\":\"private\"}")
        .build();
    String text = request.toString();
    for (String secret : new String[] {"sk-secret", "k-secret", "q-secret", "private"}) {
      assertFalse(text.contains(secret), text);
    }
    assertTrue(text.contains("Authorization=<redacted>"), text);
    assertTrue(text.contains("X-Trace=visible"), text);
  }

  @Test
  void onlyGetReconnectsByDefault() {
    assertTrue(SseRequest.get("http://h/").build().reconnects());
    assertFalse(SseRequest.post("http://h/").build().reconnects());
    assertFalse(SseRequest.builder(HttpMethod.PUT, "http://h/").build().reconnects());
    assertTrue(SseRequest.post("http://h/").reconnect(true).build().reconnects());
    assertFalse(SseRequest.get("http://h/").reconnect(false).build().reconnects());
  }

  @Test
  void theBodyIsCopied() {
    Buffer body = Buffer.buffer("abc");
    SseRequest request = SseRequest.post("http://h/").body(body).build();
    body.setByte(0, (byte) 'z');
    assertEquals("abc", request.body().orElseThrow().toString());
  }
}
