package io.github.ssekit.examples.internal.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real OpenCode server for {@code ssekit web --demo}: {@code opencode serve} on 127.0.0.1 with fresh HOME and
 * XDG directories in a temporary directory (the user's own OpenCode configuration is never read or written), and a
 * configuration whose only provider, {@code mock}, is the embedded fake OpenAI-compatible provider. No API key, no
 * network. {@link #close()} stops only the process it started, by its PID, and deletes the temporary directory.
 */
public final class DemoOpenCode implements AutoCloseable {
  /** The models the demo's provider offers, as {@code provider/model}. */
  public static final List<String> MODELS =
      List.of("mock/mock-reasoning", "mock/mock-tool", "mock/mock-slow", "mock/mock-normal");

  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final int port;
  private final Path work;

  private DemoOpenCode(Process process, int port, Path work) {
    this.process = process;
    this.port = port;
    this.work = work;
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
    for (String dir : new String[] {"home", "config", "data", "cache", "state", "project"}) {
      Files.createDirectories(work.resolve(dir));
    }
    Path project = work.resolve("project");
    gitInit(project);
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
    env.remove("OPENCODE_SERVER_USERNAME");
    env.put("OPENCODE_CONFIG_CONTENT", config(providerBaseUrl));
    DemoOpenCode server = new DemoOpenCode(builder.start(), port, work);
    try {
      server.awaitReady(within);
    } catch (IOException | InterruptedException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** The base URL: {@code http://127.0.0.1:PORT}. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** The PID of the server process. */
  public long pid() {
    return process.pid();
  }

  /** Stops the server (SIGTERM, then SIGKILL after ten seconds) and deletes its directories. */
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
    try (Stream<Path> files = Files.walk(work)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temporary directory left behind
    }
  }

  private void awaitReady(Duration within) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(within);
    boolean healthy = false;
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException("opencode serve exited with status " + process.exitValue() + "; its log:\n" + log());
      }
      if (!healthy) {
        healthy = status("/global/health", Duration.ofSeconds(2)) == 200;
      } else if (status("/config/providers", Duration.ofSeconds(15)) == 200) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IOException("opencode serve was not ready within " + within.toSeconds() + " s; its log:\n" + log());
  }

  private String log() {
    try {
      String log = Files.readString(work.resolve("serve.log"), StandardCharsets.UTF_8);
      return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private int status(String path, Duration timeout) throws InterruptedException {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(url() + path)).timeout(timeout).build();
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1; // not listening yet, or still booting the instance
    }
  }

  /** A project of its own: else OpenCode takes an enclosing git repository as the project. */
  private static void gitInit(Path dir) {
    try {
      Process git = new ProcessBuilder("git", "init", "-q", dir.toString()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!git.waitFor(30, TimeUnit.SECONDS)) {
        git.destroyForcibly();
      }
    } catch (IOException e) {
      // no git: a project without version control
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public String toString() {
    return "DemoOpenCode[" + url() + ", pid " + process.pid() + "]";
  }
}
