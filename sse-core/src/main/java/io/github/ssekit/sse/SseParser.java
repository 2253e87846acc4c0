package io.github.ssekit.sse;

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
 *   <li>Linear time and bounded memory: each byte is scanned once; bytes of a line are copied only when the line
 *       spans two feeds. The data of one event (its data values plus one line feed per {@code data} line) may
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

  private final SseHandler handler;
  private final boolean comments;
  private final int maxEventSize;

  // Committed state: survives events, and reconnections through reset().
  private String lastEventId;
  private long retry = -1;

  // The block being read.
  private byte[] data = new byte[0];
  private int dataLength;
  private String eventType = "";
  private String idBuffer;
  /** An event over the limit was dropped: ignore lines until the next blank one. */
  private boolean skippingBlock;

  // The line being read when it spans feeds.
  private byte[] line = new byte[0];
  private int lineLength;
  /** Where the first colon of the buffered line is, or -1 while none has arrived. */
  private int lineColon = -1;
  /** Some bytes of the current line came in an earlier feed. */
  private boolean lineStarted;
  /** The rest of the current line is not needed (a comment nobody listens to, or a line of a dropped event). */
  private boolean lineDropped;
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
    this.idBuffer = lastEventId;
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
    while (p < end) {
      int eol = indexOfLineEnd(bytes, p, end);
      if (eol < 0) {
        holdPartialLine(bytes, p, end);
        return;
      }
      if (lineStarted) {
        finishSpanningLine(bytes, p, eol);
      } else {
        processLine(bytes, p, eol);
      }
      if (gen != generation) {
        return; // a callback called end() or reset()
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
    lineLength = 0;
    lineColon = -1;
    lineStarted = false;
    lineDropped = false;
    skipLineFeed = false;
    skippingBlock = false;
    clearBlock();
  }

  private void clearBlock() {
    dataLength = 0;
    eventType = "";
    idBuffer = lastEventId;
    if (data.length > RETAINED_BUFFER) {
      data = new byte[0];
    }
    if (line.length > RETAINED_BUFFER) {
      line = new byte[0];
    }
  }

  /** Consumes the first bytes of a stream while they match the BOM; returns where the content starts. */
  private int skipByteOrderMark(byte[] bytes, int p, int end) {
    while (p < end && bomMatched < BOM.length) {
      if (bytes[p] != BOM[bomMatched]) {
        bomDone = true;
        if (bomMatched > 0) {
          // Not a BOM after all: the bytes held back are the start of the first line.
          lineStarted = true;
          appendToLine(BOM, 0, bomMatched);
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

  private static int indexOfLineEnd(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = bytes[i];
      if (b == LF || b == CR) {
        return i;
      }
    }
    return -1;
  }

  /** The feed ended inside a line: keep what will be needed of it. */
  private void holdPartialLine(byte[] bytes, int from, int to) {
    if (!lineStarted) {
      lineStarted = true;
      lineDropped = skippingBlock || (bytes[from] == COLON && !comments);
    }
    if (!lineDropped) {
      appendToLine(bytes, from, to - from);
    }
  }

  private void finishSpanningLine(byte[] bytes, int from, int to) {
    boolean dropped = lineDropped;
    lineStarted = false;
    lineDropped = false;
    if (!dropped && to > from) {
      appendToLine(bytes, from, to - from);
      dropped = lineDropped;
    }
    int n = lineLength;
    lineLength = 0;
    lineColon = -1;
    lineDropped = false;
    if (!dropped) {
      processLine(line, 0, n);
    } // else: a non-empty line we did not need, so it cannot end a block
  }

  /** Buffers part of a line that spans feeds, then drops it as soon as it is known to be unneeded or too large. */
  private void appendToLine(byte[] bytes, int from, int n) {
    int needed = lineLength + n;
    if (needed > line.length) {
      line = Arrays.copyOf(line, grow(line.length, needed));
    }
    System.arraycopy(bytes, from, line, lineLength, n);
    if (lineColon < 0) {
      for (int i = lineLength; i < needed; i++) {
        if (line[i] == COLON) {
          lineColon = i;
          break;
        }
      }
    }
    lineLength = needed;
    int kind = lineColon >= 0 ? fieldKind(line, 0, lineColon) : lineLength > MAX_KNOWN_NAME ? UNKNOWN : PENDING;
    if (kind == UNKNOWN) {
      dropLine(); // ignored by the spec: nothing to keep, nothing to report
    } else if (kind != PENDING && valueTooLarge(kind, lineLength - valueStart(line, 0, lineColon, lineLength))) {
      reportTooLarge(kind);
      dropLine();
    }
  }

  private void dropLine() {
    lineDropped = true;
    lineLength = 0;
    lineColon = -1;
  }

  private static final int PENDING = -1;
  private static final int UNKNOWN = 0;
  private static final int DATA = 1;
  private static final int EVENT = 2;
  private static final int ID = 3;
  private static final int RETRY = 4;
  private static final int COMMENT = 5;
  /** "event" and "retry": a longer name without a colon cannot be a field the parser uses. */
  private static final int MAX_KNOWN_NAME = 5;

  /** The field a line sets, from its name {@code b[start, nameEnd)}. */
  private static int fieldKind(byte[] b, int start, int nameEnd) {
    switch (nameEnd - start) {
      case 0:
        return COMMENT;
      case 2:
        return b[start] == 'i' && b[start + 1] == 'd' ? ID : UNKNOWN;
      case 4:
        return b[start] == 'd' && b[start + 1] == 'a' && b[start + 2] == 't' && b[start + 3] == 'a' ? DATA : UNKNOWN;
      case 5:
        if (b[start] == 'e' && b[start + 1] == 'v' && b[start + 2] == 'e' && b[start + 3] == 'n'
            && b[start + 4] == 't') {
          return EVENT;
        }
        return b[start] == 'r' && b[start + 1] == 'e' && b[start + 2] == 't' && b[start + 3] == 'r'
            && b[start + 4] == 'y' ? RETRY : UNKNOWN;
      default:
        return UNKNOWN;
    }
  }

  /** Where the value of a line starts: after the colon and one optional space (comments keep their space). */
  private static int valueStart(byte[] b, int start, int colon, int end) {
    if (colon < 0) {
      return end;
    }
    int value = colon + 1;
    return colon > start && value < end && b[value] == SPACE ? value + 1 : value;
  }

  private boolean valueTooLarge(int kind, int valueLength) {
    if (kind == DATA) {
      return (long) dataLength + valueLength + 1 > maxEventSize;
    }
    return valueLength > maxEventSize;
  }

  private void reportTooLarge(int kind) {
    if (kind == COMMENT) {
      handler.onError(new SseEventTooLargeException(maxEventSize, "comment"));
    } else {
      eventTooLarge();
    }
  }

  private void processLine(byte[] b, int start, int end) {
    if (start == end) {
      if (skippingBlock) {
        skippingBlock = false;
        clearBlock();
      } else {
        dispatch();
      }
      return;
    }
    if (skippingBlock) {
      return;
    }
    int colon = start;
    while (colon < end && b[colon] != COLON) {
      colon++;
    }
    int kind = fieldKind(b, start, colon);
    if (kind == UNKNOWN || (kind == COMMENT && !comments)) {
      return;
    }
    int value = valueStart(b, start, colon < end ? colon : -1, end);
    if (valueTooLarge(kind, end - value)) {
      reportTooLarge(kind);
      return;
    }
    switch (kind) {
      case DATA:
        appendData(b, value, end);
        break;
      case EVENT:
        eventType = Utf8.decode(b, value, end - value);
        break;
      case ID:
        setId(b, value, end);
        break;
      case RETRY:
        setRetry(b, value, end);
        break;
      case COMMENT:
        handler.onComment(Utf8.decode(b, value, end - value));
        break;
      default:
        throw new AssertionError(kind);
    }
  }

  private void appendData(byte[] b, int from, int to) {
    int n = to - from;
    int needed = dataLength + n + 1; // checked against maxEventSize by the caller
    if (needed > data.length) {
      data = Arrays.copyOf(data, grow(data.length, needed));
    }
    System.arraycopy(b, from, data, dataLength, n);
    dataLength += n;
    data[dataLength++] = LF;
  }

  private void setId(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == 0) {
        return; // an id containing U+0000 is ignored
      }
    }
    idBuffer = Utf8.decode(b, from, to - from);
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

  private void dispatch() {
    if (!idBuffer.equals(lastEventId)) {
      lastEventId = idBuffer;
      handler.onLastEventId(lastEventId);
    }
    if (dataLength == 0) {
      eventType = "";
      return;
    }
    String text = Utf8.decode(data, 0, dataLength - 1);
    String type = eventType.isEmpty() ? SseEvent.DEFAULT_TYPE : eventType;
    eventType = "";
    dataLength = 0;
    if (data.length > RETAINED_BUFFER) {
      data = new byte[0];
    }
    handler.onEvent(new SseEvent(type, text, lastEventId));
  }

  private void eventTooLarge() {
    clearBlock();
    skippingBlock = true;
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
