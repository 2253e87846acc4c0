package io.github.ssekit.sse.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Utf8Test {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
    // bytes (hex)   | expected code points (hex, space separated); FFFD is U+FFFD
    "41              | 41",
    "c3 a9           | e9",
    "e2 82 ac        | 20ac",
    "f0 9f 98 80     | 1f600",
    "ed a0 80        | fffd fffd fffd",
    "ed bf bf        | fffd fffd fffd",
    "ed 9f bf        | d7ff",
    "f0 80 80        | fffd fffd fffd",
    "c0 80           | fffd fffd",
    "f4 90 80 80     | fffd fffd fffd fffd",
    "e0 80 80        | fffd fffd fffd",
    "e2 82 41        | fffd 41",
    "e2 82           | fffd",
    "f0 9f 98        | fffd",
    "ff              | fffd",
    "fe ff           | fffd fffd",
    "80              | fffd",
    "c2              | fffd",
    "ef bb bf 41     | feff 41",
    // an encoded U+FFFD is valid: the JDK's result holds U+FFFD, so it is decoded again, with the same result
    "ef bf bd        | fffd",
    "ef bf bd ed a0 80 | fffd fffd fffd fffd",
    "c3 a9 ed a0 80 41 | e9 fffd fffd fffd 41",
  })
  void decodesAsTheEncodingStandardSays(String hex, String expected) {
    byte[] bytes = unhex(hex);
    String want = codePoints(expected);
    assertEquals(want, Utf8.decodeWhatwg(bytes, 0, bytes.length), "reference decoder");
    assertEquals(want, Utf8.decode(bytes, 0, bytes.length), "fast decoder");
  }

  /** The same vectors inside a long value, where {@link Utf8#decodeRuns} is tried first, at every offset. */
  @ParameterizedTest(name = "{0} -> {1}, inside a long value")
  @CsvSource(delimiter = '|', value = {
    "c3 a9           | e9",
    "e2 82 ac        | 20ac",
    "f0 9f 98 80     | 1f600",
    "ed a0 80        | fffd fffd fffd",
    "ed 9f bf        | d7ff",
    "ee 80 80        | e000",
    "f0 80 80        | fffd fffd fffd",
    "c0 80           | fffd fffd",
    "c1 bf           | fffd fffd",
    "f4 8f bf bf     | 10ffff",
    "f4 90 80 80     | fffd fffd fffd fffd",
    "f5 80 80 80     | fffd fffd fffd fffd",
    "f7 bf bf bf     | fffd fffd fffd fffd",
    "e0 80 80        | fffd fffd fffd",
    "e0 a0 80        | 800",
    "e2 82 41        | fffd 41",
    "ff              | fffd",
    "80              | fffd",
    "ef bf bd        | fffd",
  })
  void decodesTheVectorsInsideALongValue(String hex, String expected) {
    byte[] vector = unhex(hex);
    String want = codePoints(expected);
    String pad = "0123456789abcdefghijklmnopqrstuvwxyz-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".repeat(8);
    for (int before = 0; before <= pad.length(); before += before < 20 ? 1 : 37) {
      byte[] head = pad.substring(0, before).getBytes(StandardCharsets.US_ASCII);
      byte[] tail = pad.substring(before).getBytes(StandardCharsets.US_ASCII);
      byte[] bytes = new byte[3 + head.length + vector.length + tail.length + 2];
      System.arraycopy(head, 0, bytes, 3, head.length);
      System.arraycopy(vector, 0, bytes, 3 + head.length, vector.length);
      System.arraycopy(tail, 0, bytes, 3 + head.length + vector.length, tail.length);
      int length = bytes.length - 5;
      String expectedText = pad.substring(0, before) + want + pad.substring(before);
      assertEquals(true, length >= Utf8.RUNS_FROM_BYTES, "the value is long enough to take the runs path");
      assertEquals(expectedText, Utf8.decode(bytes, 3, length), "decode, vector after " + before + " bytes");
      assertEquals(expectedText, Utf8.decodeWhatwg(bytes, 3, length), "reference, vector after " + before);
    }
  }

  @Test
  void runsDecoderTakesValidTextOnlyAndAgreesWithTheJdk() {
    String valid = "caf\u00e9 \u4f60\u597d \ud83d\ude42 \u2014 \u00fcber, and some ASCII to make it longer ".repeat(10);
    byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
    assertEquals(valid, Utf8.decodeRuns(bytes, 0, bytes.length));
    assertEquals("\u00e9", Utf8.decodeRuns(unhex("c3 a9"), 0, 2));
    for (String invalid : new String[] {"80", "c0 80", "c2", "e2 82", "ed a0 80", "f0 8f bf bf", "f4 90 80 80",
        "f5 80 80 80", "f8", "ff", "c3 41", "e2 41 82", "f0 9f 41 80"}) {
      byte[] bad = unhex(invalid);
      assertEquals(null, Utf8.decodeRuns(bad, 0, bad.length), invalid);
    }
  }

  @Test
  void fastDecoderEqualsTheReferenceOnLongRandomValues() {
    // Long values (the runs path) of ASCII runs of every length with random bytes between them.
    long seed = 20261205L;
    Random random = new Random(seed);
    byte[] alphabet = unhex("80 8f 90 9f a0 bf c0 c1 c2 c3 df e0 e1 e2 ec ed ee ef f0 f1 f3 f4 f5 ff");
    for (int round = 0; round < 20_000; round++) {
      byte[] bytes = new byte[Utf8.RUNS_FROM_BYTES + random.nextInt(200)];
      for (int i = 0; i < bytes.length; i++) {
        int kind = random.nextInt(10);
        bytes[i] = kind < 7 ? (byte) (0x20 + random.nextInt(0x5f))
            : kind < 9 ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt(256);
      }
      int from = random.nextInt(4);
      int length = bytes.length - from;
      assertEquals(Utf8.decodeWhatwg(bytes, from, length), Utf8.decode(bytes, from, length),
          () -> "seed " + seed + ", bytes " + hexOf(bytes) + " from " + from);
    }
    // Valid long text of random code points from every UTF-8 length, compared with the JDK's encoder.
    for (int round = 0; round < 5_000; round++) {
      StringBuilder text = new StringBuilder();
      while (text.length() < Utf8.RUNS_FROM_BYTES + round % 300) {
        int kind = random.nextInt(6);
        int cp = kind < 3 ? 0x20 + random.nextInt(0x5f)
            : kind == 3 ? 0x80 + random.nextInt(0x780)
            : kind == 4 ? 0x800 + random.nextInt(0xF800) : 0x10000 + random.nextInt(0x100000);
        if (!Character.isSurrogate((char) cp) || cp > 0xFFFF) {
          text.appendCodePoint(cp);
        }
      }
      String want = text.toString();
      byte[] bytes = want.getBytes(StandardCharsets.UTF_8);
      assertEquals(want, Utf8.decode(bytes, 0, bytes.length));
      // The runs decoder itself, not a fallback: sequences back to back and ASCII runs moved down after them.
      assertEquals(want, Utf8.decodeRuns(bytes, 0, bytes.length));
    }
  }

  /**
   * The runs decoder reuses one char array per thread up to {@link Utf8#RETAINED_CHARS}: a short value after a
   * long one, values either side of that size, and two threads decoding at once each get their own text only.
   */
  @Test
  void reusedScratchArrayNeverLeaksAnotherValue() throws Exception {
    int[] lengths = {Utf8.RETAINED_CHARS * 3, Utf8.RETAINED_CHARS + 1, Utf8.RETAINED_CHARS,
        Utf8.RETAINED_CHARS - 1, 20_000, Utf8.RUNS_FROM_BYTES, 5_000, Utf8.RETAINED_CHARS * 2, Utf8.RUNS_FROM_BYTES};
    Thread other = new Thread(() -> decodeAll(lengths, 'x'));
    Throwable[] failure = new Throwable[1];
    other.setUncaughtExceptionHandler((t, e) -> failure[0] = e);
    other.start();
    decodeAll(lengths, 'a');
    other.join();
    if (failure[0] != null) {
      throw new AssertionError("the other thread", failure[0]);
    }
  }

  /** Decodes text of each length, each from a different letter, and checks every result whole. */
  private static void decodeAll(int[] lengths, char firstLetter) {
    for (int round = 0; round < 20; round++) {
      for (int i = 0; i < lengths.length; i++) {
        char letter = (char) (firstLetter + (round + i) % 20);
        StringBuilder text = new StringBuilder();
        while (text.length() < lengths[i]) {
          text.append(letter).append("\u00e9\u4f60 ");
        }
        String want = text.toString();
        byte[] bytes = want.getBytes(StandardCharsets.UTF_8);
        assertEquals(want, Utf8.decode(bytes, 0, bytes.length), "length " + lengths[i] + ", round " + round);
      }
    }
  }

  @Test
  void fastDecoderEqualsTheReferenceOnRandomBytes() {
    long seed = 20261120L;
    Random random = new Random(seed);
    // Bytes drawn mostly from the interesting range: lead bytes, continuation bytes, ASCII.
    byte[] alphabet = unhex("41 0a 00 7f 80 8f 90 9f a0 bf c0 c1 c2 df e0 e1 ec ed ee ef f0 f1 f3 f4 f5 ff");
    for (int round = 0; round < 200_000; round++) {
      byte[] bytes = new byte[1 + random.nextInt(8)];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
      }
      assertEquals(Utf8.decodeWhatwg(bytes, 0, bytes.length), Utf8.decode(bytes, 0, bytes.length),
          () -> "seed " + seed + ", bytes " + hexOf(bytes));
    }
  }

  @Test
  void fastDecoderEqualsTheReferenceOnLongTextWithRareFaults() {
    // Long valid text (the JDK-first path's common case) with now and then one byte replaced, where the fast
    // decoder's result must fall back whenever, and only where, it matters.
    long seed = 20261204L;
    Random random = new Random(seed);
    String[] pieces = {"abc ", "caf\u00e9 ", "\u4f60\u597d", "\ud83d\ude42", "\ufffd", "\u00fc", "\u2014 "};
    for (int round = 0; round < 2_000; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = 0, n = 1 + random.nextInt(200); i < n; i++) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      if (random.nextBoolean()) {
        bytes[random.nextInt(bytes.length)] = (byte) (0x80 + random.nextInt(0x80));
      }
      assertEquals(Utf8.decodeWhatwg(bytes, 0, bytes.length), Utf8.decode(bytes, 0, bytes.length),
          () -> "seed " + seed + ", bytes " + hexOf(bytes));
    }
  }

  @Test
  void validTextRoundTrips() {
    String text = "plain ASCII, é, € and 😀 \u0000 end";
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    assertEquals(text, Utf8.decode(bytes, 0, bytes.length));
    assertEquals(text, Utf8.decodeWhatwg(bytes, 0, bytes.length));
  }

  @Test
  void decodesASliceOnly() {
    byte[] bytes = "xxhello€yy".getBytes(StandardCharsets.UTF_8);
    assertEquals("hello€", Utf8.decode(bytes, 2, bytes.length - 4));
  }

  static byte[] unhex(String hex) {
    String[] parts = hex.trim().split("\\s+");
    byte[] out = new byte[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = (byte) Integer.parseInt(parts[i], 16);
    }
    return out;
  }

  private static String codePoints(String hex) {
    StringBuilder out = new StringBuilder();
    for (String cp : hex.trim().split("\\s+")) {
      out.appendCodePoint(Integer.parseInt(cp, 16));
    }
    return out.toString();
  }

  private static String hexOf(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      out.append(String.format("%02x ", b & 0xff));
    }
    return out.toString().trim();
  }
}
