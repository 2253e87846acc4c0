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
 * Workload 3: one event whose data is one {@code size}-byte line, fed in 1 KiB buffers. {@code scan} is the
 * baseline: a plain loop over the same buffers looking for CR or LF, the least any parser must do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class LargeLineBenchmark {

  @Param({"scan", "ssekit", "okhttp-eventsource", "okhttp-sse", "spring", "bufferedreader"})
  public String parser;

  @Param({"16777216"})
  public int size;

  private Input input;
  private SseAdapter adapter;

  @Setup
  public void setup() {
    input = Workloads.largeLine(size, Workloads.BUFFERS_1K, false);
    adapter = parser.equals("scan") ? null : Adapters.byName(parser);
  }

  @Benchmark
  public long parse(Blackhole blackhole) throws Exception {
    if (adapter == null) {
      return scan(input);
    }
    return CountingSink.parse(adapter, input, blackhole, 1);
  }

  /** Counts CR and LF bytes buffer by buffer: one pass, one comparison pair per byte. */
  static long scan(Input input) {
    byte[] bytes = input.bytes();
    long lineEnds = 0;
    for (int c = 0, n = input.chunks(); c < n; c++) {
      for (int i = input.start(c), end = input.end(c); i < end; i++) {
        byte b = bytes[i];
        if (b == '\n' || b == '\r') {
          lineEnds++;
        }
      }
    }
    return lineEnds;
  }
}
