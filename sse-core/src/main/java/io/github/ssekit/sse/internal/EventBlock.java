package io.github.ssekit.sse.internal;

import java.util.Arrays;

/**
 * The event block being read, from its first line to the blank line that dispatches it: its data, its type and
 * its id, and whether it was dropped as too large. {@link #clear} is its one reset: after a dispatch, after the
 * blank line that ends a dropped block, and when the stream ends or restarts.
 *
 * <p>What outlives a block is said where it is kept: the data buffer (reused, released when it grew large), the
 * cache of recent types, and the bytes of the current id (which become the committed id's bytes at dispatch).
 *
 * <p>The data is the values of the block's data lines, each followed by an LF; the last LF is not part of the
 * event. Its size, LFs included, never exceeds the limit: a method that would go past it adds nothing and returns
 * {@code false}, and the parser then drops the block ({@link #drop}).
 */
public final class EventBlock {

  /** From {@link #appendShortPiece}: the piece must take the general path. */
  public static final int NOT_TAKEN = -2;

  private static final byte LF = '\n';
  /** Ids up to this length are remembered as bytes, so that a repeated id allocates no new String. */
  private static final int MAX_REMEMBERED_ID = 64;

  private final int maxEventBytes;
  private final RecentTypes types = new RecentTypes();

  /** The data so far; reused from block to block. */
  private byte[] data = Buffers.EMPTY;
  /** Bytes of data: the values and one LF per data line, counted the same while only viewed. */
  private int length;
  /** Some data byte is 0x80 or above, so decoding must go through UTF-8 (else it is a Latin-1 copy). */
  private boolean nonAscii;
  /** The same, as the bytes' high bits that the eight-byte path ORs in without a branch. */
  private long highBits;
  /**
   * When not null, the data is still one line of the array being fed, not yet copied: {@code view[viewFrom,
   * viewFrom + length - 1)} and its LF. An event that is one line within one feed (the common case) is then decoded
   * straight from the caller's array. Never kept past the feed that set it ({@link #endFeed}).
   */
  private byte[] view;
  private int viewFrom;

  /** The {@code event} value, {@code ""} when none. */
  private String type = "";
  /** The {@code id} value: the committed last event ID until an {@code id} line changes it. */
  private String id;
  /** The UTF-8 bytes {@code id} was decoded from, or {@code idBytesLength == -1} when not known. */
  private byte[] idBytes = Buffers.EMPTY;
  private int idBytesLength = -1;

  /** The block went over the limit: its lines are ignored until the blank line that ends it. */
  private boolean dropped;

  public EventBlock(int maxEventBytes, String lastEventId) {
    this.maxEventBytes = maxEventBytes;
    this.id = lastEventId;
  }

  /**
   * Starts a new block whose id is {@code lastEventId}, the one committed. After a dispatch that is this block's
   * own id String, so its bytes stay known for the next block; otherwise they belonged to an id now discarded.
   */
  public void clear(String lastEventId) {
    length = 0;
    nonAscii = false;
    highBits = 0;
    view = null;
    data = Buffers.release(data);
    type = "";
    if (id != lastEventId) {
      id = lastEventId;
      idBytesLength = -1;
    }
    dropped = false;
  }

  /** Drops the block as too large: cleared, and its further lines ignored until the blank line. */
  public void drop(String lastEventId) {
    clear(lastEventId);
    dropped = true;
  }

  public boolean dropped() {
    return dropped;
  }

  /**
   * Adds a whole data line, {@code b[from, to)} and an LF. The block's first one is only viewed in the array when
   * {@code mayView} (it is the array being fed, which the parser never writes): copied at the end of the feed if
   * the block is still open then.
   */
  public boolean addLine(byte[] b, int from, int to, boolean nonAscii, boolean mayView) {
    int n = to - from;
    if (!fits(n)) {
      return false;
    }
    if (length == 0 && mayView) {
      view = b;
      viewFrom = from;
      length = n + 1;
      this.nonAscii = nonAscii;
      return true;
    }
    copy(b, from, n, nonAscii);
    data[length++] = LF;
    return true;
  }

  /** Appends {@code n} bytes of a data value that spans feeds, keeping room for its LF ({@link #endLine}). */
  public boolean append(byte[] b, int from, int n, boolean nonAscii) {
    if (!fits(n)) {
      return false;
    }
    copy(b, from, n, nonAscii);
    return true;
  }

