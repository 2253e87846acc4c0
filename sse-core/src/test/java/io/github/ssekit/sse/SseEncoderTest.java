package io.github.ssekit.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.ssekit.sse.testing.Feeding;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseEncoderTest {

  @Test
  void writesFieldsInTheOrderReadersNeed() {
    assertEquals("event: update\nid: 7\ndata: a\ndata: b\n\n", SseEncoder.event("update", "a\nb", "7"));
    assertEquals("data: x\n\n", SseEncoder.event("x"));
    assertEquals("data: \n\n", SseEncoder.event(""));
    assertEquals("id: \ndata: x\n\n", SseEncoder.event(null, "x", ""));
  }

  @Test
  void splitsDataAtEveryKindOfLineBreak() {
    String encoded = SseEncoder.event(null, "1\r2\n3\r\n4\n", null);
    assertEquals("data: 1\ndata: 2\ndata: 3\ndata: 4\ndata: \n\n", encoded);
    assertEquals(List.of(SseEvent.message("1\n2\n3\n4\n")), Feeding.parse(SseEncoder.toBytes(encoded)).events);
  }

  @Test
  void leadingSpacesAndColonsSurvive() {
    String encoded = SseEncoder.event(" spaced", "  two: spaces", " id");
    assertEquals(List.of(new SseEvent(" spaced", "  two: spaces", " id")),
        Feeding.parse(SseEncoder.toBytes(encoded)).events);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\nb", "a\rb", "\r\n"})
  void rejectsTypesAndIdsThatCannotBeEncoded(String value) {
    assertThrows(IllegalArgumentException.class, () -> SseEncoder.event(value, "x", null));
    assertThrows(IllegalArgumentException.class, () -> SseEncoder.event(null, "x", value));
  }

  @Test
  void rejectsAnIdWithNulWhichReadersWouldIgnore() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SseEncoder.event(null, "x", "a\0b"));
    assertEquals("an event ID containing U+0000 would be ignored by readers", e.getMessage());
  }

  @Test
  void commentsAndRetry() {
    assertEquals(":ping\n", SseEncoder.comment("ping"));
    assertEquals(":a\n:b\n", SseEncoder.comment("a\nb"));
    assertEquals("retry: 3000\n", SseEncoder.retry(3000));
    assertThrows(IllegalArgumentException.class, () -> SseEncoder.retry(-1));
    Feeding.Recorded r = Feeding.parse(SseEncoder.toBytes(SseEncoder.retry(3000) + SseEncoder.comment("c")
        + SseEncoder.event("x")));
    assertEquals(List.of(3000L), r.retries);
    assertEquals(List.of(SseEvent.message("x")), r.events);
  }
}
