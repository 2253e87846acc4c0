package io.github.ssekit.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplayBufferTest {

  static ReplayBuffer filled(int maxEvents, long maxChars, int count) {
    ReplayBuffer buffer = new ReplayBuffer("ep", maxEvents, maxChars);
    for (int i = 1; i <= count; i++) {
      buffer.append("delta", "{\"n\":" + i + "}");
    }
    return buffer;
  }

  static List<Long> seqs(Optional<List<ReplayBuffer.Entry>> entries) {
    return entries.orElseThrow().stream().map(ReplayBuffer.Entry::seq).toList();
  }

  @Test
  void eachEventIsEncodedOnceWithItsIdAndReadsBackAsSent() {
    ReplayBuffer buffer = new ReplayBuffer("ep", 10, 10_000);
    ReplayBuffer.Entry entry = buffer.append("delta", "{\"text\":\"line one\\nline two\"}\nsecond data line");
    assertEquals("ep-1", entry.id());
    List<SseEvent> parsed = new ArrayList<>();
    SseParser.create(parsed::add).feed(entry.frame().getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of(new SseEvent("delta", "{\"text\":\"line one\\nline two\"}\nsecond data line", "ep-1")),
        parsed);
    assertEquals("ep-1", buffer.lastId());
  }

  @Test
  void aBrowserGetsExactlyTheEventsAfterItsLastEventIdFromEveryPointInTheBuffer() {
    ReplayBuffer buffer = filled(10, 10_000, 6);
    for (int seen = 0; seen <= 6; seen++) {
      List<Long> expected = new ArrayList<>();
      for (long s = seen + 1; s <= 6; s++) {
        expected.add(s);
      }
      assertEquals(expected, seqs(buffer.after("ep-" + seen)), "after ep-" + seen);
    }
  }

  @ParameterizedTest(name = "\"{0}\" cannot be resumed from")
  @ValueSource(strings = {"", "ep", "ep-", "ep-7", "ep--1", "ep-+3", "ep-03", "ep-3 ", "other-3", "EP-3", "3",
      "ep-99999999999999999999"})
  void idsOfAnotherEpochMalformedOrFromTheFutureCannotBeResumedFrom(String lastEventId) {
    assertTrue(filled(10, 10_000, 6).after(lastEventId).isEmpty());
  }

  @Test
  void noIdMeansASnapshot() {
    assertTrue(filled(10, 10_000, 3).after(null).isEmpty());
  }

  @Test
  void theEventLimitDropsTheOldestAndABrowserBehindThemGetsASnapshot() {
    ReplayBuffer buffer = filled(4, 10_000, 10); // holds 7..10
    assertEquals(4, buffer.size());
    assertEquals(List.of(7L, 8L, 9L, 10L), seqs(buffer.after("ep-6")), "everything after 6 is still there");
    assertTrue(buffer.after("ep-5").isEmpty(), "7 is the oldest held: 6 was lost for a browser at 5");
    assertEquals(List.of(), seqs(buffer.after("ep-10")));
  }

  @Test
  void theSizeLimitDropsTheOldestButKeepsTheNewestEvenWhenItAloneIsTooBig() {
    ReplayBuffer buffer = new ReplayBuffer("ep", 100, 200);
    for (int i = 0; i < 10; i++) {
      buffer.append("delta", "x".repeat(50));
    }
    assertTrue(buffer.heldChars() <= 200, buffer.heldChars() + " chars held");
    assertTrue(buffer.size() >= 2 && buffer.size() < 10, buffer.size() + " events held");
    buffer.append("delta", "y".repeat(1000));
    assertEquals(1, buffer.size());
    assertEquals(List.of(11L), seqs(buffer.after("ep-10")));
    assertTrue(buffer.after("ep-9").isEmpty());
  }

  @Test
  void beforeAnyEventTheLastIdIsZeroAndResumesToNothing() {
    ReplayBuffer buffer = new ReplayBuffer("ep", 3, 100);
    assertEquals("ep-0", buffer.lastId());
    assertEquals(List.of(), seqs(buffer.after("ep-0")));
    buffer.append("turn", "{}");
    assertEquals(List.of(1L), seqs(buffer.after("ep-0")));
  }

  @Test
  void replayedFramesConcatenateToTheOriginalStream() {
    ReplayBuffer buffer = filled(100, 100_000, 5);
    String all = buffer.after("ep-0").orElseThrow().stream().map(ReplayBuffer.Entry::frame)
        .collect(Collectors.joining());
    List<SseEvent> parsed = new ArrayList<>();
    SseParser.create(parsed::add).feed(all.getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of("{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}", "{\"n\":5}"),
        parsed.stream().map(SseEvent::data).toList());
    assertEquals("ep-5", parsed.get(4).lastEventId());
  }

  @Test
  void badSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ReplayBuffer("a-b", 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new ReplayBuffer("", 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new ReplayBuffer("a", 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new ReplayBuffer("a", 1, 0));
  }
}