  /**
   * Appends the next bytes of a data value that spans feeds, {@code b[from, to)}, up to its line end if they
   * hold one: returns that line end, -1 when there is none, or {@link #NOT_TAKEN}. A piece of at most eight bytes
   * (tiny network reads) is handled as one long: loaded, searched for CR and LF, and stored whole, where there is
   * room on both sides and in the limit; anything else is not taken, and the caller scans it and calls
   * {@link #append}.
   */
  public int appendShortPiece(byte[] b, int from, int to) {
    int n = to - from;
    if (n > 8 || from + 8 > b.length || data.length - length <= 8) {
      return NOT_TAKEN;
    }
    long v = LineScan.load(b, from);
    long piece = -1L >>> ((8 - n) << 3);
    long found = LineScan.lineEnds(v) & piece;
    int taken = Math.min(n, Long.numberOfTrailingZeros(found) >>> 3);
    if (!fits(taken)) {
      return NOT_TAKEN;
    }
    LineScan.store(data, length, v); // the bytes after the value are overwritten later
    length += taken;
    highBits |= v & ((found & -found) - 1) & piece; // the bytes before the line end
    return found == 0 ? -1 : from + taken;
  }

  /** A data value that spans feeds ended: its LF, for which every append kept room. */
  public void endLine() {
    data[length++] = LF;
  }

  /** The feed is returning, and the caller may reuse its array: a viewed line is copied. */
  public void endFeed() {
    if (view != null) {
      copyView();
    }
  }

  /** Whether the block has data, so that its dispatch fires an event. */
  public boolean hasData() {
    return length > 0;
  }

  /** The event's data: the data without its last LF, decoded. */
  public String data() {
    boolean nonAscii = this.nonAscii || LineScan.nonAscii(highBits);
    return view != null
        ? Utf8.decode(view, viewFrom, length - 1, nonAscii)
        : Utf8.decode(data, 0, length - 1, nonAscii);
  }

  /** The {@code event} value, {@code ""} when none was set. */
  public String type() {
    return type;
  }

  public void setType(byte[] b, int from, int to, boolean nonAscii) {
    type = types.get(b, from, to, nonAscii);
  }

  /** The block's id: the committed last event ID, or what an {@code id} line set. */
  public String id() {
    return id;
  }

  /** An {@code id} line: its value, unless it contains U+0000. */
  public void setId(byte[] b, int from, int to, boolean nonAscii) {
    int n = to - from;
    if (n > MAX_REMEMBERED_ID) {
      for (int i = from; i < to; i++) {
        if (b[i] == 0) {
          return; // an id containing U+0000 is ignored
        }
      }
      id = Utf8.decode(b, from, n, nonAscii);
      idBytesLength = -1;
      return;
    }
    if (idBytes.length < n) {
      idBytes = new byte[n]; // no larger than the id (and so than the event size limit)
    }
    // One pass: look for U+0000, compare with the current id, and keep the bytes.
    boolean same = n == idBytesLength;
    byte[] kept = idBytes;
    for (int i = 0; i < n; i++) {
      byte c = b[from + i];
      if (c == 0) {
        if (!same) {
          idBytesLength = -1; // the kept bytes were overwritten; id stays as it was
        }
        return; // an id containing U+0000 is ignored
      }
      same &= kept[i] == c;
      kept[i] = c;
    }
    if (same) {
      return; // the same id again: keep its String
    }
    id = Utf8.decode(b, from, n, nonAscii);
    idBytesLength = n;
  }

  /** Whether {@code n} more data bytes and an LF stay within the limit. */
  private boolean fits(int n) {
    return (long) length + n + 1 <= maxEventBytes;
  }

  /** Copies {@code n} data bytes, with room kept for an LF after them. */
  private void copy(byte[] b, int from, int n, boolean nonAscii) {
    if (view != null) {
      copyView();
    }
    int needed = length + n + 1;
    if (needed > data.length) {
      data = Arrays.copyOf(data, Buffers.grow(data.length, needed));
    }
    System.arraycopy(b, from, data, length, n);
    length += n;
    this.nonAscii |= nonAscii;
  }

  /** Copies the viewed data line (and its LF) into the data buffer. */
  private void copyView() {
    int n = length;
    if (n > data.length) {
      data = new byte[Buffers.grow(data.length, n)];
    }
    System.arraycopy(view, viewFrom, data, 0, n - 1);
    data[n - 1] = LF;
    view = null;
  }
}
