package io.github.ssekit.sse.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The field recogniser against the spec's plain definition (the name runs to the first colon), on every line of up
 * to six bytes from the letters of the known names, a colon, a space and a byte of no name (non-ASCII), whole and as the
 * start of a line, in the middle of an array (eight-byte load) and at its end (bytes gathered one by one).
 */
class FieldNamesTest {
  private static final Map<String, Integer> KINDS = Map.of("data", FieldNames.DATA, "event", FieldNames.EVENT, "id",
      FieldNames.ID, "retry", FieldNames.RETRY, "", FieldNames.COMMENT);
  private static final byte[] ALPHABET = "dateviny:r \u00e9".getBytes(StandardCharsets.ISO_8859_1);

  @Test
  void recognisesAFieldByTheNameBeforeItsFirstColon() {
    for (int length = 1; length <= 6; length++) {
      int[] digits = new int[length];
      byte[] line = new byte[length];
      byte[] padded = new byte[length + 8];
      do {
        for (int i = 0; i < length; i++) {
          line[i] = ALPHABET[digits[i]];
          padded[3 + i] = line[i];
        }
        String text = new String(line, StandardCharsets.ISO_8859_1);
        for (boolean lineEnded : new boolean[] {true, false}) {
          int expected = expectedKind(text, lineEnded);
          assertEquals(expected, FieldNames.kind(padded, 3, 3 + length, lineEnded), "'" + text + "' " + lineEnded);
          assertEquals(expected, FieldNames.kind(line, 0, length, lineEnded), "'" + text + "' at the end, " + lineEnded);
        }
      } while (next(digits));
    }
  }

  @Test
  void theValueStartsAfterTheColonAndOneSpaceExceptInAComment() {
    assertEquals(5, valueStart("data:"));
    assertEquals(6, valueStart("data: x"));
    assertEquals(6, valueStart("data:  x"));
    assertEquals(4, valueStart("data"));
    assertEquals(3, valueStart("id:7"));
    assertEquals(1, valueStart(": keep-alive"));
    assertEquals(7, valueStart("retry: 5"));
  }

  private static int valueStart(String line) {
    byte[] b = line.getBytes(StandardCharsets.US_ASCII);
    return FieldNames.valueStart(b, 0, b.length, FieldNames.kind(b, 0, b.length, true));
  }

  /** The spec's definition; the start of a line is pending while a known name could still be its whole name. */
  private static int expectedKind(String text, boolean lineEnded) {
    int colon = text.indexOf(':');
    if (colon < 0 && !lineEnded) {
      return KINDS.keySet().stream().anyMatch(name -> name.startsWith(text)) ? FieldNames.PENDING : FieldNames.UNKNOWN;
    }
    return KINDS.getOrDefault(colon < 0 ? text : text.substring(0, colon), FieldNames.UNKNOWN);
  }

  private static boolean next(int[] digits) {
    for (int i = 0; i < digits.length; i++) {
      if (++digits[i] < ALPHABET.length) {
        return true;
      }
      digits[i] = 0;
    }
    return false;
  }
}
