package io.github.ssekit.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.ssekit.sse.internal.Utf8;
import io.github.ssekit.sse.testing.Feeding;
import io.github.ssekit.sse.testing.Feeding.Recorded;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The parser's fast paths (a data line decoded from the caller's array, eight-byte pieces of a spanning data line,
 * Latin-1 copies of ASCII values, cached event types, a repeated id kept) against a plain reference
 * implementation of the spec, on random streams fed whole, as slices of one array (room on both sides, as network
 * buffers have), and byte by byte from copies.
 */
class SseParserFastPathsTest {
  private static final long SEED = 0xFA57_9A75L;
  private static final String[] PIECES = {"data:", "data: ", "data", "event:", "event: tick", "event: t", "id:", "id: ",
      "id: 42", "retry: 5", ":", ": keep-alive", " ", "\r", "\n", "\r\n", "\n\n", "\r\n\r\n", "x", "abcdefghij",
      "{\"content\":\" token\"}", "\u00e9", "\u20ac\uD83D\uDE00", "\0", "\uFEFF", "da", "ta", "ev", "ent"};

  @Test
  void randomStreamsGiveTheReferenceEventsHoweverTheyAreFed() {
    Random random = new Random(SEED);
    for (int round = 0; round < 4000; round++) {
      byte[] stream = randomStream(random);
      List<SseEvent> expected = reference(stream);
      String where = "seed " + SEED + ", round " + round;

      Recorded whole = new Recorded();
      Feeding.feedCut(SseParser.create(whole), stream);
      assertEquals(expected, whole.events, where + ", whole");

      Recorded bytes = new Recorded();
      Feeding.feedRandomly(SseParser.create(bytes), stream, random, 1);
      assertEquals(expected, bytes.events, where + ", byte by byte (copies)");

      Recorded slices = new Recorded();
      SseParser parser = SseParser.create(slices);
      byte[] padded = new byte[stream.length + 16];
      System.arraycopy(stream, 0, padded, 8, stream.length);
      int p = 0;
      while (p < stream.length) {
        int n = Math.min(stream.length - p, 1 + random.nextInt(random.nextBoolean() ? 9 : 40));
        parser.feed(padded, 8 + p, n);
        p += n;
      }
      parser.end();
      assertEquals(expected, slices.events, where + ", slices of one array");
    }
  }

  @Test
  void sizeLimitsDoNotDependOnHowTheStreamIsFed() {
    Random random = new Random(SEED + 1);
    for (int round = 0; round < 2000; round++) {
      byte[] stream = randomStream(random);
      int limit = 1 + random.nextInt(48);
      Recorded whole = new Recorded();
      Feeding.feedCut(SseParser.builder().handler(whole).maxEventBytes(limit).build(), stream);
      Recorded slices = new Recorded();
      SseParser parser = SseParser.builder().handler(slices).maxEventBytes(limit).build();
      byte[] padded = new byte[stream.length + 16];
      System.arraycopy(stream, 0, padded, 8, stream.length);
      int p = 0;
      while (p < stream.length) {
        int n = Math.min(stream.length - p, 1 + random.nextInt(9));
        parser.feed(padded, 8 + p, n);
        p += n;
      }
      parser.end();
      assertEquals(whole.summary(), slices.summary(), "seed " + SEED + ", round " + round + ", limit " + limit);
    }
  }

