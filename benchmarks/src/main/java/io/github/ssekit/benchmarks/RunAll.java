package io.github.ssekit.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ssekit.benchmarks.loopback.LoopbackRun;
import io.github.ssekit.benchmarks.report.Report;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark, writes the JSON results, and regenerates the tables of BENCHMARKS.md and the README.
 * {@code benchmarks/run} calls it from the repository root. Options: {@code --quick} (a short smoke run, results
 * to {@code benchmarks/target/quick-results}, documents untouched), {@code --only parse,large,shapes,pipeline,loopback},
 * {@code --report-only} (regenerate the documents from existing results).
 */
public final class RunAll {
  private RunAll() {}

  public static void main(String[] args) throws Exception {
    List<String> list = List.of(args);
    boolean quick = list.contains("--quick");
    boolean reportOnly = list.contains("--report-only");
    String only = value(list, "--only", "parse,large,shapes,pipeline,loopback");
    Path results = Path.of(quick ? "benchmarks/target/quick-results" : "benchmarks/results");
    Files.createDirectories(results);
    if (!reportOnly && only.equals("parse,large,shapes,pipeline,loopback") && !quick) {
      Files.deleteIfExists(results.resolve("environment.json")); // a full run starts a fresh record
    }

    if (!reportOnly) {
      ObjectMapper json = new ObjectMapper();
      Path envFile = results.resolve("environment.json");
      // A partial run (--only) updates its parts and keeps the others' records.
      ObjectNode environment = Files.exists(envFile) && !quick
          ? (ObjectNode) json.readTree(envFile.toFile()) : json.createObjectNode();
      environment.setAll(machine(quick));
      ObjectNode parts = environment.has("parts") ? (ObjectNode) environment.get("parts") : environment.putObject("parts");
      for (String part : List.of("parse", "large", "shapes", "pipeline", "loopback")) {
        if (!only.contains(part)) {
          continue;
        }
        ObjectNode record = parts.putObject(part)
            .put("started", Instant.now().toString())
            .put("commit", System.getenv().getOrDefault("SSEKIT_COMMIT", "unknown"))
            .put("loadAverageBefore", loadAverage());
        runPart(part, quick, results);
        record.put("finished", Instant.now().toString()).put("loadAverageAfter", loadAverage());
        json.writerWithDefaultPrettyPrinter().writeValue(envFile.toFile(), environment);
      }
    }
    Report.write(results, quick);
  }

  private static void runPart(String part, boolean quick, Path results) throws Exception {
    switch (part) {
      case "parse" -> {
        jmh(quick, results.resolve("jmh-parse.json"), ParseBenchmark.class, b -> b
            .param("parser", "ssekit", "okhttp-eventsource", "okhttp-sse", "bufferedreader")
            .param("events", quick ? "20000" : "100000"));
        // Vert.x and Spring take seconds per 100,000 events (Vert.x re-copies its pending bytes for every event,
        // Spring runs a Flux per line): a tenth of the events gives their rate in a tenth of the time.
        jmh(quick, results.resolve("jmh-parse-slow.json"), ParseBenchmark.class, b -> b
            .param("parser", "vertx", "spring")
            .param("events", quick ? "2000" : "10000"));
      }
      case "large" -> {
        jmh(quick, results.resolve("jmh-large-16m.json"), LargeLineBenchmark.class, b -> b
            .param("size", Integer.toString(16 << 20))
            .param("parser", "scan", "ssekit", "okhttp-eventsource", "okhttp-sse", "spring", "bufferedreader"));
        // Vert.x's codec is quadratic: 16 MiB would take minutes per operation, so it runs at 1 MiB, beside ssekit.
        jmh(quick, results.resolve("jmh-large-1m.json"), LargeLineBenchmark.class, b -> b
            .param("size", Integer.toString(1 << 20))
            .param("parser", "scan", "ssekit", "vertx"));
      }
      case "shapes" -> jmh(quick, results.resolve("jmh-shapes.json"), ShapesBenchmark.class, b -> b
          .param("parser", "floor", "ssekit", "okhttp-eventsource", "okhttp-sse", "bufferedreader"));
      // Five forks, each a fresh JVM: the margin must hold at the low end of five runs, not only on average.
      case "pipeline" -> jmh(quick, results.resolve("jmh-pipeline.json"), PipelineBenchmark.class,
          b -> quick ? b : b.forks(5));
      case "loopback" -> LoopbackRun.run(results, quick);
      default -> throw new IllegalArgumentException(part);
    }
  }

  private interface Options {
    ChainedOptionsBuilder apply(ChainedOptionsBuilder builder);
  }

  private static void jmh(boolean quick, Path result, Class<?> benchmark, Options options) throws Exception {
    ChainedOptionsBuilder builder = new OptionsBuilder()
        .include("^" + Pattern.quote(benchmark.getName()) + "\\.")
        .forks(quick ? 1 : 2)
        .warmupIterations(quick ? 2 : 4)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(quick ? 2 : 6)
        .measurementTime(TimeValue.seconds(1))
        .addProfiler(GCProfiler.class)
        .addProfiler(CpuTimeProfiler.class)
        .resultFormat(ResultFormatType.JSON)
        .result(result.toString());
    new Runner(options.apply(builder).build()).run();
  }

  private static ObjectNode machine(boolean quick) {
    ObjectNode env = new ObjectMapper().createObjectNode();
    env.put("quick", quick)
        .put("javaVersion", System.getProperty("java.version"))
        .put("javaVm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"))
        .put("javaVendor", System.getProperty("java.vendor"))
        .put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
            + System.getProperty("os.arch"))
        .put("processors", Runtime.getRuntime().availableProcessors())
        .put("cpu", cpuModel())
        .put("memoryBytes", totalMemory());
    return env;
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return "unknown";
  }

  private static long totalMemory() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() : -1;
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return String.format(java.util.Locale.ROOT, "%.2f",
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  private static String value(List<String> args, String name, String otherwise) {
    int i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : otherwise;
  }
}
