package io.github.ssekit.benchmarks;

import io.github.ssekit.benchmarks.peers.EventSink;
import io.github.ssekit.benchmarks.peers.SseAdapter;
import io.github.ssekit.benchmarks.workload.Input;
import org.openjdk.jmh.infra.Blackhole;

/** Hands every event's fields to JMH's Blackhole, so that no parser's work is optimised away, and counts. */
final class CountingSink implements EventSink {
  private final Blackhole blackhole;
  long count;

  CountingSink(Blackhole blackhole) {
    this.blackhole = blackhole;
  }

  /**
   * One benchmark operation: {@code adapter} parses the whole input into a new sink, which must count
   * {@code expected} events (so that no number comes from a broken run); returns the count.
   */
  static long parse(SseAdapter adapter, Input input, Blackhole blackhole, long expected) throws Exception {
    CountingSink sink = new CountingSink(blackhole);
    adapter.parse(input, sink);
    if (sink.count != expected) {
      throw new IllegalStateException(adapter.name() + " dispatched " + sink.count + " events, expected " + expected);
    }
    return sink.count;
  }

  @Override
  public void event(String type, String data, String id) {
    blackhole.consume(type);
    blackhole.consume(data);
    blackhole.consume(id);
    count++;
  }
}
