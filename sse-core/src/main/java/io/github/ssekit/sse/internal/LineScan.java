package io.github.ssekit.sse.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the next CR or LF eight bytes at a time (SWAR: "SIMD within a register", one long per step), and notes on
 * the way whether any byte before it has its high bit set, so that an all-ASCII value can later be turned into a
 * String without being scanned again.
 *
 * <p>A plain byte loop does one or two comparisons and a branch per byte; this does a handful of long operations
 * per eight bytes. The JDK's own vectorised searches are not reachable from a byte array without copying it.
 */
public final class LineScan {

  /** Set in a {@link #scan} result when a byte before the line end (or before {@code to}) is 0x80 or above. */
  public static final long NON_ASCII = 1L << 32;

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long CRS = 0x0D0D0D0D0D0D0D0DL;
  private static final long LFS = 0x0A0A0A0A0A0A0A0AL;
  private static final long BELOW_0X10 = 0x1010101010101010L;

  private LineScan() {}

  /**
   * Scans {@code bytes[from, to)} for the first CR or LF. The result's low 32 bits, cast to {@code int}, are its
   * index or -1 when there is none; {@link #NON_ASCII} is set when a byte before that index (or before
   * {@code to}) has its high bit set.
   */
  public static long scan(byte[] bytes, int from, int to) {
    long high = 0;
    int i = from;
    for (int last = to - 8; i <= last; i += 8) {
      long v = (long) LONGS.get(bytes, i);
      if (maybeLineEnd(v)) {
        long found = lineEnds(v);
        if (found != 0) {
          int at = Long.numberOfTrailingZeros(found) >>> 3;
          high |= v & ((1L << (at << 3)) - 1); // the bytes before the line end only
          return result(i + at, high);
        }
      }
      high |= v;
    }
    for (; i < to; i++) {
      byte b = bytes[i];
      if (b == '\n' || b == '\r') {
        return result(i, high);
      }
      high |= b;
    }
    return result(-1, high);
  }

  /**
   * Whether some byte of {@code v} is below 0x10, as CR (0x0D) and LF (0x0A) are: one subtraction and two masks,
   * where {@link #lineEnds} takes two of each. Inside a long line (JSON, which escapes every control character,
   * or text) no byte is below 0x10, so the exact test runs only where a line may end. {@code (x - 0x10) & ~x} has a
   * byte's high bit set where x's byte is below 0x10 (and under 0x80); borrows only mark bytes above a true one, so
   * the result is nonzero exactly when such a byte exists.
   */
  static boolean maybeLineEnd(long v) {
    return ((v - BELOW_0X10) & ~v & HIGHS) != 0;
  }

  /**
   * The high bit of each byte of {@code v} that is CR or LF, exact for the lowest such byte (the first in array
   * order): {@code (x - 1) & ~x} has a byte's high bit set where x's byte was zero; a borrow can mark bytes above a
   * true zero, never below it.
   */
  public static long lineEnds(long v) {
    long lf = v ^ LFS;
    long cr = v ^ CRS;
    return ((lf - ONES) & ~lf | (cr - ONES) & ~cr) & HIGHS;
  }

  /** The eight bytes at {@code i}, the first in the lowest byte. */
  public static long load(byte[] bytes, int i) {
    return (long) LONGS.get(bytes, i);
  }

  /** Stores eight bytes at {@code i}, the lowest byte first. */
  public static void store(byte[] bytes, int i, long v) {
    LONGS.set(bytes, i, v);
  }

  /** Whether any byte of {@code v} has its high bit set. */
  public static boolean nonAscii(long v) {
    return (v & HIGHS) != 0;
  }

  private static long result(int index, long high) {
    long h = high & HIGHS;
    return (index & 0xFFFFFFFFL) | (((h | -h) >>> 63) << 32); // NON_ASCII when h != 0, without a branch
  }
}
