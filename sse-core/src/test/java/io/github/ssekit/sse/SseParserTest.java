package io.github.ssekit.sse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.sse.testing.Feeding;
import io.github.ssekit.sse.testing.Feeding.Recorded;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Behaviour beyond the conformance vectors: the API's promises on ends, reconnections, limits and inputs. */
class SseParserTest {

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  @Test
  void endDiscardsAnUnfinishedBlockAndNeverCommitsItsId() {
    Recorded r = new Recorded();
    SseParser parser = SseParser.create(r);
    parser.feed(bytes("id: 1\ndata: a\n\nid: 2\ndata: b\n"));
    parser.end();
    assertEquals(List.of(new SseEvent("message", "a", "1")), r.events);
    assertEquals("1", parser.lastEventId());
    assertEquals(List.of("1"), r.lastEventIds);
  }

  @Test
  void feedAfterEndIsRefusedUntilReset() {
    SseParser parser = SseParser.create(new Recorded());
    parser.end();
    assertThrows(IllegalStateException.class, () -> parser.feed(bytes("data: x\n\n")));
    parser.reset();
    parser.feed(bytes("data: x\n\n"));
  }

  @Test
  void resetStartsANewStreamThatKeepsTheLastEventIdAndRetry() {
    Recorded r = new Recorded();
    SseParser parser = SseParser.create(r);
    parser.feed(bytes("retry: 1500\nid: 7\ndata: a\n\nid: 8\ndata: partial"));
    parser.reset(); // the connection dropped mid-event
    assertEquals("7", parser.lastEventId());
    assertEquals(OptionalLong.of(1500), parser.retry());
    // the new response may start with a BOM again; the last event ID carries on
    parser.feed(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    parser.feed(bytes("data: b\n\n"));
    assertEquals(List.of(new SseEvent("message", "a", "7"), new SseEvent("message", "b", "7")), r.events);
  }

  @Test
  void aSeededLastEventIdIsReportedWithEventsUntilChanged() {
    Recorded r = new Recorded();
    SseParser parser = SseParser.builder().handler(r).lastEventId("41").build();
    parser.feed(bytes("data: a\n\nid: 42\ndata: b\n\n"));
    assertEquals(List.of(new SseEvent("message", "a", "41"), new SseEvent("message", "b", "42")), r.events);
    assertThrows(IllegalArgumentException.class, () -> SseParser.builder().lastEventId("a\0b"));
  }

  @Test
  void retryDigitsOnlyAndOverflowSaturates() {
    Recorded r = new Recorded();
    SseParser parser = SseParser.create(r);
    parser.feed(bytes("retry: 99999999999999999999999\nretry: -5\nretry: +5\nretry: 12 \nretry:\nretry: 007\n"));
    assertEquals(List.of(Long.MAX_VALUE, 7L), r.retries);
    assertEquals(OptionalLong.of(7), parser.retry());
    assertEquals(OptionalLong.empty(), SseParser.create(r).retry());
  }

  @Test
  void aCallbackCanStopTheParserMidFeed() {
    Recorded r = new Recorded();
    SseParser[] parser = new SseParser[1];
    parser[0] = SseParser.create(e -> {
      r.onEvent(e);
      parser[0].end();
    });
    parser[0].feed(bytes("data: 1\n\ndata: 2\n\n"));
    assertEquals(List.of(SseEvent.message("1")), r.events);
  }

  @Test
  void aCallbackCanStopTheParserInTheMiddleOfADirectBuffer() {
    byte[] stream = bytes("data: 1\n\n" + "data: x\n\n".repeat(2000));
    ByteBuffer direct = ByteBuffer.allocateDirect(stream.length).put(stream).flip();
    Recorded r = new Recorded();
    SseParser[] parser = new SseParser[1];
    parser[0] = SseParser.create(e -> {
      r.onEvent(e);
      parser[0].end();
    });
    parser[0].feed(direct);
    assertEquals(List.of(SseEvent.message("1")), r.events);
    assertTrue(direct.hasRemaining(), "the bytes after the stop are left in the buffer");
  }

  @Test
  void directAndHeapByteBuffersAreConsumedWhole() {
    byte[] stream = bytes("data: héllo\n\nevent: x\ndata: y\n\n");
    for (ByteBuffer buffer : List.of(ByteBuffer.wrap(stream), ByteBuffer.allocateDirect(stream.length).put(stream).flip(),
        ByteBuffer.wrap(Arrays.copyOf(stream, stream.length + 4), 0, stream.length).slice())) {
      Recorded r = new Recorded();
      SseParser parser = SseParser.create(r);
      parser.feed(buffer);
      assertEquals(0, buffer.remaining());
      assertEquals(List.of(SseEvent.message("héllo"), new SseEvent("x", "y", "")), r.events);
    }
  }

  @Test
  void aSixteenMebibyteLineFedInOneKibibyteBuffersParses() {
    int size = 16 * 1024 * 1024;
    byte[] stream = new byte[size + 8];
    System.arraycopy(bytes("data:"), 0, stream, 0, 5);
    Arrays.fill(stream, 5, 5 + size, (byte) 'x');
    stream[5 + size] = '\n';
    stream[6 + size] = '\n';
    Recorded r = new Recorded();
    SseParser parser = SseParser.builder().handler(r).maxEventBytes(size + 16).build();
    Feeding.feedInChunks(parser, Arrays.copyOf(stream, size + 7), 1024);
    assertEquals(1, r.events.size());
    String data = r.events.get(0).data();
    assertEquals(size, data.length());
    assertTrue(data.chars().allMatch(c -> c == 'x'));
  }

  @Test
  void anOversizeEventIsDroppedWithATypedErrorAndTheStreamGoesOn() {
    String big = "x".repeat(100);
    byte[] stream = bytes("id: 1\ndata: ok\n\nid: 2\nevent: big\ndata: " + big + "\ndata: more\n\ndata: after\n\n");
    Feeding.inEveryWay(stream, h -> SseParser.builder().handler(h).maxEventBytes(64).build(), r -> {
      assertEquals(List.of(new SseEvent("message", "ok", "1"), new SseEvent("message", "after", "1")), r.events);
      assertEquals(1, r.errors.size());
      SseEventTooLargeException error = assertInstanceOf(SseEventTooLargeException.class, r.errors.get(0));
      assertEquals(64, error.limitBytes());
    });
  }

  @Test
  void aHugeCommentNobodyListensToCostsNoMemoryAndNoError() {
    byte[] stream = bytes(":" + "c".repeat(10_000) + "\ndata: x\n\n");
    Feeding.inEveryWay(stream, h -> SseParser.builder().handler(h).maxEventBytes(64).build(), r -> {
      assertEquals(List.of(SseEvent.message("x")), r.events);
      assertEquals(List.of(), r.errors);
    });
  }

  @Test
  void aLineThatNeverEndsIsCutAtTheLimitWhateverTheChunking() {
    byte[] stream = bytes("data: " + "y".repeat(5000));
    Feeding.inEveryWay(stream, h -> SseParser.builder().handler(h).maxEventBytes(1000).build(), r -> {
      assertEquals(List.of(), r.events);
    });
  }

  @Test
  void commentsAreSurfacedOnlyWhenAskedFor() {
    byte[] stream = bytes(": ping\r\n:\ndata: x\n\n");
    Feeding.inEveryWay(stream, h -> SseParser.builder().handler(h).comments(true).build(),
        r -> assertEquals(List.of(" ping", ""), r.comments));
    Feeding.inEveryWay(stream, Feeding.defaults(), r -> assertEquals(List.of(), r.comments));
  }

  @Test
  void lastEventIdChangesAreReportedAtDispatchOnly() {
    byte[] stream = bytes("id: a\n\nid: a\ndata: 1\n\nid: b\nid: c\n\nid\ndata: 2\n\nid: d\ndata: cut");
    Feeding.inEveryWay(stream, Feeding.defaults(), r -> {
      assertEquals(List.of("a", "c", ""), r.lastEventIds);
      assertEquals(List.of(new SseEvent("message", "1", "a"), new SseEvent("message", "2", "")), r.events);
    });
  }

  @Test
  void theHandlerIsRequired() {
    assertThrows(NullPointerException.class, () -> SseParser.builder().build());
    assertThrows(IllegalArgumentException.class, () -> SseParser.builder().maxEventBytes(0));
  }

  @Test
  void eventToStringDoesNotPrintLargeData() {
    String text = new SseEvent("message", "s".repeat(1000), "").toString();
    assertTrue(text.length() < 200, text);
  }
}
