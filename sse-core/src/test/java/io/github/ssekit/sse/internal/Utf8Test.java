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
