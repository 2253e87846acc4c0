package io.github.ssekit.benchmarks;

import io.github.ssekit.benchmarks.peers.EventSink;
import org.openjdk.jmh.infra.Blackhole;

/** Hands every event's fields to JMH's Blackhole, so that no parser's work is optimised away, and counts. */
final class CountingSink implements EventSink {
  private final Blackhole blackhole;
  long count;

  CountingSink(Blackhole blackhole) {
    this.blackhole = blackhole;
  }

  @Override
  public void event(String type, String data, String id) {
    blackhole.consume(type);
    blackhole.consume(data);
    blackhole.consume(id);
    count++;
  }
}
