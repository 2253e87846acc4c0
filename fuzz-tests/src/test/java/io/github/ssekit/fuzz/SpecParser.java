package io.github.ssekit.fuzz;

import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseHandler;

/**
 * The WHATWG algorithm written the way the standard states it, as an oracle for the parser target: decode the
 * whole stream (one leading BOM stripped, invalid UTF-8 replaced), split it into lines, interpret each line. It
 * shares no code with sse-core. Where the standard leaves a choice, it follows ssekit's documented policy: an
 * empty {@code retry} is ignored and an overflowing one saturates.
 */
final class SpecParser {
  private static final char REPLACEMENT = '\uFFFD';

  private SpecParser() {}

  /** Reports to {@code out} what a parser with no size limit reports for {@code stream}, fed whole and ended. */
  static void parse(byte[] stream, String seedLastEventId, boolean comments, SseHandler out) {
    String text = decode(stream);
    String lastEventId = seedLastEventId;
    String idBuffer = seedLastEventId;
    StringBuilder data = new StringBuilder();
    String type = "";
    int i = 0;
    while (true) {
      int eol = i;
      while (eol < text.length() && text.charAt(eol) != '\n' && text.charAt(eol) != '\r') {
        eol++;
      }
      if (eol == text.length()) {
        break; // an unterminated last line, and whatever block it is in, is discarded
      }
      String line = text.substring(i, eol);
      i = eol + (text.charAt(eol) == '\r' && eol + 1 < text.length() && text.charAt(eol + 1) == '\n' ? 2 : 1);
      if (line.isEmpty()) {
        if (!idBuffer.equals(lastEventId)) {
          lastEventId = idBuffer;
          out.onLastEventId(lastEventId);
        }
        if (data.length() > 0) {
          data.setLength(data.length() - 1);
          out.onEvent(new SseEvent(type.isEmpty() ? SseEvent.DEFAULT_TYPE : type, data.toString(), lastEventId));
        }
        data.setLength(0);
        type = "";
        continue;
      }
      if (line.charAt(0) == ':') {
        if (comments) {
          out.onComment(line.substring(1));
        }
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (field) {
        case "event":
          type = value;
          break;
        case "data":
          data.append(value).append('\n');
          break;
        case "id":
          if (value.indexOf('\0') < 0) {
            idBuffer = value;
          }
          break;
        case "retry":
          if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            long millis = 0;
            for (int k = 0; k < value.length(); k++) {
              int digit = value.charAt(k) - '0';
              millis = millis > (Long.MAX_VALUE - digit) / 10 ? Long.MAX_VALUE : millis * 10 + digit;
            }
            out.onRetry(millis);
          }
          break;
        default:
          break; // ignored
      }
    }
  }

  /** The Encoding Standard's "UTF-8 decode": one leading BOM removed, each maximal invalid subpart one U+FFFD. */
  static String decode(byte[] b) {
    StringBuilder out = new StringBuilder(b.length);
    int n = b.length;
    int i = n >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF ? 3 : 0;
    while (i < n) {
      int first = b[i] & 0xFF;
      if (first < 0x80) {
        out.append((char) first);
        i++;
        continue;
      }
      int needed;
      int codePoint;
      int lower = 0x80;
      int upper = 0xBF;
      if (first >= 0xC2 && first <= 0xDF) {
        needed = 1;
        codePoint = first & 0x1F;
      } else if (first >= 0xE0 && first <= 0xEF) {
        needed = 2;
        codePoint = first & 0x0F;
        lower = first == 0xE0 ? 0xA0 : 0x80;
        upper = first == 0xED ? 0x9F : 0xBF;
      } else if (first >= 0xF0 && first <= 0xF4) {
        needed = 3;
        codePoint = first & 0x07;
        lower = first == 0xF0 ? 0x90 : 0x80;
        upper = first == 0xF4 ? 0x8F : 0xBF;
      } else {
        out.append(REPLACEMENT);
        i++;
        continue;
      }
      int j = i + 1;
      boolean complete = true;
      for (int k = 0; k < needed; k++, j++) {
        int next = j < n ? b[j] & 0xFF : -1;
        if (next < (k == 0 ? lower : 0x80) || next > (k == 0 ? upper : 0xBF)) {
          complete = false; // the byte at j, if any, starts afresh
          break;
        }
        codePoint = codePoint << 6 | (next & 0x3F);
      }
      if (complete) {
        out.appendCodePoint(codePoint);
      } else {
        out.append(REPLACEMENT);
      }
      i = j;
    }
    return out.toString();
  }
}
