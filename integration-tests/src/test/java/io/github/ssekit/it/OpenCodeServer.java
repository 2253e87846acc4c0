package io.github.ssekit.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real OpenCode server ({@code opencode serve}, npm {@code opencode-ai}, pinned in
 * {@code integration-tests/opencode/package.json}) started for a test: on 127.0.0.1, with a fresh HOME and XDG
 * directories of its own, and a config whose only provider is a fake OpenAI-compatible provider on loopback.
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
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final int port;
  private final Path workDir;
  private final Path projectDir;
  /** The basic-auth header of the server password, when {@code extraEnv} set one; null otherwise. */
  private final String authorization;

  private OpenCodeServer(Process process, int port, Path workDir, Path projectDir, String authorization) {
    this.process = process;
    this.port = port;
    this.workDir = workDir;
    this.projectDir = projectDir;
    this.authorization = authorization;
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
    for (String dir : new String[] {"home", "config", "data", "cache", "state", "project"}) {
      Files.createDirectories(work.resolve(dir));
    }
    Path project = gitInit(work.resolve("project"));
    int port = freePort();
    ProcessBuilder builder = new ProcessBuilder(binary.toAbsolutePath().toString(), "serve", "--hostname",
        "127.0.0.1", "--port", String.valueOf(port), "--pure", "--print-logs", "--log-level", "INFO")
        .directory(project.toFile())
        .redirectErrorStream(true)
        .redirectOutput(work.resolve("serve.log").toFile());
    Map<String, String> env = builder.environment();
    env.put("HOME", work.resolve("home").toString());
    env.put("XDG_CONFIG_HOME", work.resolve("config").toString());
    env.put("XDG_DATA_HOME", work.resolve("data").toString());
    env.put("XDG_CACHE_HOME", work.resolve("cache").toString());
    env.put("XDG_STATE_HOME", work.resolve("state").toString());
    for (String flag : new String[] {"AUTOUPDATE", "MODELS_FETCH", "SHARE", "LSP_DOWNLOAD", "CLAUDE_CODE",
        "DEFAULT_PLUGINS"}) {
      env.put("OPENCODE_DISABLE_" + flag, "1");
    }
    env.remove("OPENCODE_SERVER_PASSWORD");
    env.put("OPENCODE_CONFIG_CONTENT", config(providerBaseUrl, permissionBash));
    env.putAll(extraEnv);
    String password = extraEnv.get("OPENCODE_SERVER_PASSWORD");
    String authorization = password == null || password.isEmpty() ? null : "Basic " + java.util.Base64.getEncoder()
        .encodeToString((extraEnv.getOrDefault("OPENCODE_SERVER_USERNAME", "opencode") + ":" + password)
            .getBytes(StandardCharsets.UTF_8));
    OpenCodeServer server = new OpenCodeServer(builder.start(), port, work, project, authorization);
    try {
      server.awaitReady(Duration.ofMinutes(2));
    } catch (IOException | InterruptedException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** The base URL: {@code http://127.0.0.1:PORT}. */
  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** The directory the server was started in (its default project directory). */
  Path projectDir() {
    return projectDir;
  }

  /** A fresh directory under this server's work directory, to scope sessions to another project. */
  Path newProjectDir(String name) throws IOException {
    return gitInit(Files.createDirectories(workDir.resolve(name)).toAbsolutePath());
  }

  /**
   * Makes {@code dir} a git repository of its own, as a real project is: otherwise OpenCode takes the enclosing
   * repository (this one, since the work directory is under {@code target/}) as the project, and reads its
   * worktrees. Without git, the directory stays as it is.
   */
  private static Path gitInit(Path dir) throws IOException {
    try {
      Process git = new ProcessBuilder("git", "init", "-q", dir.toString()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!git.waitFor(30, TimeUnit.SECONDS)) {
        git.destroyForcibly();
      }
    } catch (IOException e) {
      // no git: OpenCode treats the directory as a project without version control
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running git init", e);
    }
    return dir;
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
    try {
      return Files.readString(workDir.resolve("serve.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Health first (no instance needed), then an instance endpoint, which can be slow on a fresh server. */
  private void awaitReady(Duration within) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(within);
    boolean healthy = false;
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("opencode serve exited with " + process.exitValue() + ":\n" + log());
      }
      if (!healthy) {
        healthy = status("/global/health", Duration.ofSeconds(2)) == 200;
      } else if (status("/config/providers", Duration.ofSeconds(15)) == 200) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("opencode serve was not ready within " + within + ":\n" + log());
  }

  private int status(String path, Duration timeout) throws InterruptedException {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path)).timeout(timeout);
      if (authorization != null) { // a password-protected server answers 401 to everything else
        request.header("Authorization", authorization);
      }
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1; // not listening yet, or timed out
    }
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

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
