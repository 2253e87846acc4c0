package io.github.ssekit.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ssekit.sse.testing.Feeding;
import io.github.ssekit.sse.testing.Feeding.Recorded;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property tests with a seeded generator (the seed is in every failure message): random events written by the
 * encoder come back equal, and any random chunking of a random stream gives the same events as feeding it whole.
 */
class SseRoundTripPropertyTest {
  private static final long SEED = 0x55E_C0DEL;
  private static final String ALPHABET = "ab :\r\n\u0000\t\u00e9\u20ac\uD83D\uDE00\uFEFFdata:id";

  @Test
  void encodedEventsParseBackEqual() {
    Random random = new Random(SEED);
    for (int round = 0; round < 2000; round++) {
      List<SseEvent> sent = new ArrayList<>();
      StringBuilder stream = new StringBuilder();
      if (random.nextBoolean()) {
        stream.append('\uFEFF'); // a leading BOM is allowed and skipped
      }
      String lastId = "";
      for (int i = random.nextInt(6); i > 0; i--) {
        String type = random.nextInt(3) == 0 ? null : text(random, false);
        String data = text(random, true);
        String id = random.nextInt(3) == 0 ? text(random, false).replace("\0", "") : null;
        if (id != null) {
          lastId = id;
        }
        if (random.nextInt(4) == 0) {
          stream.append(SseEncoder.comment(text(random, true)));
        }
        SseEncoder.appendEvent(stream, type, data, id);
        String expectedType = type == null || type.isEmpty() ? "message" : type;
        sent.add(new SseEvent(expectedType, data.replace("\r\n", "\n").replace('\r', '\n'), lastId));
      }
      byte[] bytes = SseEncoder.toBytes(stream.toString());
      Recorded r = new Recorded();
      Feeding.feedRandomly(SseParser.create(r), bytes, random, 16);
      int round0 = round;
      assertEquals(sent, r.events, () -> "seed " + SEED + ", round " + round0 + ", stream " + stream);
    }
  }

  @Test
  void anyChunkingGivesTheSameEventsAsTheWholeStream() {
    Random random = new Random(SEED + 1);
    String[] pieces = {"data", "data:", "data: ", "event:", "id:", "retry:", "12", ":", " ", "x", "\r", "\n",
        "\r\n", "\0", "\u00e9", "\uFEFF", "é€😀"};
    for (int round = 0; round < 3000; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(40); i > 0; i--) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      byte[] bytes = text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      if (random.nextInt(5) == 0 && bytes.length > 0) {
        bytes[random.nextInt(bytes.length)] = (byte) (0x80 + random.nextInt(0x80)); // some invalid UTF-8
      }
      Recorded whole = new Recorded();
      Feeding.feedCut(SseParser.builder().handler(whole).comments(true).build(), bytes);
      for (int trial = 0; trial < 5; trial++) {
        Recorded chunked = new Recorded();
        Feeding.feedRandomly(SseParser.builder().handler(chunked).comments(true).build(), bytes, random,
            1 + random.nextInt(8));
        int round0 = round;
        assertEquals(whole.summary(), chunked.summary(), () -> "seed " + SEED + ", round " + round0);
      }
    }
  }

  private static String text(Random random, boolean lineBreaks) {
    StringBuilder out = new StringBuilder();
    for (int i = random.nextInt(8); i > 0; i--) {
      char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
      if (!lineBreaks && (c == '\r' || c == '\n')) {
        continue;
      }
      if (Character.isHighSurrogate(c)) {
        out.append("\uD83D\uDE00");
      } else if (!Character.isLowSurrogate(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }
}
