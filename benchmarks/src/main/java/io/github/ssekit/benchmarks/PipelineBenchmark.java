package io.github.ssekit.benchmarks;

import io.github.ssekit.benchmarks.pipeline.Assembled;
import io.github.ssekit.benchmarks.pipeline.ChatPipeline;
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
 * Workload 5: LLM streams (4 KiB buffers) from bytes to the assembled message, per library. One operation runs
 * {@value #EVENTS_PER_OPERATION} events: {@code 20000 / events} streams of {@code events} events each (a reply
 * of about 1,000 tokens is typical; 20,000 shows how each pipeline scales with the length of one reply).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class PipelineBenchmark {

  @Param({"ssekit", "okhttp-eventsource+jackson", "openai-java"})
  public String pipeline;

  /** Events in one operation, whatever the stream length. */
  public static final int EVENTS_PER_OPERATION = 20_000;

  /** Events per stream. */
  @Param({"1000", "20000"})
  public int events;

  private Input input;
  private ChatPipeline chat;
  private int streams;

  @Setup
  public void setup() {
    input = Workloads.llm(events, Workloads.BUFFERS_4K, false);
    chat = ChatPipeline.byName(pipeline);
    streams = EVENTS_PER_OPERATION / events;
  }

  @Benchmark
  public long run() throws Exception {
    long length = 0;
    for (int i = 0; i < streams; i++) {
      Assembled result = chat.run(input);
      if (!"stop".equals(result.finishReason())) {
        throw new IllegalStateException(pipeline + " assembled " + result.finishReason());
      }
      length += result.content().length();
    }
    return length;
  }
}
