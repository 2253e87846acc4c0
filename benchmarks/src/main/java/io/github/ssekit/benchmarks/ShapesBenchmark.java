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
 * Workloads 7 to 10, the stream shapes of larger and odder events (see {@link Workloads#shape}), in random 1 to
 * 16 KiB buffers: one operation parses the whole stream. {@code floor} is {@link
 * io.github.ssekit.benchmarks.peers.FloorAdapter}: finding the line breaks and building the data Strings, the
 * least any parser must do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class ShapesBenchmark {

  /** {@code large-json} (7), {@code multi-line} (8), {@code named} (9), {@code cr-comments} (10). */
  @Param({"large-json", "multi-line", "named", "cr-comments"})
  public String workload;

  @Param({"floor", "ssekit", "okhttp-eventsource", "okhttp-sse", "bufferedreader"})
  public String parser;

  private Input input;
  private SseAdapter adapter;
  private long expected;

  @Setup
  public void setup() {
    if (KnownDeviations.hangs(parser, workload)) {
      throw new IllegalStateException(parser + " does not finish " + workload + " (see KnownDeviations)");
    }
    input = Workloads.shape(workload, false);
    adapter = Adapters.byName(parser);
    expected = KnownDeviations.eventCount(parser, workload, input.events());
  }

  @Benchmark
  public long parse(Blackhole blackhole) throws Exception {
    return CountingSink.parse(adapter, input, blackhole, expected);
  }
}
