package io.github.ssekit.sse;

import java.nio.charset.StandardCharsets;

/**
 * Writes events, comments and {@code retry} fields as {@code text/event-stream} text that any spec-conforming
 * parser reads back as given.
 *
 * <p>Data is split into one {@code data:} line per line, at CR, LF and CRLF (a reader joins them with LF, so CR and
 * CRLF inside data come back as LF). Every value is written after {@code ": "}, so leading spaces survive. Event
 * types and IDs cannot contain CR or LF, and IDs cannot contain U+0000 (a reader would ignore them): such values
 * are rejected with an {@link IllegalArgumentException} rather than sent broken.
 */
public final class SseEncoder {
  private SseEncoder() {}

  /** An event with data only: {@code data: ...} lines and the blank line. */
  public static String event(String data) {
    return event(null, data, null);
  }

  /**
   * An event.
   *
   * @param type the event type, or {@code null} or {@code ""} for the default type {@code message}
   * @param data the data; {@code ""} is a valid event with empty data
   * @param id the ID to set, or {@code null} to leave the last event ID unchanged ({@code ""} resets it)
   */
  public static String event(String type, String data, String id) {
    StringBuilder out = new StringBuilder(data.length() + 16);
    appendEvent(out, type, data, id);
    return out.toString();
  }

  /** Appends an event to {@code out}; see {@link #event(String, String, String)}. */
  public static void appendEvent(StringBuilder out, String type, String data, String id) {
    if (type != null && !type.isEmpty()) {
      requireNoLineBreak(type, "event type");
      out.append("event: ").append(type).append('\n');
    }
    if (id != null) {
      requireNoLineBreak(id, "event ID");
      if (id.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("an event ID containing U+0000 would be ignored by readers");
      }
      out.append("id: ").append(id).append('\n');
    }
    appendLines(out, "data: ", data);
    out.append('\n');
  }

  /** A comment (readers ignore it; useful as a keep-alive). Multi-line text becomes one comment per line. */
  public static String comment(String text) {
    StringBuilder out = new StringBuilder(text.length() + 4);
    appendLines(out, ":", text);
    return out.toString();
  }

  /** A {@code retry} field asking readers to wait {@code millis} before reconnecting. */
  public static String retry(long millis) {
    if (millis < 0) {
      throw new IllegalArgumentException("retry must not be negative: " + millis);
    }
    return "retry: " + millis + "\n";
  }

  /** The UTF-8 bytes of encoded text, as the stream must carry them. */
  public static byte[] toBytes(String encoded) {
    return encoded.getBytes(StandardCharsets.UTF_8);
  }

  private static void appendLines(StringBuilder out, String prefix, String text) {
    int start = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\r' || c == '\n') {
        out.append(prefix).append(text, start, i).append('\n');
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    out.append(prefix).append(text, start, n).append('\n');
  }

  private static void requireNoLineBreak(String value, String what) {
    if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("the " + what + " cannot contain CR or LF");
    }
  }
}
