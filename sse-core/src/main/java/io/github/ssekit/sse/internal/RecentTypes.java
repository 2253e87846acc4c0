package io.github.ssekit.sse.internal;

import java.util.Arrays;

/**
 * Recent event types kept as Strings, so that a stream of a few names allocates none per event. It outlives the
 * blocks (that is its point); a plain loop over a few short keys, as these are a few bytes long.
 */
final class RecentTypes {
  private static final int SIZE = 8;
  private static final int MAX_LENGTH = 32;

  private byte[][] keys;
  private String[] values;
  private int next;

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
    for (int i = 0; i < SIZE; i++) {
      byte[] key = keys[i];
      if (key == null) {
        break;
      }
      if (key.length == n && sameBytes(key, b, from, n)) {
        return values[i];
      }
    }
    String type = Utf8.decode(b, from, n, nonAscii);
    keys[next] = Arrays.copyOfRange(b, from, to);
    values[next] = type;
    next = (next + 1) % SIZE;
    return type;
  }

  /** Whether {@code a[0, n)} equals {@code b[from, from + n)}. */
  private static boolean sameBytes(byte[] a, byte[] b, int from, int n) {
    for (int i = 0; i < n; i++) {
      if (a[i] != b[from + i]) {
        return false;
      }
    }
    return true;
  }
}
