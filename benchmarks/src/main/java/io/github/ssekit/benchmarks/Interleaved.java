package io.github.ssekit.benchmarks;

import io.github.ssekit.benchmarks.peers.Adapters;
import io.github.ssekit.benchmarks.peers.EventSink;
import io.github.ssekit.benchmarks.peers.SseAdapter;
import io.github.ssekit.benchmarks.workload.Input;
import io.github.ssekit.benchmarks.workload.Workloads;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A development aid, not the published method: runs parsers in one JVM in interleaved rounds and reports the
 * fastest round of each, which is far less disturbed by other processes than a mean. Usage:
 * {@code java -cp benchmarks.jar io.github.ssekit.benchmarks.Interleaved WORKLOAD EVENTS ROUNDS PARSER...}
 * where WORKLOAD is {@code llm-4k}, {@code llm-tiny}, {@code crlf-4k}, {@code large-N} (an N-byte line), or
 * {@code pipeline} (then the names are pipelines).
 */
public final class Interleaved {
  private Interleaved() {}

  public static void main(String[] args) throws Exception {
    String workload = args[0];
    int events = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    if (workload.equals("pipeline")) {
      pipelines(events, rounds, java.util.Arrays.copyOfRange(args, 3, args.length));
      return;
    }
    List<SseAdapter> adapters = new ArrayList<>();
    for (int i = 3; i < args.length; i++) {
      adapters.add(args[i].equals("scan") ? null : Adapters.byName(args[i]));
    }
    Input input = workload.startsWith("large-")
        ? Workloads.largeLine(Integer.parseInt(workload.substring(6)), Workloads.BUFFERS_1K, false)
        : Workloads.byName(workload, events, false);
    long[] best = new long[adapters.size()];
    java.util.Arrays.fill(best, Long.MAX_VALUE);
    long[] sink = new long[1];
    EventSink count = (t, d, id) -> sink[0] += d.length();
    for (int r = 0; r < rounds; r++) {
      for (int a = 0; a < adapters.size(); a++) {
        long start = System.nanoTime();
        if (adapters.get(a) == null) {
          sink[0] += LargeLineBenchmark.scan(input);
        } else {
          adapters.get(a).parse(input, count);
        }
        best[a] = Math.min(best[a], System.nanoTime() - start);
      }
    }
    for (int a = 0; a < adapters.size(); a++) {
      System.out.printf(Locale.ROOT, "%-20s %9.3f ms  %6.2fx of first%n", args[a + 3], best[a] / 1e6,
          (double) best[a] / best[0]);
    }
    System.out.println("(checksum " + sink[0] + ")");
  }

  private static void pipelines(int events, int rounds, String[] names) throws Exception {
    Input input = Workloads.llm(events, Workloads.BUFFERS_4K, false);
    long[] best = new long[names.length];
    java.util.Arrays.fill(best, Long.MAX_VALUE);
    long check = 0;
    for (int r = 0; r < rounds; r++) {
      for (int a = 0; a < names.length; a++) {
        io.github.ssekit.benchmarks.pipeline.ChatPipeline p =
            io.github.ssekit.benchmarks.pipeline.ChatPipeline.byName(names[a]);
        long start = System.nanoTime();
        check += p.run(input).content().length();
        best[a] = Math.min(best[a], System.nanoTime() - start);
      }
    }
    for (int a = 0; a < names.length; a++) {
      System.out.printf(Locale.ROOT, "%-28s %9.3f ms  %6.2fx of first%n", names[a], best[a] / 1e6,
          (double) best[a] / best[0]);
    }
    System.out.println("(checksum " + check + ")");
  }
}
