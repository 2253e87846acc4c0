package io.github.ssekit.sse.internal;

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
 * {@link #decodeWhatwg}. Valid text, nearly all of every stream, costs the JDK's decoding and one vectorised search
 * of its result, never a byte-by-byte pre-scan. {@code Utf8Test} checks both against each other on random input.
 */
public final class Utf8 {
  private static final char REPLACEMENT = '\uFFFD';

  private Utf8() {}

  /** Decodes {@code length} bytes from {@code offset}. */
  public static String decode(byte[] bytes, int offset, int length) {
    if (length == 0) {
      return "";
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
