package io.github.ssekit.sse;

import static io.github.ssekit.sse.internal.FieldNames.COMMENT;
import static io.github.ssekit.sse.internal.FieldNames.DATA;
import static io.github.ssekit.sse.internal.FieldNames.EVENT;
import static io.github.ssekit.sse.internal.FieldNames.ID;
import static io.github.ssekit.sse.internal.FieldNames.PENDING;
import static io.github.ssekit.sse.internal.FieldNames.RETRY;
import static io.github.ssekit.sse.internal.FieldNames.UNKNOWN;

import io.github.ssekit.sse.internal.EventBlock;
import io.github.ssekit.sse.internal.FieldNames;
import io.github.ssekit.sse.internal.LineScan;
import io.github.ssekit.sse.internal.PartialLine;
import io.github.ssekit.sse.internal.Utf8;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A push parser that turns the bytes of a Server-Sent Event stream into events, exactly as the WHATWG HTML
 * standard's "Parsing an event stream" and "Interpreting an event stream" say.
 *
 * <p>Feed it the body as it arrives, in slices of any size ({@link #feed(byte[], int, int)},
 * {@link #feed(ByteBuffer)}), then call {@link #end()}. Chunk boundaries may fall anywhere, including inside a
 * CRLF pair, the byte order mark or a UTF-8 sequence: the events are the same as for the whole stream at once.
 *
 * <p>What the parser guarantees:
 *
 * <ul>
 *   <li>CR, LF and CRLF all end a line; one UTF-8 byte order mark at the very start is skipped (a second one is
 *       content); field names are case-sensitive; exactly one space after the colon is removed; a line without
 *       a colon is a field with an empty value.
 *   <li>{@code id} values containing U+0000 are ignored. The last event ID is committed at dispatch (also for a
 *       block without data) and can be seeded for a reconnection; the end of the stream discards an unfinished
 *       block, its {@code id} included.
 *   <li>{@code retry} is accepted only when its value is one or more ASCII digits (leading zeros allowed). An
 *       empty value is ignored. A value too large for a {@code long} saturates at {@link Long#MAX_VALUE}:
 *       the server asked for "never soon", and the reconnecting client caps the delay with its own maximum.
 *   <li>UTF-8 is decoded with the Encoding Standard's replacement rules (one U+FFFD per maximal invalid
 *       subsequence, three for an encoded surrogate such as {@code ED A0 80}), once per field value.
 *   <li>Linear time and bounded memory: each byte is scanned once (eight at a time); the data of an event that
 *       is one line within one feed goes straight from the fed array into its String, and other data is copied
 *       once into a buffer, never re-scanned or re-concatenated. The data of one event (its data values plus one line feed per {@code data} line) may
 *       grow to {@link Builder#maxEventBytes(int)} bytes, and so may each {@code event}, {@code id} and
 *       {@code retry} value. A larger event is dropped whole (data, type and id) with an
 *       {@link SseEventTooLargeException} to {@link SseHandler#onError}; the parser skips to the next blank line
 *       and the stream goes on. A reported comment over the limit is dropped with the same error, without
 *       skipping. Lines the spec ignores (unknown fields, comments nobody listens to) are never buffered.
 *       These rules depend only on the stream, never on where the feeds split it.
 * </ul>
 *
 * <p>Not thread-safe: feed one parser from one thread at a time (as an event loop or a reading thread does).
 */
public final class SseParser {

  /** The default {@link Builder#maxEventBytes(int) event size limit}: 8 MiB. */
  public static final int DEFAULT_MAX_EVENT_BYTES = 8 * 1024 * 1024;

  private static final byte CR = '\r';
  private static final byte LF = '\n';
  private static final byte SPACE = ' ';
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  // The state, by lifetime (laid out as Netty's HttpObjectDecoder: a position, and small parts that own theirs):
  // - the stream, in this class: the settings, what the stream committed (last event ID, retry), and the Position;
  // - the block being read, an EventBlock (data, type, id, dropped or not), whose clear() is the one block reset;
  // - the line that spans feeds, a PartialLine, held only while the whole line is needed.
  // Field names are recognised in one place, FieldNames, for a whole line and for the start of a held one.
  // The hot path is a whole line within one feed, at LINE_START: LineScan finds its end eight bytes at a time,
  // FieldNames reads its name from one long, and a data value is only viewed in the fed array until dispatch. The
  // parts are final classes, so their calls are static and inlined; the handler is the only interface called.

  /**
   * Where the parser is in the stream. A feed starts where the last one left off, so that a line, a CRLF pair or a
   * byte order mark split anywhere reads as if it came whole.
   */
  private enum Position {
    /** Before the stream's first byte, or within its optional byte order mark ({@code bomMatched} bytes so far). */
    STREAM_START,
    /** At the start of a line: the common case, where a whole line is in the fed bytes and is read from them. */
    LINE_START,
    /** The previous feed ended with CR: an LF at the start of this one belongs to it. */
    AFTER_CR,
    /**
     * In a line that began in an earlier feed, held whole in the line buffer: its field is not known yet, or it is
     * an {@code event}, {@code id} or {@code retry} line or a reported comment, whose value is used whole.
     */
    LINE_BUFFERED,
    /** In a line nobody needs: an unknown field, an unwanted comment, a line of a dropped block or over the limit. */
    LINE_IGNORED,
    /** In a data line, right after its colon: a space at the start of the next bytes is skipped. */
    DATA_VALUE_START,
    /** In a data line's value, which goes to the block's data as it arrives: copied once, never buffered whole. */
    DATA_VALUE,
    /** After {@link #end()}: feeds are refused until {@link #reset()}. */
    ENDED
  }

  // Settings.
  private final SseHandler handler;
  private final boolean comments;
  private final int maxEventBytes;

  // The stream: what it committed (kept across reset(), a reconnection), and where the parser is in it.
  private String lastEventId;
  private long retry = -1;
  private Position position = Position.STREAM_START;
  private int bomMatched;
  /** Bumped by reset() and end(), so that a feed loop notices that a callback stopped the parser. */
  private int generation;
  /** Where the bytes of a direct ByteBuffer are copied to be fed; reused from feed to feed. */
  private ByteBuffer scratch;

  /** The block being read: cleared at each blank line, when dropped, and with the stream. */
  private final EventBlock block;
  /** The line being read when it spans feeds: cleared at each line end. */
  private final PartialLine line = new PartialLine();

  private SseParser(Builder builder) {
    this.handler = Objects.requireNonNull(builder.handler, "handler");
    this.comments = builder.comments;
    this.maxEventBytes = builder.maxEventBytes;
    this.lastEventId = builder.lastEventId;
    this.block = new EventBlock(maxEventBytes, lastEventId);
  }

  /** A parser with default settings that reports to {@code handler}. */
  public static SseParser create(SseHandler handler) {
    return builder().handler(handler).build();
  }

  /** A builder of parsers. */
  public static Builder builder() {
    return new Builder();
  }

  /** Feeds the whole array. */
  public void feed(byte[] bytes) {
    feed(bytes, 0, bytes.length);
  }

  /**
   * Feeds {@code length} bytes of {@code bytes} from {@code offset}. Events complete in them are dispatched before
   * this returns. The array is not retained.
   *
   * @throws IllegalStateException after {@link #end()}
   */
  public void feed(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    if (position == Position.ENDED) {
      throw new IllegalStateException("feed after end(): call reset() to start a new stream");
    }
    int end = offset + length;
    int p = offset;
    int gen = generation;
    try {
      while (p < end) {
        Position at = position;
        int eol;
        if (at == Position.LINE_START) {
          // Most lines end in the feed they start in: read straight from its array, never buffered.
          long scan = LineScan.scan(bytes, p, end);
          eol = (int) scan;
          boolean nonAscii = (scan & LineScan.NON_ASCII) != 0;
          if (eol < 0) {
            holdLine(bytes, p, end, nonAscii);
            return;
          }
          processLine(bytes, p, eol, nonAscii);
        } else if (at == Position.DATA_VALUE || at == Position.LINE_BUFFERED || at == Position.LINE_IGNORED) {
          // A line that began in an earlier feed goes on, and may end in this one.
          eol = at == Position.DATA_VALUE ? block.appendShortPiece(bytes, p, end) : EventBlock.NOT_TAKEN;
          if (eol == EventBlock.NOT_TAKEN) {
            long scan = LineScan.scan(bytes, p, end);
            eol = (int) scan;
            continueLine(bytes, p, eol < 0 ? end : eol, (scan & LineScan.NON_ASCII) != 0);
          }
          if (eol < 0 || gen != generation) {
            return;
          }
          finishLine();
        } else {
          p = stepOver(at, bytes, p, end);
          continue;
        }
        if (gen != generation) {
          return; // a callback called end() or reset()
        }
        p = eol + 1;
        if (bytes[eol] == CR) {
          if (p == end) {
            position = Position.AFTER_CR;
          } else if (bytes[p] == LF) {
            p++;
          }
        }
      }
    } finally {
      block.endFeed(); // the caller may reuse its array once feed returns
    }
  }

  /**
   * Feeds the remaining bytes of {@code buffer} and advances its position past what was fed: to its limit, or,
   * when a callback ended the parser, past the bytes fed until then.
   */
  public void feed(ByteBuffer buffer) {
    if (buffer.hasArray()) {
      int n = buffer.remaining();
      feed(buffer.array(), buffer.arrayOffset() + buffer.position(), n);
      buffer.position(buffer.position() + n);
      return;
    }
    if (scratch == null) {
      scratch = ByteBuffer.allocate(8192);
    }
    int gen = generation;
    while (buffer.hasRemaining() && gen == generation) {
      int n = Math.min(scratch.capacity(), buffer.remaining());
      buffer.get(scratch.array(), 0, n);
      feed(scratch.array(), 0, n);
    }
  }

  /**
   * Ends the stream: an unfinished block is discarded without dispatch, and its {@code id} is not committed.
   * Further {@code feed} calls throw until {@link #reset()}. Calling it twice is harmless.
   */
  public void end() {
    discardPending(Position.ENDED);
  }

  /**
   * Prepares for a new stream on the same source (a reconnection): discards anything unfinished, expects an
   * optional byte order mark again, and keeps the committed {@link #lastEventId()} and {@link #retry()}.
   */
  public void reset() {
    bomMatched = 0;
    discardPending(Position.STREAM_START);
  }

  /** The last event ID committed at dispatch, {@code ""} when none: the value to send as {@code Last-Event-ID}. */
  public String lastEventId() {
    return lastEventId;
  }

  /** The reconnection time the server last set with {@code retry}, in milliseconds; empty when never set. */
  public OptionalLong retry() {
    return retry < 0 ? OptionalLong.empty() : OptionalLong.of(retry);
  }

  /** The size limit of one event in bytes. */
  public int maxEventBytes() {
    return maxEventBytes;
  }

  /** Drops the line and the block being read, and stops a feed loop that is running (a callback's call). */
  private void discardPending(Position next) {
    generation++;
    position = next;
    line.clear();
    block.clear(lastEventId);
  }

  /**
   * The positions where only the next byte matters: after a CR that ended the last feed, after a data line's
   * colon, and at the start of the stream. Returns where the line (or the stream's first line) starts.
   */
  private int stepOver(Position at, byte[] bytes, int p, int end) {
    if (at == Position.AFTER_CR) {
      position = Position.LINE_START;
      return bytes[p] == LF ? p + 1 : p;
    }
    if (at == Position.DATA_VALUE_START) {
      position = Position.DATA_VALUE;
      return bytes[p] == SPACE ? p + 1 : p;
    }
    return skipByteOrderMark(bytes, p, end);
  }

  /** Consumes the first bytes of a stream while they match the BOM; returns where the content starts. */
  private int skipByteOrderMark(byte[] bytes, int p, int end) {
    while (p < end && bytes[p] == BOM[bomMatched]) {
      p++;
      if (++bomMatched == BOM.length) {
        position = Position.LINE_START;
        return p;
      }
    }
    if (p < end) {
      position = Position.LINE_START;
      if (bomMatched > 0) {
        holdLine(BOM, 0, bomMatched, true); // not a BOM after all: the bytes held back start the first line
      }
    }
    return p;
  }

  /**
   * A line starts with {@code bytes[from, to)} and goes on after them (in the next feed, or after the bytes of a
   * BOM that was not one): keep what will be needed of it.
   */
  private void holdLine(byte[] bytes, int from, int to, boolean nonAscii) {
    position = Position.LINE_BUFFERED;
    if (neededWhole(bytes, from, to, nonAscii)) {
      line.append(bytes, from, to - from, nonAscii);
    }
  }

  /** More of a line that began in an earlier feed, {@code bytes[from, to)}, before its end if it has one here. */
  private void continueLine(byte[] bytes, int from, int to, boolean nonAscii) {
    if (from == to) {
      return;
    }
    if (position == Position.DATA_VALUE) {
      appendData(bytes, from, to - from, nonAscii);
    } else if (position == Position.LINE_BUFFERED) {
      line.append(bytes, from, to - from, nonAscii);
      if (!neededWhole(line.bytes(), 0, line.length(), line.nonAscii())) {
        line.clear();
      }
    }
    // LINE_IGNORED: nothing to keep
  }

  /**
   * Decides from the start of a line, {@code b[start, end)}, whether the line must be held whole: while its field
   * is not known, and for an {@code event}, {@code id}, {@code retry} or reported comment line within the limit.
   * Otherwise the position says what comes of the rest of the line: a data value goes on into the block (copied
   * once, whatever its size), any other line is ignored, after an error when it is over the limit.
   */
  private boolean neededWhole(byte[] b, int start, int end, boolean nonAscii) {
    int kind = neededField(b, start, end, false);
    if (kind == PENDING) {
      return true;
    }
    if (kind == UNKNOWN) {
      position = Position.LINE_IGNORED; // ignored by the spec: nothing to keep, nothing to report
      return false;
    }
    int value = FieldNames.valueStart(b, start, end, kind);
    if (kind == DATA) {
      position = FieldNames.endsWithColon(start, end, DATA) ? Position.DATA_VALUE_START : Position.DATA_VALUE;
      appendData(b, value, end - value, nonAscii); // with nothing yet, still checks the limit and keeps room for the LF
      return false;
    }
    if (end - value > maxEventBytes) {
      position = Position.LINE_IGNORED; // first: the error callback may reset the parser
      reportTooLarge(kind);
      return false;
    }
    return true;
  }

  /** Appends part of a data value that spans feeds to the block, or drops the block when it would be too large. */
  private void appendData(byte[] b, int from, int n, boolean nonAscii) {
    if (!block.append(b, from, n, nonAscii)) {
      position = Position.LINE_IGNORED; // first: the error callback may reset the parser
      eventTooLarge();
    }
  }

  /** The line that began in an earlier feed ends. */
  private void finishLine() {
    Position at = position;
    position = Position.LINE_START;
    if (at == Position.DATA_VALUE || at == Position.DATA_VALUE_START) {
      block.endLine();
    } else if (at == Position.LINE_BUFFERED) {
      byte[] b = line.bytes();
      int n = line.length();
      boolean nonAscii = line.nonAscii();
      line.clear();
      processLine(b, 0, n, nonAscii);
    }
    // LINE_IGNORED: a non-empty line nobody needs, so it cannot end a block
  }

  /**
   * The field of a line that the parser acts on, or {@link FieldNames#UNKNOWN} for a line it ignores (also a comment
   * nobody listens to, and any line of a dropped block); {@link FieldNames#PENDING} as {@link FieldNames#kind} says.
   */
  private int neededField(byte[] b, int start, int end, boolean lineEnded) {
    if (block.dropped()) {
      return UNKNOWN;
    }
    int kind = FieldNames.kind(b, start, end, lineEnded);
    return kind == COMMENT && !comments ? UNKNOWN : kind;
  }

  /** A whole line, {@code b[start, end)} without its line end. */
  private void processLine(byte[] b, int start, int end, boolean nonAscii) {
    if (start == end) {
      dispatch(); // a dropped block has nothing left to dispatch, and this ends it
      return;
    }
    int kind = neededField(b, start, end, true);
    if (kind == UNKNOWN) {
      return;
    }
    // The name of a field the parser uses is ASCII, so nonAscii (about the whole line) is about the value.
    int value = FieldNames.valueStart(b, start, end, kind);
    if (kind == DATA) {
      // The block's first data line is viewed in the array being fed, never in the line buffer, which is reused.
      if (!block.addLine(b, value, end, nonAscii, b != line.bytes())) {
        eventTooLarge();
      }
      return;
    }
    if (end - value > maxEventBytes) {
      reportTooLarge(kind);
      return;
    }
    switch (kind) {
      case EVENT:
        block.setType(b, value, end, nonAscii);
        break;
      case ID:
        block.setId(b, value, end, nonAscii);
        break;
      case RETRY:
        setRetry(b, value, end);
        break;
      case COMMENT:
        handler.onComment(Utf8.decode(b, value, end - value, nonAscii));
        break;
      default:
        throw new AssertionError(kind);
    }
  }

  private void setRetry(byte[] b, int from, int to) {
    if (from == to) {
      return;
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      int digit = b[i] - '0';
      if (digit < 0 || digit > 9) {
        return;
      }
      value = value > (Long.MAX_VALUE - digit) / 10 ? Long.MAX_VALUE : value * 10 + digit;
    }
    retry = value;
    handler.onRetry(value);
  }

  /**
   * A blank line: the block's id is committed (also without data), and its data, if any, becomes an event. The
   * block is cleared before onEvent, so that the handler may end or reset the parser.
   */
  private void dispatch() {
    String previous = lastEventId;
    lastEventId = block.id(); // the block's own String, also when equal: its bytes stay known for the next block
    if (!lastEventId.equals(previous)) {
      handler.onLastEventId(lastEventId);
    }
    String data = block.hasData() ? block.data() : null; // after the callback: a reset() there leaves no data
    String type = block.type();
    block.clear(lastEventId);
    if (data != null) {
      handler.onEvent(new SseEvent(type.isEmpty() ? SseEvent.DEFAULT_TYPE : type, data, lastEventId));
    }
  }

  /** A value over the limit: a comment is dropped alone, any field drops its whole block. */
  private void reportTooLarge(int kind) {
    if (kind == COMMENT) {
      handler.onError(new SseEventTooLargeException(maxEventBytes, "comment"));
    } else {
      eventTooLarge();
    }
  }

  private void eventTooLarge() {
    block.drop(lastEventId);
    handler.onError(new SseEventTooLargeException(maxEventBytes));
  }

  /** Builds an {@link SseParser}. */
  public static final class Builder {
    private SseHandler handler;
    private boolean comments;
    private int maxEventBytes = DEFAULT_MAX_EVENT_BYTES;
    private String lastEventId = "";

    private Builder() {}

    /** Where events and the other findings go. Required. */
    public Builder handler(SseHandler handler) {
      this.handler = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /** Whether comment lines reach {@link SseHandler#onComment}. Off by default. */
    public Builder comments(boolean comments) {
      this.comments = comments;
      return this;
    }

    /**
     * The largest event, in bytes, that the parser will buffer: its data (with one line feed per data line) plus
     * any line still incomplete at the end of a feed. Default {@link #DEFAULT_MAX_EVENT_BYTES} (8 MiB).
     */
    public Builder maxEventBytes(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxEventBytes must be positive: " + bytes);
      }
      this.maxEventBytes = bytes;
      return this;
    }

    /**
     * Seeds the last event ID, for a parser that continues a stream after a reconnection. Default {@code ""}.
     *
     * @throws IllegalArgumentException if it contains U+0000, which no stream could have set
     */
    public Builder lastEventId(String lastEventId) {
      if (lastEventId.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("a last event ID cannot contain U+0000");
      }
      this.lastEventId = lastEventId;
      return this;
    }

    public SseParser build() {
      return new SseParser(this);
    }
  }
}
