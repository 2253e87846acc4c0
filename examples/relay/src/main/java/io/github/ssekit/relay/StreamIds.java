package io.github.ssekit.relay;

/** Redis stream entry IDs ({@code MILLIS-SEQ}), as the relay's SSE IDs in Redis mode. */
final class StreamIds {
  private StreamIds() {}

  /** Whether {@code id} is a stream entry ID: two unsigned decimal numbers joined by a dash. */
  static boolean valid(String id) {
    int dash = id == null ? -1 : id.indexOf('-');
    return dash > 0 && dash < id.length() - 1 && digits(id, 0, dash) && digits(id, dash + 1, id.length())
        && dash <= 19 && id.length() - dash - 1 <= 19;
  }

  /** Orders two valid IDs as Redis does. */
  static int compare(String a, String b) {
    int da = a.indexOf('-');
    int db = b.indexOf('-');
    int c = Long.compareUnsigned(Long.parseUnsignedLong(a.substring(0, da)), Long.parseUnsignedLong(b.substring(0, db)));
    return c != 0 ? c
        : Long.compareUnsigned(Long.parseUnsignedLong(a.substring(da + 1)), Long.parseUnsignedLong(b.substring(db + 1)));
  }

  private static boolean digits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
