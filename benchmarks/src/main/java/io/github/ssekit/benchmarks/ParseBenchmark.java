package io.github.ssekit.benchmarks;

import io.github.ssekit.benchmarks.peers.Adapters;
import io.github.ssekit.benchmarks.peers.SseAdapter;
import io.github.ssekit.benchmarks.workload.Input;
import io.github.ssekit.benchmarks.workload.Workloads;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Workloads 1, 2 and 4: one operation parses a whole stream of {@code events} events with one parser. Events/s is
 * {@code events / (time per operation)}; allocation per event is {@code gc.alloc.rate.norm / events}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class ParseBenchmark {

  /** {@code llm-4k} (workload 1), {@code llm-tiny} (2), {@code crlf-4k} (4). */
  @Param({"llm-4k", "llm-tiny", "crlf-4k"})
  public String workload;

  @Param({"ssekit", "okhttp-eventsource", "okhttp-sse", "vertx", "spring", "bufferedreader"})
  public String parser;

  @Param({"100000"})
  public int events;

  private Input input;
  private SseAdapter adapter;
  private long expected;

  @Setup
  public void setup() {
    input = Workloads.byName(workload, events, false);
    adapter = Adapters.byName(parser);
    expected = KnownDeviations.eventCount(parser, workload, events);
  }

  @Benchmark
  public long parse(Blackhole blackhole) throws Exception {
    return CountingSink.parse(adapter, input, blackhole, expected);
  }
}
