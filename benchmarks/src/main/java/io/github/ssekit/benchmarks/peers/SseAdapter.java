package io.github.ssekit.benchmarks.peers;

import io.github.ssekit.benchmarks.workload.Input;

/**
 * Drives one SSE parser over an {@link Input}, buffer by buffer, the way its library is used, and reports every
 * event to a sink. A new parser per call: streams do not share parser state.
 */
public interface SseAdapter {

  /** The largest event any configurable parser is allowed (workload 3 has a 16 MiB line). */
  int MAX_EVENT_BYTES = 32 * 1024 * 1024;

  /** The name in results and tables. */
  String name();

  /** Parses the whole input. */
  void parse(Input input, EventSink sink) throws Exception;
}
