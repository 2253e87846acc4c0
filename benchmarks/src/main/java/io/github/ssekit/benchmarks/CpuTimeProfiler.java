package io.github.ssekit.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Adds {@code cpu.time.norm}: the benchmark JVM's CPU time per operation (all its threads, so garbage collection
 * and compilation count too). On a machine shared with other work, wall time per operation grows whenever the
 * benchmark waits for a core; CPU time does not, so ratios of CPU times compare the parsers' cost, not the
 * neighbours' load. JMH runs internal profilers inside the forked benchmark JVM.
 */
public final class CpuTimeProfiler implements InternalProfiler {
  private long cpuBefore;

  @Override
  public String getDescription() {
    return "process CPU time per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    cpuBefore = cpuNanos();
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
      IterationParams iterationParams, IterationResult result) {
    long ops = result.getMetadata().getAllOps();
    double msPerOp = ops == 0 ? Double.NaN : (cpuNanos() - cpuBefore) / 1e6 / ops;
    return List.of(new ScalarResult("cpu.time.norm", msPerOp, "ms/op", AggregationPolicy.AVG));
  }

  private static long cpuNanos() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
  }
}
