package io.github.ssekit.browser;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * Generates event streams full of the cases parsers get wrong, from a seed: line endings mixed per line (LF, CR,
 * CRLF), byte order marks (none, one, two, a partial one), NUL bytes, valid and invalid UTF-8 of every kind
 * (lone continuation bytes, truncated sequences, overlongs, encoded surrogates, code points above U+10FFFF, bytes
 * that never occur), comments, fields that only look like known ones, spaces around the colon, {@code retry} and
 * {@code id} variants, blocks without data, long lines, and an unterminated final block. Each stream also gets a
 * random cutting into chunks, with cuts favoured inside CRLF pairs, byte order marks and multi-byte sequences.
 */
final class StreamGenerator {

  /**
   * The event types the harness page listens for ({@code message} through {@code onmessage}). The generator emits
   * these, a few spelled so that they decode to one of them only through UTF-8 replacement, and a few more that
   * nobody listens for (their events are dispatched by both sides but observed by neither).
   */
  static final List<String> NAMES = List.of("message", "update", "ping", "x.y-z", "a:b", " lead", "a b",
      "caf\u00e9", "caf\uFFFD", "s\uFFFD\uFFFD\uFFFD", "\uD83D\uDE00", "n\u0000ul", "\uFEFFbom", "MESSAGE");
  private static final List<String> UNLISTED = List.of("unlisted", "Message", "update ", "pin");

  /** Invalid UTF-8, every kind the Encoding Standard distinguishes. */
  private static final byte[][] INVALID = {
      hex("80"), hex("bf"), hex("c3"), hex("e2 82"), hex("f0 9f 98"), hex("c0 af"), hex("c1 bf"),
      hex("e0 80 af"), hex("e0 9f bf"), hex("f0 8f bf bf"), hex("ed a0 80"), hex("ed bf bf"), hex("ed b0 80"),
      hex("f4 90 80 80"), hex("f5 80 80 80"), hex("f8 88 80 80 80"), hex("fe"), hex("ff"), hex("c3 c3 a9"),
      hex("e2 28 a1"), hex("f0 9f 98 41")};
  /** Valid UTF-8 beyond ASCII, including U+FEFF in the middle of a value and U+FFFD itself. */
  private static final String[] VALID = {"\u00e9", "\u20ac", "\uD83D\uDE00", "\uFFFF", "\uFEFF", "\uFFFD", "\u2028",
      "\u0085", "\u4e2d\u6587", "\u05e9"};
  private static final String[] ASCII_WORDS = {"hello", "a", "x", "{\"k\":1}", "[DONE]", "data", "id", "event",
      "retry", ":", "::", " ", "  ", "\t", "1", "0", "=", "\\", "\"", "'", "<b>", "%00", "\u007f", "\u0001", "\u001b"};
  private static final String[] RETRY = {"0", "1", "10", "007", "00000", "12a", "-1", "+5", " 5", "5 ", "1.5",
      "1e3", "\u0665", "0x10", "3000", "", "99999999999999999999999"};
  /** The first entries of {@link #RETRY}: small or invalid, so a reconnecting stream comes back at once. */
  private static final int QUICK_RETRY = 14;
  private static final String[] ODD_FIELDS = {"Data", "DATA", "data ", " data", "dat", "datas", "\uFEFFdata",
      "Event", "event ", "ID", "Id", "id ", "Retry", "foo", "\u0000", "data\u0000", "d\u00e1ta", "e", "eventx"};

  private final Random random;
  private boolean reconnect;

  StreamGenerator(long seed) {
    this.random = new Random(seed);
  }

  /** One generated stream and the chunks it is written in. */
  /**
   * One generated stream and the chunks it is written in.
   *
   * @param slow pause between chunks, so the browser reads them apart
   * @param reconnect let the browser reconnect once at the end: its {@code Last-Event-ID} header shows the last
   *     event ID it committed, which no event can show when the final block is unfinished or has no data
   */
  record Stream(int index, byte[] bytes, List<byte[]> chunks, boolean slow, boolean reconnect) {}

