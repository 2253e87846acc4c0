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
import io.github.ssekit.sse.internal.Utf8;
import java.nio.ByteBuffer;
import java.util.Arrays;
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
 *       grow to {@link Builder#maxEventSize(int)} bytes, and so may each {@code event}, {@code id} and
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

  /** The default {@link Builder#maxEventSize(int) event size limit}: 8 MiB. */
  public static final int DEFAULT_MAX_EVENT_SIZE = 8 * 1024 * 1024;

  private static final byte CR = '\r';
  private static final byte LF = '\n';
  private static final byte COLON = ':';
  private static final byte SPACE = ' ';
  private static final int INITIAL_BUFFER = 256;
  /** Buffers that grew past this are released after their event, so an idle stream holds little memory. */
  private static final int RETAINED_BUFFER = 64 * 1024;

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private static final byte[] EMPTY = new byte[0];

  private final SseHandler handler;
  private final boolean comments;
  private final int maxEventSize;

  // Committed state: survives events, and reconnections through reset().
  private String lastEventId;
  private long retry = -1;

  /** The block being read: its data, type and id. */
  private final EventBlock block;

  // The line being read when it spans feeds.
  private byte[] line = EMPTY;
  private int lineLength;
  /** Some bytes of the current line came in an earlier feed. */
  private boolean lineStarted;
  /** The rest of the current line is not needed (a comment nobody listens to, or a line of a dropped event). */
  private boolean lineDropped;
  /** Some byte of the buffered line is 0x80 or above. */
  private boolean lineNonAscii;
  /** The line is a data line: its value goes straight to the data buffer, not through the line buffer. */
  private boolean lineInData;
  /** ...and nothing of its value has arrived yet: one space at the start of the next bytes is skipped. */
  private boolean lineSpacePending;
  /** The previous feed ended with CR: an LF at the start of the next one belongs to it. */
  private boolean skipLineFeed;

  private int bomMatched;
  private boolean bomDone;
  private boolean ended;
  /** Bumped by reset() and end(), so a feed loop notices that a callback stopped the parser. */
  private int generation;

  private ByteBuffer scratch;

  private SseParser(Builder builder) {
    this.handler = Objects.requireNonNull(builder.handler, "handler");
    this.comments = builder.comments;
    this.maxEventSize = builder.maxEventSize;
    this.lastEventId = builder.lastEventId;
    this.block = new EventBlock(maxEventSize, lastEventId);
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
    if (ended) {
      throw new IllegalStateException("feed after end(): call reset() to start a new stream");
    }
    int end = offset + length;
    int p = offset;
    int gen = generation;
    if (!bomDone) {
      p = skipByteOrderMark(bytes, p, end);
    }
    if (skipLineFeed && p < end) {
      skipLineFeed = false;
      if (bytes[p] == LF) {
        p++;
      }
    }
    try {
      while (p < end) {
        int eol;
        if (lineInData) {
          // The value of a data line that spans feeds: straight into the data buffer.
          eol = continueDataLine(bytes, p, end);
          if (eol < 0 || gen != generation) {
            return;
          }
          if (lineInData) {
            endDataLine();
          } else {
            finishSpanningLine(bytes, eol, eol, false); // dropped as too large on the way
          }
        } else {
          long scan = LineScan.scan(bytes, p, end);
          eol = (int) scan;
          boolean nonAscii = (scan & LineScan.NON_ASCII) != 0;
          if (eol < 0) {
            holdPartialLine(bytes, p, end, nonAscii);
            return;
          }
          if (lineStarted) {
            finishSpanningLine(bytes, p, eol, nonAscii);
          } else {
            processLine(bytes, p, eol, nonAscii);
          }
          if (gen != generation) {
            return; // a callback called end() or reset()
          }
        }
        p = eol + 1;
        if (bytes[eol] == CR) {
          if (p < end) {
            if (bytes[p] == LF) {
              p++;
            }
          } else {
            skipLineFeed = true;
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
    discardPending();
    ended = true;
  }

  /**
   * Prepares for a new stream on the same source (a reconnection): discards anything unfinished, expects an
   * optional byte order mark again, and keeps the committed {@link #lastEventId()} and {@link #retry()}.
   */
  public void reset() {
    discardPending();
    ended = false;
    bomDone = false;
    bomMatched = 0;
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
  public int maxEventSize() {
    return maxEventSize;
  }

  private void discardPending() {
    generation++;
    resetLine();
    skipLineFeed = false;
    block.clear(lastEventId);
  }

  /** Consumes the first bytes of a stream while they match the BOM; returns where the content starts. */
  private int skipByteOrderMark(byte[] bytes, int p, int end) {
    while (p < end && bomMatched < BOM.length) {
      if (bytes[p] != BOM[bomMatched]) {
        bomDone = true;
        if (bomMatched > 0) {
          // Not a BOM after all: the bytes held back are the start of the first line.
          lineStarted = true;
          appendToLine(BOM, 0, bomMatched, true);
        }
        return p;
      }
      bomMatched++;
      p++;
    }
    if (bomMatched == BOM.length) {
      bomDone = true;
    }
    return p;
  }

  /** The feed ended inside a line: keep what will be needed of it. */
  private void holdPartialLine(byte[] bytes, int from, int to, boolean nonAscii) {
    if (!lineStarted) {
      lineStarted = true;
      lineDropped = block.dropped() || (bytes[from] == COLON && !comments);
    }
    if (!lineDropped) {
      appendToLine(bytes, from, to - from, nonAscii);
    }
  }

  private void finishSpanningLine(byte[] bytes, int from, int to, boolean nonAscii) {
    if (!lineDropped && to > from) {
      appendToLine(bytes, from, to - from, nonAscii);
    }
    boolean dropped = lineDropped;
    boolean inData = lineInData;
    boolean lineHigh = lineNonAscii;
    byte[] b = line;
    int n = lineLength;
    resetLine();
    if (dropped) {
      return; // a non-empty line we did not need, so it cannot end a block
    }
    if (inData) {
      block.endLine();
      return;
    }
    processLine(b, 0, n, lineHigh);
  }

  /**
   * Takes more bytes of a line that spans feeds, and drops the line as soon as it is known to be unneeded or
   * too large. A data line leaves the line buffer as soon as its name is known: its value is appended to the
   * data buffer as it arrives, so a large value is copied once.
   */
  private void appendToLine(byte[] bytes, int from, int n, boolean nonAscii) {
    if (lineInData) {
      appendDataPiece(bytes, from, n, nonAscii);
      return;
    }
    int needed = lineLength + n;
    if (needed > line.length) {
      line = Arrays.copyOf(line, grow(line.length, needed));
    }
    System.arraycopy(bytes, from, line, lineLength, n);
    lineNonAscii |= nonAscii;
    lineLength = needed;
    int kind = FieldNames.kind(line, 0, lineLength, false);
    if (kind == UNKNOWN) {
      dropLine(); // ignored by the spec: nothing to keep, nothing to report
    } else if (kind == DATA) {
      startDataLine();
    } else if (kind != PENDING && lineLength - FieldNames.valueStart(line, 0, lineLength, kind) > maxEventSize) {
      dropLine(); // first: the error callback may reset the parser
      reportTooLarge(kind);
    }
  }

  /** The buffered line turned out to be a data line: move its value so far to the data buffer. */
  private void startDataLine() {
    int value = FieldNames.valueStart(line, 0, lineLength, DATA);
    int n = lineLength - value;
    lineInData = true;
    lineSpacePending = FieldNames.endsWithColon(0, lineLength, DATA);
    lineLength = 0;
    appendDataPiece(line, value, n, lineNonAscii); // with n == 0, still checks the limit and keeps room for the LF
  }

  /**
   * Appends the next bytes of a spanning data line's value, up to the line end if it is in {@code [from, to)};
   * returns that line end, or -1. A piece of at most eight bytes (tiny network reads) is handled as one long:
   * loaded, searched for CR and LF, and stored whole, where there is room on both sides.
   */
  private int continueDataLine(byte[] bytes, int from, int to) {
    int eol = lineSpacePending ? EventBlock.NOT_TAKEN : block.appendShortPiece(bytes, from, to);
    if (eol != EventBlock.NOT_TAKEN) {
      return eol;
    }
    long scan = LineScan.scan(bytes, from, to);
    eol = (int) scan;
    appendDataPiece(bytes, from, (eol < 0 ? to : eol) - from, (scan & LineScan.NON_ASCII) != 0);
    return eol;
  }

  /** A spanning data line ended: its LF (room for it was kept). */
  private void endDataLine() {
    block.endLine();
    resetLine();
  }

  /** No line is in progress. */
  private void resetLine() {
    lineStarted = false;
    lineDropped = false;
    lineInData = false;
    lineSpacePending = false;
    lineNonAscii = false;
    lineLength = 0;
    if (line.length > RETAINED_BUFFER) {
      line = EMPTY;
    }
  }

  /** Appends part of a data line's value to the data buffer, keeping room for its LF. */
  private void appendDataPiece(byte[] bytes, int from, int n, boolean nonAscii) {
    if (lineSpacePending && n > 0) {
      lineSpacePending = false;
      if (bytes[from] == SPACE) {
        from++;
        n--;
      }
    }
    if (!block.append(bytes, from, n, nonAscii)) {
      dropLine(); // first: the error callback may reset the parser
      eventTooLarge();
    }
  }

  private void dropLine() {
    lineDropped = true;
    lineInData = false;
    lineSpacePending = false;
    lineLength = 0;
  }

  private void reportTooLarge(int kind) {
    if (kind == COMMENT) {
      handler.onError(new SseEventTooLargeException(maxEventSize, "comment"));
    } else {
      eventTooLarge();
    }
  }

  private void processLine(byte[] b, int start, int end, boolean nonAscii) {
    if (start == end) {
      dispatch(); // a dropped block has nothing left to dispatch, and this ends it
      return;
    }
    if (block.dropped()) {
      return;
    }
    int kind = FieldNames.kind(b, start, end, true);
    if (kind == UNKNOWN || (kind == COMMENT && !comments)) {
      return;
    }
    // The name of a field the parser uses is ASCII, so nonAscii (about the whole line) is about the value.
    int value = FieldNames.valueStart(b, start, end, kind);
    if (kind != DATA && end - value > maxEventSize) {
      reportTooLarge(kind);
      return;
    }
    switch (kind) {
      case DATA:
        // The block's first data line is viewed in the array being fed, never in the line buffer, which is reused.
        if (!block.addLine(b, value, end, nonAscii, b != line)) {
          eventTooLarge();
        }
        break;
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

  private void eventTooLarge() {
    block.drop(lastEventId);
    handler.onError(new SseEventTooLargeException(maxEventSize));
  }

  private static int grow(int current, int needed) {
    long doubled = Math.max((long) current * 2, INITIAL_BUFFER);
    return (int) Math.min(Math.max(doubled, needed), Integer.MAX_VALUE - 8);
  }

  /** Builds an {@link SseParser}. */
  public static final class Builder {
    private SseHandler handler;
    private boolean comments;
    private int maxEventSize = DEFAULT_MAX_EVENT_SIZE;
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
     * any line still incomplete at the end of a feed. Default {@link #DEFAULT_MAX_EVENT_SIZE} (8 MiB).
     */
    public Builder maxEventSize(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxEventSize must be positive: " + bytes);
      }
      this.maxEventSize = bytes;
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
