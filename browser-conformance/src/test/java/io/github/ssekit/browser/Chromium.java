package io.github.ssekit.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium (Debian's {@code chromium} package) as a process this test starts and stops by PID, with a
 * fresh profile, no network beyond loopback and none of its background services.
 */
final class Chromium implements AutoCloseable {
  private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

  private final Process process;

  private Chromium(Process process) {
    this.process = process;
  }

  /**
   * The browser binary: {@code -Dssekit.chromium=PATH}, else the first of chromium, chromium-browser or
   * google-chrome on the PATH.
   */
  static Optional<Path> find() {
    String configured = System.getProperty("ssekit.chromium");
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Paths.get(configured)).filter(Files::isExecutable);
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : NAMES) {
        Path candidate = Paths.get(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** Opens {@code url} in a new headless browser whose profile and log live in {@code workDir}. */
  static Chromium open(Path binary, String url, Path workDir) throws IOException {
    Files.createDirectories(workDir);
    Path profile = Files.createTempDirectory(workDir, "profile-");
    ProcessBuilder builder = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-extensions", "--disable-dev-shm-usage", "--user-data-dir=" + profile, url);
    builder.redirectErrorStream(true);
    builder.redirectOutput(workDir.resolve("chromium.log").toFile());
    return new Chromium(builder.start());
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Stops the browser and every process it started, by PID. */
  @Override
  public void close() throws InterruptedException {
    List<ProcessHandle> children = process.descendants().toList(); // before the parent dies and they are orphaned
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    for (ProcessHandle child : children) {
      child.destroy();
    }
    for (ProcessHandle child : children) {
      try {
        child.onExit().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        child.destroyForcibly();
      }
    }
  }
}
