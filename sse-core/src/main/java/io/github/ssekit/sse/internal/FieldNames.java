package io.github.ssekit.sse.internal;

import java.nio.charset.StandardCharsets;

/**
 * The one place where the parser recognises field names, for whole lines and for the start of a line that goes
 * on in the next feed alike.
 *
 * <p>A line's field name is its bytes up to the first colon, or the whole line when it has none. The parser acts
 * on five names ({@code data}, {@code event}, {@code id}, {@code retry}, and the empty name of a comment); the spec
 * ignores every other line. So a line can be recognised from its first bytes alone, without looking for its
 * colon: a known name followed by a colon or by the end of the line. The first byte picks the only name it can
 * be, and the name with its colon is compared as one long (eight bytes loaded at once, as {@link LineScan} does),
 * masked to the bytes that have arrived.
 */
public final class FieldNames {

  /** Only the start of a line is known, and it could still become a known name (or is one, without its colon). */
  public static final int PENDING = -1;
  /** A field the spec ignores. */
  public static final int UNKNOWN = 0;

  public static final int DATA = 1;
  public static final int EVENT = 2;
  public static final int ID = 3;
  public static final int RETRY = 4;
  /** A line that starts with a colon: a field with an empty name. */
  public static final int COMMENT = 5;

  /** The names, by kind. */
  private static final String[] NAMES = {null, "data", "event", "id", "retry", ""};

  private static final byte SPACE = ' ';

  /** Each name with its colon, as {@link LineScan#load} reads bytes: its first byte lowest. */
  private static final long[] WORDS = new long[NAMES.length];
  /** The length of each name, which is also where its colon is. */
  private static final int[] LENGTHS = new int[NAMES.length];
  /** The kind of the one known name that starts with a byte (a colon for a comment), else {@link #UNKNOWN}. */
  private static final byte[] KIND_BY_FIRST_BYTE = new byte[256];

  static {
    for (int kind = DATA; kind < NAMES.length; kind++) {
      byte[] name = (NAMES[kind] + ":").getBytes(StandardCharsets.US_ASCII);
      long word = 0;
      for (int i = name.length - 1; i >= 0; i--) {
        word = word << 8 | name[i];
      }
      WORDS[kind] = word;
      LENGTHS[kind] = name.length - 1;
      if (KIND_BY_FIRST_BYTE[name[0]] != UNKNOWN) {
        throw new AssertionError("two field names start with " + (char) name[0]);
      }
      KIND_BY_FIRST_BYTE[name[0]] = (byte) kind;
    }
  }

  private FieldNames() {}

  /**
   * The field of a line from its bytes {@code b[start, end)}, at least one. When {@code lineEnded}, they are the
   * whole line: a known name followed by a colon or the line end is that field, any other line {@link #UNKNOWN}.
   * Otherwise they are only its start so far: {@link #PENDING} while they are a known name or the start of one
   * (the colon, or the rest of the name, may come next), and a kind as soon as a known name and its colon are in.
   */
  public static int kind(byte[] b, int start, int end, boolean lineEnded) {
    long word = start + 8 <= b.length ? LineScan.load(b, start) : gather(b, start, end);
    int kind = KIND_BY_FIRST_BYTE[(int) word & 0xFF];
    if (kind == UNKNOWN) {
      return UNKNOWN;
    }
    int length = LENGTHS[kind];
    int n = end - start;
    int compared = Math.min(n, length + 1); // the name and its colon, as far as they have arrived
    if (((word ^ WORDS[kind]) & (-1L >>> (64 - 8 * compared))) != 0) {
      return UNKNOWN;
    }
    if (n > length) {
      return kind; // the name and its colon
    }
    if (!lineEnded) {
      return PENDING;
    }
    return n == length ? kind : UNKNOWN; // a line that is only the name is the field with an empty value
  }

  /**
   * Where the value of a line of a known kind starts: after its name, its colon and one space, or at the end of a
   * line without a colon. A comment's value keeps its space (it is reported as written).
   */
  public static int valueStart(byte[] b, int start, int end, int kind) {
    int value = start + LENGTHS[kind] + 1;
    if (value > end) {
      return end;
    }
    return kind != COMMENT && value < end && b[value] == SPACE ? value + 1 : value;
  }

  /**
   * Whether the bytes so far of a line of a known kind end with its colon, so that the space that may start its
   * value has not arrived yet.
   */
  public static boolean endsWithColon(int start, int end, int kind) {
    return end - start == LENGTHS[kind] + 1;
  }

  /** The first bytes of {@code b[start, end)}, up to eight, as {@link LineScan#load} reads them, near an array's end. */
  private static long gather(byte[] b, int start, int end) {
    long word = 0;
    for (int i = Math.min(end, start + 8) - 1; i >= start; i--) {
      word = word << 8 | (b[i] & 0xFF);
    }
    return word;
  }
}
