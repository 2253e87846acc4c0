package io.github.ssekit.benchmarks.peers;

import io.github.ssekit.benchmarks.workload.Input;
import io.github.ssekit.sse.SseParser;

/** ssekit's {@link SseParser}, fed each buffer as a slice of the input array (as a body handler would). */
public final class SsekitAdapter implements SseAdapter {

  @Override
  public String name() {
    return "ssekit";
  }

  @Override
  public void parse(Input input, EventSink sink) {
    SseParser parser = SseParser.builder()
        .handler(e -> sink.event(e.type(), e.data(), e.lastEventId()))
        .maxEventBytes(MAX_EVENT_BYTES)
        .build();
    byte[] bytes = input.bytes();
    for (int i = 0, n = input.chunks(); i < n; i++) {
      int start = input.start(i);
      parser.feed(bytes, start, input.end(i) - start);
    }
    parser.end();
  }
}
