package io.github.ssekit.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One benchmark of a JMH JSON result file: its parameters, the median of all its measurement iterations (every
 * fork), and the allocation per operation from {@code -prof gc}.
 *
 * @param benchmark the benchmark's simple name, {@code Class.method}
 * @param params its parameters
 * @param medianMs the median time per operation, ms
 * @param meanMs JMH's score (the mean), ms
 * @param errorMs JMH's 99.9% error of the mean, ms
 * @param iterations how many measurement iterations the median is over
 * @param allocBytesPerOp {@code gc.alloc.rate.norm}, or -1
 * @param cpuMedianMs the median CPU time per operation ({@code cpu.time.norm}), ms; NaN when not measured
 * @param cpuForkMediansMs the median CPU time per operation of each fork (each a fresh JVM: one "run"), ms, in
 *     fork order; empty when CPU time was not measured
 */
public record JmhResult(String benchmark, Map<String, String> params, double medianMs, double meanMs,
    double errorMs, int iterations, double allocBytesPerOp, double cpuMedianMs, List<Double> cpuForkMediansMs) {

  /** Every benchmark in a JMH JSON file; empty when the file does not exist. */
  public static List<JmhResult> read(Path file) throws IOException {
    List<JmhResult> results = new ArrayList<>();
    if (!Files.exists(file)) {
      return results;
    }
    for (JsonNode node : new ObjectMapper().readTree(file.toFile())) {
      String name = node.path("benchmark").asText();
      String[] parts = name.split("\\.");
      String simple = parts[parts.length - 2] + "." + parts[parts.length - 1];
      Map<String, String> params = new LinkedHashMap<>();
      node.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
      JsonNode primary = node.path("primaryMetric");
      double scale = toMillis(primary.path("scoreUnit").asText());
      double[] sorted = iterations(primary, scale);
      JsonNode cpu = node.path("secondaryMetrics").path("cpu.time.norm");
      double cpuMedian = cpu.isMissingNode() ? Double.NaN : median(iterations(cpu, 1));
      List<Double> cpuForks = new ArrayList<>();
      for (JsonNode fork : cpu.path("rawData")) {
        List<Double> values = new ArrayList<>();
        fork.forEach(v -> values.add(v.asDouble()));
        cpuForks.add(median(values.stream().mapToDouble(Double::doubleValue).sorted().toArray()));
      }
      JsonNode alloc = node.path("secondaryMetrics").path("gc.alloc.rate.norm");
      if (alloc.isMissingNode()) {
        alloc = node.path("secondaryMetrics").path("\u00b7gc.alloc.rate.norm");
      }
      results.add(new JmhResult(simple, params, median(sorted), primary.path("score").asDouble() * scale,
          primary.path("scoreError").asDouble() * scale, sorted.length,
          alloc.isMissingNode() ? -1 : alloc.path("score").asDouble(), cpuMedian, List.copyOf(cpuForks)));
    }
    return results;
  }

  /** Every measurement iteration of every fork, sorted, times {@code scale}. */
  private static double[] iterations(JsonNode metric, double scale) {
    List<Double> raw = new ArrayList<>();
    for (JsonNode fork : metric.path("rawData")) {
      for (JsonNode value : fork) {
        raw.add(value.asDouble() * scale);
      }
    }
    return raw.stream().mapToDouble(Double::doubleValue).sorted().toArray();
  }

  private static double median(double[] sorted) {
    return sorted.length == 0 ? Double.NaN
        : sorted.length % 2 == 1 ? sorted[sorted.length / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  }

  /** The cost that ratios compare: the median CPU time per operation, or the median time when CPU was not measured. */
  public double costMs() {
    return Double.isNaN(cpuMedianMs) ? medianMs : cpuMedianMs;
  }

  private static double toMillis(String unit) {
    switch (unit) {
      case "ns/op":
        return 1e-6;
      case "us/op":
        return 1e-3;
      case "ms/op":
        return 1;
      case "s/op":
        return 1e3;
      default:
        throw new IllegalArgumentException("unexpected unit " + unit + " (benchmarks run in average-time mode)");
    }
  }

  /** The CPU time per operation of the slowest fork (the low end of the runs), ms; NaN when not measured. */
  public double slowestForkCpuMs() {
    return cpuForkMediansMs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  /** The CPU time per operation of the fastest fork, ms; NaN when not measured. */
  public double fastestForkCpuMs() {
    return cpuForkMediansMs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  /** The parameter's value. */
  public String param(String name) {
    return params.get(name);
  }

  /** Whether every given name/value pair matches. */
  public boolean matches(String... nameValues) {
    for (int i = 0; i < nameValues.length; i += 2) {
      if (!nameValues[i + 1].equals(params.get(nameValues[i]))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return benchmark + params + " median " + medianMs + " ms of " + iterations + " iterations";
  }
}
