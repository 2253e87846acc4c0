package io.github.ssekit.sse.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The SWAR scan against a plain byte loop, on random bytes, at every start and end offset. */
class LineScanTest {

  @Test
  void findsTheFirstLineEndAndSeesNonAsciiBeforeIt() {
    long seed = 0x11E5CA4L;
    Random random = new Random(seed);
    // CR and LF, their neighbours (a borrow or a near miss must not count), and bytes with the high bit set
    byte[] alphabet = {'\r', '\n', 0x0B, 0x0C, 0x0E, 0x09, 0x00, 0x01, 'a', ':', ' ', (byte) 0x80, (byte) 0x8A,
        (byte) 0x8D, (byte) 0xED, (byte) 0xFF, 0x7F};
    for (int round = 0; round < 3000; round++) {
      byte[] bytes = new byte[random.nextInt(40)];
      int density = 1 + random.nextInt(40);
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = random.nextInt(density) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) 'x';
      }
      for (int from = 0; from <= bytes.length; from++) {
        for (int to = from; to <= bytes.length; to++) {
          long scan = LineScan.scan(bytes, from, to);
          int expected = -1;
          boolean nonAscii = false;
          for (int i = from; i < to; i++) {
            if (bytes[i] == '\r' || bytes[i] == '\n') {
              expected = i;
              break;
            }
            nonAscii |= bytes[i] < 0;
          }
          String where = "seed " + seed + ", round " + round + ", [" + from + ", " + to + ")";
          assertEquals(expected, (int) scan, where);
          assertEquals(nonAscii, (scan & LineScan.NON_ASCII) != 0, where);
        }
      }
    }
  }

  @Test
  void lineEndsMarksTheFirstLineEndExactly() {
    Random random = new Random(7);
    for (int round = 0; round < 200_000; round++) {
      long v = random.nextLong();
      if (random.nextBoolean()) {
        v = (v & ~(0xFFL << (8 * random.nextInt(8)))) | ((random.nextBoolean() ? 0x0AL : 0x0DL) << (8 * random.nextInt(8)));
      }
      int first = 8;
      for (int b = 0; b < 8; b++) {
        long x = (v >>> (8 * b)) & 0xFF;
        if (x == '\n' || x == '\r') {
          first = b;
          break;
        }
      }
      long found = LineScan.lineEnds(v);
      assertEquals(first, Long.numberOfTrailingZeros(found) >>> 3, Long.toHexString(v));
    }
  }

  @Test
  void maybeLineEndIsTrueWheneverSomeByteIsBelow0x10() {
    Random random = new Random(0x10);
    for (int round = 0; round < 200_000; round++) {
      long v = random.nextLong();
      int plant = random.nextInt(3);
      for (int p = 0; p < plant; p++) { // bytes near the boundary: 0x0F, 0x10, 0x8F, 0x90, CR, LF
        long b = new long[] {0x0F, 0x10, 0x8F, 0x90, 0x0A, 0x0D, 0x00, 0x80}[random.nextInt(8)];
        int at = 8 * random.nextInt(8);
        v = (v & ~(0xFFL << at)) | (b << at);
      }
      boolean below = false;
      for (int b = 0; b < 8; b++) {
        below |= ((v >>> (8 * b)) & 0xFF) < 0x10;
      }
      assertEquals(below, LineScan.maybeLineEnd(v), Long.toHexString(v));
    }
  }
}
