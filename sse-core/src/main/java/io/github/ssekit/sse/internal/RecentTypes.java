package io.github.ssekit.sse.internal;

import java.util.Arrays;

/**
 * Recent event types kept as Strings, so that a stream of a few names allocates none per event. It outlives the
 * blocks (that is its point). Real names share long prefixes ({@code content_block_delta},
 * {@code content_block_start}, {@code response.output_text.delta}), so keys are compared by length first, then
 * from their end, eight bytes at a time: a different name of the same length is told apart by its last eight bytes
 * in one comparison, and the key that matched last is tried first.
 */
final class RecentTypes {
  private static final int SIZE = 8;
  private static final int MAX_LENGTH = 32;

  private byte[][] keys;
  private String[] values;
  private int next;
  /** The slot that matched (or was filled) last: a stream of one name finds it at the first try. */
  private int last;

  /** The type {@code b[from, to)} as a String, from the cache when it is there. */
  String get(byte[] b, int from, int to, boolean nonAscii) {
    int n = to - from;
    if (n == 0 || n > MAX_LENGTH) {
      return Utf8.decode(b, from, n, nonAscii);
    }
    if (keys == null) {
      keys = new byte[SIZE][];
      values = new String[SIZE];
    }
    byte[] key = keys[last];
    if (key != null && key.length == n && sameBytes(key, b, from, n)) {
      return values[last];
    }
    for (int i = 0; i < SIZE; i++) {
      key = keys[i];
      if (key == null) {
        break;
      }
      if (key.length == n && sameBytes(key, b, from, n)) {
        last = i;
        return values[i];
      }
    }
    String type = Utf8.decode(b, from, n, nonAscii);
    keys[next] = Arrays.copyOfRange(b, from, to);
    values[next] = type;
    last = next;
    next = (next + 1) % SIZE;
    return type;
  }

  /** Whether {@code a[0, n)} equals {@code b[from, from + n)}, compared from the end. */
  static boolean sameBytes(byte[] a, byte[] b, int from, int n) {
    if (n < 8) {
      for (int i = n - 1; i >= 0; i--) {
        if (a[i] != b[from + i]) {
          return false;
        }
      }
      return true;
    }
    // Eight bytes at a time from the end; the first word may overlap the one after it.
    for (int i = n - 8; ; i = Math.max(i - 8, 0)) {
      if (LineScan.load(a, i) != LineScan.load(b, from + i)) {
        return false;
      }
      if (i == 0) {
        return true;
      }
    }
  }
}
