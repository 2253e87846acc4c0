package io.github.ssekit.benchmarks.workload;

import java.util.List;
import java.util.Optional;

/**
 * One SSE stream held in memory and the buffers it is fed in. Every adapter reads the same bytes in the same
 * buffers: buffer {@code i} is {@code bytes[start(i), end(i))}.
 */
public final class Input {
  private final String name;
  private final byte[] bytes;
  private final int[] ends;
  private final int events;
  private final List<Event> expected;

  Input(String name, byte[] bytes, Chunking chunking, int events, List<Event> expected) {
    this.name = name;
    this.bytes = bytes;
    this.ends = chunking.ends(bytes.length);
    this.events = events;
    this.expected = expected;
  }

  /** A short description, for messages. */
  public String name() {
    return name;
  }

  /** The whole stream. Adapters must not change it. */
  public byte[] bytes() {
    return bytes;
  }

  /** How many buffers. */
  public int chunks() {
    return ends.length;
  }

  /** Where buffer {@code i} starts. */
  public int start(int i) {
    return i == 0 ? 0 : ends[i - 1];
  }

  /** Where buffer {@code i} ends (exclusive). */
  public int end(int i) {
    return ends[i];
  }

  /** How many events a spec-exact parser dispatches. */
  public int events() {
    return events;
  }

  /** Those events, when the input was built with them (small inputs for tests). */
  public Optional<List<Event>> expected() {
    return Optional.ofNullable(expected);
  }

  @Override
  public String toString() {
    return name + " (" + bytes.length + " bytes, " + ends.length + " buffers, " + events + " events)";
  }
}
