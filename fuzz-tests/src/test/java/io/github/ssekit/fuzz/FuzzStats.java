package io.github.ssekit.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the executions of one fuzz target and reports them when its class is done: a line
 * {@code fuzz: TARGET executions=N mode=fuzzing|regression} on standard output and, in fuzzing mode, the file
 * {@code target/fuzz-stats/TARGET.txt} (for the README's counts).
 */
final class FuzzStats {
  private final String target;
  private final AtomicLong executions = new AtomicLong();
  private final long started = System.nanoTime();

  FuzzStats(String target) {
    this.target = target;
  }

  void count() {
    executions.incrementAndGet();
  }

  /** Whether this JVM fuzzes (Jazzer's {@code JAZZER_FUZZ}) rather than replays the seed corpus. */
  static boolean fuzzing() {
    String value = System.getenv("JAZZER_FUZZ");
    return value != null && !value.isEmpty() && !value.equals("0") && !value.equalsIgnoreCase("false");
  }

  void report() {
    long seconds = Math.max(1, (System.nanoTime() - started) / 1_000_000_000L);
    String mode = fuzzing() ? "fuzzing" : "regression";
    String line = "fuzz: " + target + " executions=" + executions.get() + " mode=" + mode + " seconds=" + seconds
        + " java=" + Runtime.version().feature();
    System.out.println(line);
    String dir = System.getProperty("ssekit.fuzz.stats");
    if (dir == null || !fuzzing()) {
      return;
    }
    try {
      Path file = Paths.get(dir, target + ".txt");
      Files.createDirectories(file.getParent());
      Files.write(file, (line + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
