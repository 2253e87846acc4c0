package io.github.ssekit.it;

import io.github.ssekit.testkit.OpenCodeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real OpenCode server ({@code opencode serve}, npm {@code opencode-ai}, pinned in
 * {@code integration-tests/opencode/package.json}) started for a test with {@link OpenCodeProcess} (the same
 * launcher as {@code ssekit web --demo}): on 127.0.0.1, with a fresh HOME and XDG directories of its own, and a
 * config whose only provider is a fake OpenAI-compatible provider on loopback.
 *
 * <p>The build installs the package into {@code target/opencode} before the integration tests
 * ({@code opencode/install.sh}); when that failed, {@link #start} fails with the reason. {@link #close()} stops
 * only the process this object started, by its PID: SIGTERM, then SIGKILL after ten seconds.
 *
 * <p>With {@code OPENCODE_SERVER_PASSWORD} in {@code extraEnv} the server requires basic authentication (user
 * {@code opencode} unless {@code OPENCODE_SERVER_USERNAME} says otherwise); the readiness checks send it.
 */
final class OpenCodeServer implements AutoCloseable {
  private static final AtomicInteger RUNS = new AtomicInteger();

  private final OpenCodeProcess process;

  private OpenCodeServer(OpenCodeProcess process) {
    this.process = process;
  }

  /**
   * Starts a server whose provider {@code mock} points at {@code providerBaseUrl} and offers the fake's models, and
   * waits until it answers instance requests. {@code permissionBash} is OpenCode's permission for the bash tool
   * ({@code "ask"} makes tool calls wait for a permission reply).
   */
  static OpenCodeServer start(String providerBaseUrl, String permissionBash, Map<String, String> extraEnv)
      throws IOException, InterruptedException {
    Path home = Path.of(System.getProperty("ssekit.opencode.home", "target/opencode"));
    Path failed = home.resolve("INSTALL-FAILED");
    if (Files.exists(failed)) {
      throw new IllegalStateException("The OpenCode server could not be installed: "
          + Files.readString(failed).trim() + " (skip these tests on purpose with -Dssekit.skipOpenCode=true)");
    }
    Path binary = home.resolve("node_modules/opencode-ai/bin/opencode.exe");
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException("The OpenCode server is not installed at " + binary
          + ": run the build through `./mvnw verify`, which installs it with npm in the pre-integration-test phase"
          + " (skip these tests on purpose with -Dssekit.skipOpenCode=true)");
    }
    Path work = Path.of(System.getProperty("ssekit.it.work", "target/it-work"))
        .resolve("opencode-" + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet()).toAbsolutePath();
    return new OpenCodeServer(OpenCodeProcess.start(binary, work, config(providerBaseUrl, permissionBash), extraEnv,
        Duration.ofMinutes(2)));
  }

  /** The base URL: {@code http://127.0.0.1:PORT}. */
  String url() {
    return process.url();
  }

  /** The directory the server was started in (its default project directory). */
  Path projectDir() {
    return process.project();
  }

  /**
   * A fresh directory under this server's work directory, a git repository of its own, to scope sessions to
   * another project (otherwise OpenCode would take this repository, which encloses {@code target/}, as the project).
   */
  Path newProjectDir(String name) throws IOException {
    return OpenCodeProcess.gitInit(Files.createDirectories(process.work().resolve(name)).toAbsolutePath());
  }

  /**
   * Waits until the instance for {@code directory} has booted its location services (the server logs it), then a
   * little longer. OpenCode 1.18.33 can hang for good when an instance is disposed while that step is running, so
   * tests that dispose an instance call this first.
   */
  void awaitInstanceBooted(Path directory) throws InterruptedException {
    String line = "message=\"booting location services\" directory=" + directory;
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!log().contains(line)) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("the instance for " + directory + " never booted:\n" + log());
      }
      Thread.sleep(100);
    }
    Thread.sleep(2000); // the services it boots next are not logged; give them time
  }

  /** The server's log so far, for failure messages. */
  String log() {
    return process.log();
  }

  @Override
  public void close() {
    process.close();
  }

  private static String config(String providerBaseUrl, String permissionBash) {
    return """
        {
          "provider": {
            "mock": {
              "npm": "@ai-sdk/openai-compatible",
              "name": "Mock OpenAI-compatible",
              "options": { "baseURL": "%s", "apiKey": "sk-mock" },
              "models": {
                "mock-normal": { "name": "Mock normal" },
                "mock-other": { "name": "Mock other" },
                "mock-slow": { "name": "Mock slow" },
                "mock-tool": { "name": "Mock tool caller", "tool_call": true },
                "mock-question": { "name": "Mock question asker", "tool_call": true },
                "mock-reasoning": { "name": "Mock reasoning", "reasoning": true },
                "mock-http500": { "name": "Mock HTTP 500" },
                "mock-http401": { "name": "Mock HTTP 401" }
              }
            }
          },
          "model": "mock/mock-other",
          "small_model": "mock/mock-other",
          "enabled_providers": ["mock"],
          "autoupdate": false,
          "share": "disabled",
          "permission": { "bash": "%s" }
        }
        """.formatted(providerBaseUrl, permissionBash);
  }
}