  @Test
  void manyEventTypesAndRepeatedIdsKeepTheirValues() {
    StringBuilder text = new StringBuilder();
    List<SseEvent> expected = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      String type = "type" + (i * 7 % 13); // more names than the cache holds, revisited out of order
      String id = Integer.toString(i / 3); // each id three times
      text.append("event: ").append(type).append("\nid: ").append(id).append("\ndata: ").append(i).append("\n\n");
      expected.add(new SseEvent(type, Integer.toString(i), id));
    }
    Feeding.inEveryWay(text.toString().getBytes(StandardCharsets.UTF_8), Feeding.defaults(),
        recorded -> assertEquals(expected, recorded.events));
  }

  @Test
  void aRepeatedIdOrTypeKeepsItsString() {
    // What saves allocations per event: the bytes of the block's id stay known across a dispatch (also when the
    // id only equals a seeded one, and across a dropped block), and recent types come from the cache.
    String event = "event: tick\nid: 7\ndata: 1\n\n";
    String text = event + event + "data: " + "x".repeat(40) + "\n\n" + event;
    Feeding.inEveryWay(text.getBytes(StandardCharsets.UTF_8),
        handler -> SseParser.builder().handler(handler).lastEventId("7").maxEventBytes(32).build(),
        recorded -> {
          assertEquals(3, recorded.events.size());
          assertEquals(1, recorded.errors.size());
          assertEquals(List.of(), recorded.lastEventIds);
          for (int i = 1; i < 3; i++) {
            assertSame(recorded.events.get(0).lastEventId(), recorded.events.get(i).lastEventId(), "event " + i);
            assertSame(recorded.events.get(0).type(), recorded.events.get(i).type(), "event " + i);
          }
        });
  }

  @Test
  void anIdWithANulLeavesTheCurrentIdWhateverItsBytes() {
    // the remembered id bytes are compared and replaced in one pass; a NUL half-way must not leave them wrong
    String text = "id: ab\ndata: 1\n\nid: x\0\ndata: 2\n\nid: ab\ndata: 3\n\nid: a\0\ndata: 4\n\n"
        + "id: ab\ndata: 5\n\nid: abc\0\ndata: 6\n\nid: xy\ndata: 7\n\n";
    List<SseEvent> expected = List.of(new SseEvent("message", "1", "ab"), new SseEvent("message", "2", "ab"),
        new SseEvent("message", "3", "ab"), new SseEvent("message", "4", "ab"), new SseEvent("message", "5", "ab"),
        new SseEvent("message", "6", "ab"), new SseEvent("message", "7", "xy"));
    Feeding.inEveryWay(text.getBytes(StandardCharsets.UTF_8), Feeding.defaults(),
        recorded -> {
          assertEquals(expected, recorded.events);
          assertEquals(List.of("ab", "xy"), recorded.lastEventIds);
        });
  }

  private static byte[] randomStream(Random random) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = random.nextInt(60); i > 0; i--) {
      String piece = PIECES[random.nextInt(PIECES.length)];
      out.writeBytes(piece.getBytes(StandardCharsets.UTF_8));
      if (random.nextInt(12) == 0) {
        out.writeBytes("y".repeat(random.nextInt(30)).getBytes(StandardCharsets.UTF_8));
      }
      if (random.nextInt(30) == 0) {
        out.write(0x80 + random.nextInt(0x80)); // invalid UTF-8, and ED A0 80 style surrogates
      }
    }
    return out.toByteArray();
  }

  /** The spec's algorithm, written for clarity: lines on CR, LF or CRLF, each decoded whole, fields in order. */
  static List<SseEvent> reference(byte[] stream) {
    List<SseEvent> events = new ArrayList<>();
    int p = stream.length >= 3 && stream[0] == (byte) 0xEF && stream[1] == (byte) 0xBB && stream[2] == (byte) 0xBF
        ? 3 : 0;
    StringBuilder data = new StringBuilder();
    String type = "";
    String idBuffer = "";
    String lastId = "";
    while (true) {
      int eol = p;
      while (eol < stream.length && stream[eol] != '\r' && stream[eol] != '\n') {
        eol++;
      }
      if (eol == stream.length) {
        return events; // an unfinished line and block are discarded
      }
      String line = Utf8.decodeWhatwg(stream, p, eol - p);
      p = eol + (stream[eol] == '\r' && eol + 1 < stream.length && stream[eol + 1] == '\n' ? 2 : 1);
      if (line.isEmpty()) {
        lastId = idBuffer;
        if (data.length() > 0) {
          events.add(new SseEvent(type.isEmpty() ? "message" : type, data.substring(0, data.length() - 1), lastId));
        }
        data.setLength(0);
        type = "";
        continue;
      }
      int colon = line.indexOf(':');
      if (colon == 0) {
        continue;
      }
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (field) {
        case "data" -> data.append(value).append('\n');
        case "event" -> type = value;
        case "id" -> {
          if (value.indexOf('\0') < 0) {
            idBuffer = value;
          }
        }
        default -> { }
      }
    }
  }
}
