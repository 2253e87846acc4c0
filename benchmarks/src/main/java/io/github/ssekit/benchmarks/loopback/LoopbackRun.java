package io.github.ssekit.benchmarks.loopback;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs workload 6: starts a {@link LoopbackServer} process, runs each scenario in a fresh {@link LoopbackClient}
 * process (bounded in time), and writes every client's result to {@code loopback.json}. The server is stopped by
 * its own process handle at the end, whatever happened.
 */
public final class LoopbackRun {

  /** One client run; {@code rate} is events a second per stream (rate mode). */
  record Scenario(String mode, String impl, int streams, int seconds, int rate) {
    Scenario(String mode, String impl, int streams, int seconds) {
      this(mode, impl, streams, seconds, 10);
    }
  }

  private LoopbackRun() {}

  /** The scenarios of a full run, or of a quick smoke run. */
  static List<Scenario> scenarios(boolean quick) {
    List<Scenario> list = new ArrayList<>();
    int[] sizes = quick ? new int[] {1000} : new int[] {1000, 10_000};
    for (int streams : sizes) {
      for (String impl : List.of("ssekit", "vertx-raw")) {
        list.add(new Scenario("rate", impl, streams, quick ? 5 : 20));
      }
    }
    if (!quick) {
      // 10,000 streams at 10 events/s is 100,000 writes and reads a second for server and client on two cores;
      // at 1 event/s the same streams leave the machine room, which separates the client's cost from saturation.
      for (String impl : List.of("ssekit", "vertx-raw")) {
        list.add(new Scenario("rate", impl, 10_000, 20, 1));
      }
    }
    // 30 s, so that the warm-up (a third of it) is 10 s: after 3 s the JIT was still compiling ssekit's read path
    // during the measured window, and its compiler threads' CPU counted against ssekit (measured by hand: 4.4 us of
    // CPU per event after 3 s of warm-up, 3.2 to 3.4 after 10 s; the bare client 2.6 and 2.1 to 2.6).
    for (String impl : List.of("ssekit", "vertx-raw")) {
      list.add(new Scenario("flood", impl, 100, quick ? 5 : 30));
    }
    for (String impl : List.of("ssekit", "vertx-raw")) {
      list.add(new Scenario("idle", impl, quick ? 1000 : 10_000, 0));
    }
    return list;
  }

  /** Runs every scenario; results and the processes' logs go to {@code results}. */
  public static void run(Path results, boolean quick) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = System.getProperty("java.class.path");
    Path logs = Files.createDirectories(results.resolve("logs"));
    Path portFile = logs.resolve("loopback.port");
    Files.deleteIfExists(portFile);
    Process server = new ProcessBuilder(java, "-Xms1g", "-Xmx1g", "-cp", classPath,
        LoopbackServer.class.getName(), portFile.toString(), "2")
        .redirectErrorStream(true)
        .redirectOutput(logs.resolve("loopback-server.log").toFile())
        .start();
    ObjectMapper json = new ObjectMapper();
    ArrayNode all = json.createArrayNode();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.exists(portFile) || Files.size(portFile) == 0) {
        if (!server.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("the loopback server did not start; see " + logs);
        }
        Thread.sleep(100);
      }
      String port = Files.readString(portFile).trim();
      for (Scenario s : scenarios(quick)) {
        String name = s.mode() + "-" + s.impl() + "-" + s.streams() + (s.mode().equals("rate") ? "-" + s.rate() : "");
        Path out = logs.resolve(name + ".json");
        Files.deleteIfExists(out);
        System.out.println("# loopback " + name + " (" + s.seconds() + " s)");
        Process client = new ProcessBuilder(java, "-Xms2g", "-Xmx2g", "-cp", classPath,
            LoopbackClient.class.getName(), port, s.mode(), s.impl(), Integer.toString(s.streams()),
            Integer.toString(s.seconds()), out.toString(), Integer.toString(s.rate()))
            .redirectErrorStream(true)
            .redirectOutput(logs.resolve(name + ".log").toFile())
            .start();
        if (!client.waitFor(s.seconds() + 300L, TimeUnit.SECONDS)) {
          client.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
          System.out.println("  timed out; see " + logs.resolve(name + ".log"));
          continue;
        }
        if (client.exitValue() != 0 || !Files.exists(out)) {
          System.out.println("  failed (exit " + client.exitValue() + "); see " + logs.resolve(name + ".log"));
          continue;
        }
        all.add(json.readTree(out.toFile()));
        System.out.println("  " + Files.readString(out).replaceAll("\\s+", " "));
      }
    } finally {
      server.destroy();
      if (!server.waitFor(10, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    json.writerWithDefaultPrettyPrinter().writeValue(results.resolve("loopback.json").toFile(), all);
  }
}