  Stream next(int index) {
    Out out = new Out();
    reconnect = random.nextInt(5) == 0;
    int eolStyle = random.nextInt(4); // 0 LF, 1 CR, 2 CRLF, 3 mixed per line
    int bom = random.nextInt(10);
    if (bom < 3) {
      out.markEach(hex("ef bb bf"));
      out.afterBom = true;
    } else if (bom == 3) {
      out.markEach(hex("ef bb bf ef bb bf")); // the second one is content: a field name starting with U+FEFF
    } else if (bom == 4) {
      out.markEach(hex("ef bb")); // not a BOM: an invalid sequence at the start of the first line
    }
    if (reconnect) {
      // reconnect at once: Chromium's default delay is 3 s
      out.write("retry: 0".getBytes(StandardCharsets.US_ASCII));
      eol(out, eolStyle);
    }
    int blocks = 1 + random.nextInt(random.nextInt(10) == 0 ? 40 : 8);
    for (int b = 0; b < blocks; b++) {
      int lines = random.nextInt(6);
      for (int l = 0; l < lines; l++) {
        line(out);
        eol(out, eolStyle);
      }
      if (b < blocks - 1 || random.nextInt(2) == 0) {
        eol(out, eolStyle); // the blank line that dispatches
      } else if (random.nextInt(3) == 0) {
        line(out); // the stream ends inside a line
      }
    }
    byte[] bytes = out.bytes();
    return new Stream(index, bytes, cut(bytes, out.marks), random.nextInt(4) == 0, reconnect);
  }

  private void line(Out out) {
    int kind = random.nextInt(100);
    if (kind < 45) {
      field(out, "data", value(random.nextInt(30) == 0 ? 20_000 + random.nextInt(50_000) : random.nextInt(40)));
    } else if (kind < 60) {
      field(out, "event", eventName());
    } else if (kind < 72) {
      field(out, "id", idValue());
    } else if (kind < 77) {
      String retry = RETRY[random.nextInt(reconnect ? QUICK_RETRY : RETRY.length)];
      field(out, "retry", retry.getBytes(StandardCharsets.UTF_8));
    } else if (kind < 85) {
      out.write(':');
      out.write(value(random.nextInt(20)));
    } else if (kind < 93) {
      field(out, ODD_FIELDS[random.nextInt(ODD_FIELDS.length)], value(random.nextInt(10)));
    } else if (kind < 97) {
      out.write(value(1 + random.nextInt(10))); // no colon: the whole line is a field name
    } else {
      // a field name without a colon: the value is empty
      String[] names = {"data", "event", "id", "retry"};
      out.write(names[random.nextInt(names.length)].getBytes(StandardCharsets.UTF_8));
    }
  }

  private void field(Out out, String name, byte[] value) {
    out.write(name.getBytes(StandardCharsets.UTF_8));
    switch (random.nextInt(6)) {
      case 0 -> out.write(':');
      case 1 -> out.write(": ".getBytes(StandardCharsets.US_ASCII));
      case 2 -> out.write(":  ".getBytes(StandardCharsets.US_ASCII));
      case 3 -> out.write(": \t".getBytes(StandardCharsets.US_ASCII));
      default -> out.write(": ".getBytes(StandardCharsets.US_ASCII));
    }
    out.markEach(value);
  }

  private byte[] eventName() {
    int kind = random.nextInt(20);
    if (kind == 0) {
      return new byte[0]; // an empty type means message
    }
    if (kind == 1) {
      return concat(utf8("caf"), pick1Invalid());
    }
    if (kind == 2) {
      return concat(utf8("s"), hex(random.nextBoolean() ? "ed a0 80" : "f4 90 80"));
    }
    if (kind < 5) {
      return utf8(UNLISTED.get(random.nextInt(UNLISTED.size())));
    }
    return utf8(NAMES.get(random.nextInt(NAMES.size())));
  }

  /** One invalid sequence that decodes to exactly one U+FFFD. */
  private byte[] pick1Invalid() {
    String[] one = {"80", "ff", "c3", "e2 82", "f0 9f 98", "fe"};
    return hex(one[random.nextInt(one.length)]);
  }

