package io.github.ssekit.benchmarks;

import io.github.ssekit.benchmarks.anthropic.MessagesPipeline;
import io.github.ssekit.benchmarks.pipeline.Assembled;
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

/**
 * Workload 5b: Anthropic Messages streams (4 KiB buffers) from bytes to the assembled message, ssekit's
 * protocol-anthropic beside the official anthropic-java SDK. One operation runs {@value #EVENTS_PER_OPERATION}
 * events: {@code 20000 / events} streams of {@code events} events each, as workload 5 does for OpenAI.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class MessagesPipelineBenchmark {

  @Param({"ssekit", "anthropic-java"})
  public String pipeline;

  /** Events in one operation, whatever the stream length. */
  public static final int EVENTS_PER_OPERATION = 20_000;

  /** Events per stream. */
  @Param({"1000", "20000"})
  public int events;

  private Input input;
  private MessagesPipeline messages;
  private int streams;

  @Setup
  public void setup() {
    input = Workloads.anthropic(events, Workloads.BUFFERS_4K);
    messages = MessagesPipeline.byName(pipeline);
    streams = EVENTS_PER_OPERATION / events;
  }

  @Benchmark
  public long run() throws Exception {
    long length = 0;
    for (int i = 0; i < streams; i++) {
      Assembled result = messages.run(input);
      if (!"end_turn".equals(result.finishReason())) {
        throw new IllegalStateException(pipeline + " assembled " + result.finishReason());
      }
      length += result.content().length();
    }
    return length;
  }
}
