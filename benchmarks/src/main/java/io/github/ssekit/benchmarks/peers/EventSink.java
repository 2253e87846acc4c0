package io.github.ssekit.benchmarks.peers;

/** Receives each dispatched event as the parser reported it (null where the parser says "absent"). */
@FunctionalInterface
public interface EventSink {
  /** One event. */
  void event(String type, String data, String id);
}