  private byte[] idValue() {
    int kind = random.nextInt(10);
    if (kind == 0) {
      return new byte[0];
    }
    if (kind == 1) {
      return concat(utf8("a"), new byte[] {0}, utf8("b")); // a NUL: the field is ignored
    }
    return value(random.nextInt(12));
  }

  /** A value of about {@code length} atoms (characters, sequences). */
  private byte[] value(int length) {
    ByteArrayOutputStream value = new ByteArrayOutputStream();
    boolean plain = length > 1000; // long values: mostly ASCII, a few sequences
    for (int i = 0; i < length; i++) {
      int kind = random.nextInt(plain ? 1000 : 20);
      byte[] atom;
      if (kind == 0) {
        atom = new byte[] {0};
      } else if (kind < 3) {
        atom = INVALID[random.nextInt(INVALID.length)];
      } else if (kind < 6) {
        atom = utf8(VALID[random.nextInt(VALID.length)]);
      } else if (kind < 10) {
        atom = utf8(ASCII_WORDS[random.nextInt(ASCII_WORDS.length)]);
      } else {
        atom = new byte[] {(byte) (' ' + random.nextInt(95))};
      }
      value.writeBytes(atom);
    }
    return value.toByteArray();
  }

  private void eol(Out out, int style) {
    int s = style == 3 ? random.nextInt(3) : style;
    if (out.afterBom && out.size() == 3) {
      // Chromium deviation: a lone CR or LF right after the BOM is not a line break there; it becomes the start of
      // the next line, whose field name then matches nothing (EventSourceParser::AddBytes skips the line-break check
      // of the byte after the BOM with `continue`). The standard strips the BOM and reads an empty line, which
      // ssekit does. Only that construction is left out: CRLF after the BOM agrees (the CR becomes a line of its
      // own, ignored), and so does everything else after the BOM.
      s = 2;
    }
    switch (s) {
      case 0 -> out.write('\n');
      case 1 -> out.write('\r');
      default -> {
        out.write('\r');
        out.mark(); // between CR and LF: a favoured cut
        out.write('\n');
      }
    }
  }

  /** Random cuts, some at the marked places (inside CRLF, BOMs and multi-byte sequences). */
  private List<byte[]> cut(byte[] bytes, List<Integer> marks) {
    TreeSet<Integer> cuts = new TreeSet<>();
    int n = bytes.length <= 1 ? 0 : random.nextInt(Math.min(bytes.length, 24));
    for (int i = 0; i < n; i++) {
      if (!marks.isEmpty() && random.nextBoolean()) {
        cuts.add(marks.get(random.nextInt(marks.size())));
      } else {
        cuts.add(1 + random.nextInt(bytes.length - 1));
      }
    }
    cuts.remove(0);
    cuts.remove(bytes.length);
    List<byte[]> chunks = new ArrayList<>();
    int from = 0;
    for (int cut : cuts) {
      chunks.add(java.util.Arrays.copyOfRange(bytes, from, cut));
      from = cut;
    }
    chunks.add(java.util.Arrays.copyOfRange(bytes, from, bytes.length));
    return chunks;
  }

  static byte[] hex(String hex) {
    return java.util.HexFormat.of().parseHex(hex.replace(" ", ""));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** The stream being built, with the offsets where cuts are most interesting. */
  private static final class Out {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final List<Integer> marks = new ArrayList<>();
    /** The stream starts with one byte order mark. */
    boolean afterBom;

    int size() {
      return bytes.size();
    }

    void mark() {
      marks.add(bytes.size());
    }

    void write(int b) {
      bytes.write(b);
    }

    void write(byte[] b) {
      bytes.writeBytes(b);
    }

    /** Writes a value, marking the inside of each multi-byte sequence and BOM. */
    void markEach(byte[] value) {
      int start = bytes.size();
      bytes.writeBytes(value);
      for (int i = 1; i < value.length; i++) {
        if ((value[i] & 0xC0) == 0x80) {
          marks.add(start + i);
        }
      }
    }

    byte[] bytes() {
      return bytes.toByteArray();
    }
  }
}
