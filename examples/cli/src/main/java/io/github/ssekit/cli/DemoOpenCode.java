package io.github.ssekit.cli;

import io.github.ssekit.testkit.OpenCodeProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The real OpenCode server for {@code ssekit web --demo}: {@code opencode serve} on 127.0.0.1 with fresh HOME and
 * XDG directories in a temporary directory (the user's own OpenCode configuration is never read or written), and a
 * configuration whose only provider, {@code mock}, is the embedded fake OpenAI-compatible provider. No API key, no
 * network. Started with {@link OpenCodeProcess}; {@link #close()} stops only that process, by its PID, and deletes
 * the temporary directory.
 */
public final class DemoOpenCode implements AutoCloseable {
  /** The models the demo's provider offers, as {@code provider/model}. */
  public static final List<String> MODELS =
      List.of("mock/mock-reasoning", "mock/mock-tool", "mock/mock-slow", "mock/mock-normal");

  private final OpenCodeProcess process;

  private DemoOpenCode(OpenCodeProcess process) {
    this.process = process;
  }

  /**
   * The {@code opencode} binary: {@code explicit} if given, else {@code opencode} on the PATH, else the copy the
   * build installs for the integration tests ({@code integration-tests/target/opencode}) below the working
   * directory or the directory of the running jar.
   */
  public static Optional<Path> findBinary(Path explicit) {
    if (explicit != null) {
      return Files.isExecutable(explicit) ? Optional.of(explicit) : Optional.empty();
    }
    List<Path> candidates = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        if (!dir.isEmpty()) {
          candidates.add(Path.of(dir, "opencode"));
        }
      }
    }
    Path installed = Path.of("integration-tests", "target", "opencode", "node_modules", "opencode-ai", "bin",
        "opencode.exe");
    candidates.add(installed.toAbsolutePath());
    try {
      Path jar = Path.of(DemoOpenCode.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // examples/target/ssekit.jar (or examples/target/classes) -> the repository root
      Path root = jar.getParent() == null ? null : jar.getParent().getParent();
      if (root != null && root.getParent() != null) {
        candidates.add(root.getParent().resolve(installed));
      }
    } catch (Exception e) {
      // no code source: only the PATH and the working directory
    }
    return candidates.stream().filter(Files::isRegularFile).filter(Files::isExecutable).findFirst();
  }

  /**
   * Starts {@code binary} serving a fresh project whose provider is at {@code providerBaseUrl}, and waits until it
   * answers instance requests (at most {@code within}). Bash commands ask for permission, so the page can show it.
   */
  public static DemoOpenCode start(Path binary, String providerBaseUrl, Duration within)
      throws IOException, InterruptedException {
    Path work = Files.createTempDirectory("ssekit-web-demo-");
    try {
      return new DemoOpenCode(OpenCodeProcess.start(binary, work, config(providerBaseUrl), Map.of(), within));
    } catch (IOException | InterruptedException | RuntimeException e) {
      deleteTree(work);
      throw e;
    }
  }

  /** The base URL: {@code http://127.0.0.1:PORT}. */
  public String url() {
    return process.url();
  }

  /** The PID of the server process. */
  public long pid() {
    return process.pid();
  }

  /** Stops the server (SIGTERM, then SIGKILL after ten seconds) and deletes its directories. */
  @Override
  public void close() {
    process.close();
    deleteTree(process.work());
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temporary directory left behind
    }
  }

  private static String config(String providerBaseUrl) {
    return """
        {
          "provider": {
            "mock": {
              "npm": "@ai-sdk/openai-compatible",
              "name": "ssekit demo (fake provider)",
              "options": { "baseURL": "%s", "apiKey": "not-a-key" },
              "models": {
                "mock-reasoning": { "name": "Reasoning, then text", "reasoning": true },
                "mock-tool": { "name": "Runs a bash command (asks permission)", "tool_call": true },
                "mock-slow": { "name": "Slow text" },
                "mock-normal": { "name": "Text" }
              }
            }
          },
          "model": "mock/mock-normal",
          "small_model": "mock/mock-normal",
          "enabled_providers": ["mock"],
          "autoupdate": false,
          "share": "disabled",
          "permission": { "bash": "ask" }
        }
        """.formatted(providerBaseUrl);
  }

  @Override
  public String toString() {
    return "DemoOpenCode[" + url() + ", pid " + pid() + "]";
  }
}
