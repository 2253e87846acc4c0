package io.github.ssekit.benchmarks.peers;

import java.util.List;

/** Every adapter, ssekit first. */
public final class Adapters {

  private static final List<SseAdapter> ALL = List.of(
      new SsekitAdapter(),
      new OkHttpEventSourceAdapter(),
      new OkHttpSseAdapter(),
      new VertxAdapter(),
      new SpringAdapter(),
      new BufferedReaderAdapter(),
      new FloorAdapter());

  private Adapters() {}

  /** ssekit, its peers, and the floor (last). */
  public static List<SseAdapter> all() {
    return ALL;
  }

  /** The adapter of that name. */
  public static SseAdapter byName(String name) {
    for (SseAdapter adapter : ALL) {
      if (adapter.name().equals(name)) {
        return adapter;
      }
    }
    throw new IllegalArgumentException("unknown parser " + name);
  }
}
