package io.github.ssekit.sse.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 decoding with the replacement semantics of the WHATWG Encoding Standard ("UTF-8 decode without BOM":
 * every maximal invalid subsequence becomes one U+FFFD).
 *
 * <p>The JDK's decoder agrees with WHATWG on every valid input, and emits at least one U+FFFD for every invalid
 * one; the two differ only in how many U+FFFD some invalid inputs become (for an encoded surrogate such as
 * {@code ED A0 80} the JDK emits one where WHATWG emits three: after {@code ED} the next byte must be 80..9F, so
 * {@code ED} alone is the maximal subpart, and each continuation byte is another). So the JDK decodes first, and
 * only a result that holds U+FFFD, from invalid input or from an encoded U+FFFD, is decoded again by
 * {@link #decodeWhatwg}. A valid value shorter than {@value #RUNS_FROM_BYTES} bytes costs the JDK's decoding and one
 * vectorised search of its result, never a byte-by-byte pre-scan; a longer one, the run decoder below.
 * {@code Utf8Test} checks both against each other on random input.
 *
 * <p>Values of {@value #RUNS_FROM_BYTES} bytes and more take {@link #decodeRuns} first. On JDK 17 the JDK's
 * decoder goes byte by byte from the first non-ASCII byte to the end of the value, so a long text with a non-ASCII
 * word every few dozen bytes (any non-English reply, or English with typographic dashes and emoji) is decoded a
 * byte at a time. {@code decodeRuns} widens the whole value into chars once with the JDK's vectorised Latin-1
 * widening, which leaves every ASCII byte's char in place, then finds the non-ASCII bytes eight at a time, decodes
 * only the multi-byte sequences by hand (one after another without a search, as in Chinese text) and moves each
 * ASCII run after one down into place. Measured on 2-20 KB JSON events with a non-ASCII word about every 90 bytes:
 * about 0.6x the JDK's time on JDK 17; on Chinese text 0.7x to 0.8x on JDK 17, 0.7x to 0.95x on JDK 25. It accepts
 * valid UTF-8 only and gives up (returns null) at the first invalid byte, leaving the value to the JDK-then-WHATWG
 * path above, so its output is the JDK's on every input it accepts.
 */
public final class Utf8 {
  private static final char REPLACEMENT = '\uFFFD';

  /**
   * The length from which {@link #decodeRuns} is tried first; below it the JDK's decoder is about as fast, and the
   * per-thread lookups and the Latin-1 decoder's set-up are a fixed cost per value. Measured per value against
   * {@code new String(bytes, UTF_8)}: on English text with a non-ASCII word about every 90 bytes, 0.73x at 48
   * bytes and 0.5x at 128 on JDK 17, 1.05x at 48 and 0.89x at 96 on JDK 25; on Chinese text, 0.76x at 128 bytes on
   * JDK 17 and 0.89x on JDK 25. It also allocates less than the JDK's path, which on JDK 17 decodes into an array
   * twice the value's size and trims it (301 against 474 bytes per 128-byte value).
   */
  static final int RUNS_FROM_BYTES = 128;

  /**
   * The largest char array {@link #decodeRuns} keeps per thread for the next value (64 KiB): its result is copied
   * into the String anyway, so reusing the array saves allocating and zeroing twice the value's size per value.
   * Larger values get an array of their own, so a thread never holds more than this.
   */
  static final int RETAINED_CHARS = 32 * 1024;

  /**
   * Per thread, not per stream: an idle stream holds none of it, and decoding never calls out while it is used.
   * Both hold only JDK classes, so they keep no class loader alive; a virtual thread's go with the thread.
   */
  private static final ThreadLocal<char[][]> SCRATCH = ThreadLocal.withInitial(() -> new char[1][0]);

  /** The decoder {@link #widen} uses; see {@link #SCRATCH}. */
  private static final ThreadLocal<CharsetDecoder> LATIN1 =
      ThreadLocal.withInitial(StandardCharsets.ISO_8859_1::newDecoder);

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGHS = 0x8080808080808080L;

  private Utf8() {}

  /** Decodes {@code length} bytes from {@code offset}. */
  public static String decode(byte[] bytes, int offset, int length) {
    if (length == 0) {
      return "";
    }
    if (length >= RUNS_FROM_BYTES) {
      String runs = decodeRuns(bytes, offset, length);
      if (runs != null) {
        return runs;
      }
    }
    String jdk = new String(bytes, offset, length, StandardCharsets.UTF_8);
    // A Latin-1 String (all chars under U+0100) answers this without a scan.
    return jdk.indexOf(REPLACEMENT) < 0 ? jdk : decodeWhatwg(bytes, offset, length);
  }

  /**
   * Decodes {@code length} bytes from {@code offset}, told whether any of them is 0x80 or above (as
   * {@link LineScan#scan} finds out on the way): all-ASCII bytes are copied into a Latin-1 String, unscanned.
   */
  public static String decode(byte[] bytes, int offset, int length, boolean nonAscii) {
    if (nonAscii) {
      return decode(bytes, offset, length);
    }
    return length == 0 ? "" : new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
  }

  /**
   * Decodes valid UTF-8 run by run (see the class comment), or returns null at the first byte that is not part of
   * a valid sequence: a stray continuation byte, a lead byte C0, C1 or F5 and above, a truncated sequence, an
   * overlong form, an encoded surrogate, a code point above U+10FFFF.
   */
  static String decodeRuns(byte[] bytes, int offset, int length) {
    int end = offset + length;
    int i = asciiRunEnd(bytes, offset, end);
    if (i == end) {
      return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }
    char[] out = scratch(length); // never more UTF-16 units than bytes
    // Every byte widened as a Latin-1 char, in one vectorised pass: the ASCII ones are already the result's chars,
    // at their byte's index. What follows compacts in place: each multi-byte sequence becomes one or two chars at
    // n, and the ASCII run after it moves down to n. Sequences only shrink (2, 3, 4 bytes to 1, 1, 2 chars), so n
    // never passes the index of the byte being read, and nothing is overwritten before it is read.
    widen(bytes, offset, length, out);
    int n = i - offset;
    while (true) {
      int b1 = bytes[i];
      if ((b1 & 0xE0) == 0xC0) {
        if (end - i < 2 || (b1 & 0x1E) == 0) {
          return null; // truncated, or C0/C1 (an overlong ASCII)
        }
        int b2 = bytes[i + 1];
        if ((b2 & 0xC0) != 0x80) {
          return null;
        }
        out[n++] = (char) (((b1 & 0x1F) << 6) | (b2 & 0x3F));
        i += 2;
      } else if ((b1 & 0xF0) == 0xE0) {
        if (end - i < 3) {
          return null;
        }
        int b2 = bytes[i + 1];
        int b3 = bytes[i + 2];
        if ((b2 & 0xC0) != 0x80 || (b3 & 0xC0) != 0x80) {
          return null;
        }
        int c = ((b1 & 0x0F) << 12) | ((b2 & 0x3F) << 6) | (b3 & 0x3F);
        if (c < 0x800 || Character.isSurrogate((char) c)) {
          return null; // overlong, or an encoded surrogate
        }
        out[n++] = (char) c;
        i += 3;
      } else if ((b1 & 0xF8) == 0xF0) {
        if (end - i < 4) {
          return null;
        }
        int b2 = bytes[i + 1];
        int b3 = bytes[i + 2];
        int b4 = bytes[i + 3];
        if ((b2 & 0xC0) != 0x80 || (b3 & 0xC0) != 0x80 || (b4 & 0xC0) != 0x80) {
          return null;
        }
        int c = ((b1 & 0x07) << 18) | ((b2 & 0x3F) << 12) | ((b3 & 0x3F) << 6) | (b4 & 0x3F);
        if (c < 0x10000 || c > Character.MAX_CODE_POINT) {
          return null; // overlong, or F4 90 and above (F5 to F7 land here too)
        }
        out[n++] = Character.highSurrogate(c);
        out[n++] = Character.lowSurrogate(c);
        i += 4;
      } else {
        return null; // a continuation byte where a sequence should start, or F8 to FF
      }
      if (i < end && bytes[i] < 0) {
        continue; // another sequence right after: most of a text in a non-Latin script (measured 0.7x the JDK on CJK)
      }
      int run = i;
      i = asciiRunEnd(bytes, i, end);
      if (i > run) {
        System.arraycopy(out, run - offset, out, n, i - run);
        n += i - run;
      }
      if (i == end) {
        return new String(out, 0, n);
      }
    }
  }

  /** A char array of at least {@code length}: this thread's scratch array, grown up to {@link #RETAINED_CHARS}. */
  private static char[] scratch(int length) {
    if (length > RETAINED_CHARS) {
      return new char[length];
    }
    char[][] holder = SCRATCH.get();
    char[] chars = holder[0];
    if (chars.length < length) {
      chars = new char[Math.min(RETAINED_CHARS, Math.max(length, chars.length * 2))];
      holder[0] = chars;
    }
    return chars;
  }

  /**
   * Writes each of {@code length} bytes from {@code offset} into {@code out} as the char of the same value, with the
   * JDK's vectorised widening (a Latin-1 decoder's array loop: the one public way to it without a String between).
   */
  private static void widen(byte[] bytes, int offset, int length, char[] out) {
    CharsetDecoder latin1 = LATIN1.get();
    latin1.reset();
    // Latin-1 maps every byte to a char, and out has room for all of them: the result is always UNDERFLOW.
    latin1.decode(ByteBuffer.wrap(bytes, offset, length), CharBuffer.wrap(out, 0, length), true);
  }

  /** The index of the first byte of {@code bytes[from, end)} at 0x80 or above, or {@code end}. */
  private static int asciiRunEnd(byte[] bytes, int from, int end) {
    int i = from;
    for (int last = end - 8; i <= last; i += 8) {
      long high = (long) LONGS.get(bytes, i) & HIGHS;
      if (high != 0) {
        return i + (Long.numberOfTrailingZeros(high) >>> 3);
      }
    }
    while (i < end && bytes[i] >= 0) {
      i++;
    }
    return i;
  }

  /** The Encoding Standard's UTF-8 decoder, step by step; the reference for {@link #decode}. */
  public static String decodeWhatwg(byte[] bytes, int offset, int length) {
    char[] out = new char[length]; // never more UTF-16 units than bytes
    int n = 0;
    int codePoint = 0;
    int bytesSeen = 0;
    int bytesNeeded = 0;
    int lower = 0x80;
    int upper = 0xBF;
    int end = offset + length;
    int i = offset;
    while (i < end) {
      int b = bytes[i] & 0xFF;
      if (bytesNeeded == 0) {
        i++;
        if (b <= 0x7F) {
          out[n++] = (char) b;
        } else if (b >= 0xC2 && b <= 0xDF) {
          bytesNeeded = 1;
          codePoint = b & 0x1F;
        } else if (b >= 0xE0 && b <= 0xEF) {
          if (b == 0xE0) {
            lower = 0xA0;
          } else if (b == 0xED) {
            upper = 0x9F;
          }
          bytesNeeded = 2;
          codePoint = b & 0xF;
        } else if (b >= 0xF0 && b <= 0xF4) {
          if (b == 0xF0) {
            lower = 0x90;
          } else if (b == 0xF4) {
            upper = 0x8F;
          }
          bytesNeeded = 3;
          codePoint = b & 0x7;
        } else {
          out[n++] = REPLACEMENT;
        }
        continue;
      }
      if (b < lower || b > upper) {
        // The sequence so far is invalid: one U+FFFD, and this byte is read again as a fresh start.
        codePoint = 0;
        bytesNeeded = 0;
        bytesSeen = 0;
        lower = 0x80;
        upper = 0xBF;
        out[n++] = REPLACEMENT;
        continue;
      }
      i++;
      lower = 0x80;
      upper = 0xBF;
      codePoint = (codePoint << 6) | (b & 0x3F);
      bytesSeen++;
      if (bytesSeen != bytesNeeded) {
        continue;
      }
      if (codePoint >= 0x10000) {
        out[n++] = Character.highSurrogate(codePoint);
        out[n++] = Character.lowSurrogate(codePoint);
      } else {
        out[n++] = (char) codePoint;
      }
      codePoint = 0;
      bytesNeeded = 0;
      bytesSeen = 0;
    }
    if (bytesNeeded != 0) {
      out[n++] = REPLACEMENT; // the input ended inside a sequence
    }
    return new String(out, 0, n);
  }
}
