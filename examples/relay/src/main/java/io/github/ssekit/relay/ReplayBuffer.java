package io.github.ssekit.relay;

import io.github.ssekit.sse.SseEncoder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The last events relayed to the browsers of one session, encoded once with {@link SseEncoder}, so that a browser
 * that reconnects with {@code Last-Event-ID} gets exactly the events it missed.
 *
 * <p>IDs are {@code EPOCH-SEQ}: a sequence number per buffer, prefixed with an epoch that is new for every buffer,
 * so an ID from another buffer (the relay restarted, or the session was evicted and adopted again) never matches by
 * accident. The buffer keeps at most {@code maxEvents} events and {@code maxBytes} bytes of encoded text (the
 * oldest go first, but the newest is always kept); a browser further behind than that cannot resume from here and
 * gets a snapshot of the whole session instead (see {@link #after}). Not thread-safe: the relay uses it on one
 * event loop.
 */
final class ReplayBuffer {

  /** One encoded event. */
  record Entry(long seq, String id, String type, String frame) {}

  private final String epoch;
  private final int maxEvents;
  private final long maxBytes;
  private final ArrayDeque<Entry> entries = new ArrayDeque<>();
  private long lastSeq;
  private long bytes;

  ReplayBuffer(String epoch, int maxEvents, long maxBytes) {
    if (epoch.isEmpty() || epoch.indexOf('-') >= 0) {
      throw new IllegalArgumentException("the epoch must be non-empty and contain no '-': " + epoch);
    }
    if (maxEvents < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("the limits must be positive");
    }
    this.epoch = epoch;
    this.maxEvents = maxEvents;
    this.maxBytes = maxBytes;
  }

  /** Encodes an event with the next ID and keeps it, dropping the oldest events beyond the limits. */
  Entry append(String type, String data) {
    Objects.requireNonNull(type, "type");
    long seq = ++lastSeq;
    String id = id(seq);
    Entry entry = new Entry(seq, id, type, SseEncoder.event(type, data, id));
    entries.addLast(entry);
    bytes += entry.frame().length();
    while (entries.size() > 1 && (entries.size() > maxEvents || bytes > maxBytes)) {
      bytes -= entries.removeFirst().frame().length();
    }
    return entry;
  }

  /** The ID of the last event appended, or {@code EPOCH-0} before the first: what a snapshot is labelled with. */
  String lastId() {
    return id(lastSeq);
  }

  /** The sequence number of the last event appended (0 before the first). */
  long lastSeq() {
    return lastSeq;
  }

  /** How many events are held. */
  int size() {
    return entries.size();
  }

  /** The encoded size of the events held, in chars (UTF-16 units, a close enough measure of bytes). */
  long heldChars() {
    return bytes;
  }

  /**
   * The events after {@code lastEventId}, in order: empty when the browser saw everything. Absent when this buffer
   * cannot say what the browser missed: an ID of another epoch, malformed, from the future, or older than the
   * oldest event still held. The caller then sends a snapshot.
   */
  Optional<List<Entry>> after(String lastEventId) {
    if (lastEventId == null) {
      return Optional.empty();
    }
    int dash = lastEventId.indexOf('-');
    if (dash < 0 || !lastEventId.substring(0, dash).equals(epoch)) {
      return Optional.empty();
    }
    long seq;
    try {
      seq = Long.parseLong(lastEventId.substring(dash + 1));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (seq < 0 || seq > lastSeq || !lastEventId.equals(id(seq))) { // id(seq) rejects "+5", "05", ...
      return Optional.empty();
    }
    long oldest = entries.isEmpty() ? lastSeq + 1 : entries.peekFirst().seq();
    if (seq < oldest - 1) {
      return Optional.empty(); // some of what it missed is gone
    }
    List<Entry> missed = new ArrayList<>();
    Iterator<Entry> it = entries.descendingIterator();
    while (it.hasNext()) {
      Entry e = it.next();
      if (e.seq() <= seq) {
        break;
      }
      missed.add(e);
    }
    java.util.Collections.reverse(missed);
    return Optional.of(missed);
  }

  private String id(long seq) {
    return epoch + "-" + seq;
  }
}
