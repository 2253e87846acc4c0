package io.github.ssekit.testkit;

import java.io.IOException;
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
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An isolated {@code opencode serve} process, the one place that knows how to start it: on 127.0.0.1 at a free
 * port, with HOME and XDG directories of its own under a work directory (the user's OpenCode configuration is never
 * read or written), OpenCode's background downloads and updates turned off, a git-initialised project directory, and
 * the configuration given as {@code OPENCODE_CONFIG_CONTENT}. Used by {@code ssekit web --demo} (the command line's
 * {@code DemoOpenCode}) and by the integration tests' harness. {@link #close()} stops only this process, by its PID.
 */
public final class OpenCodeProcess implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final int port;
  private final Path work;
  /** The basic-auth header of the server password, when {@code extraEnv} set one; null otherwise. */
  private final String authorization;

  private OpenCodeProcess(Process process, int port, Path work, String authorization) {
    this.process = process;
    this.port = port;
    this.work = work;
    this.authorization = authorization;
  }

  /**
   * Starts {@code binary serve} in {@code work/project} with {@code config} (OpenCode's JSON configuration) and
   * {@code extraEnv} on top of the isolated environment, and waits up to {@code within} until it answers instance
   * requests. With {@code OPENCODE_SERVER_PASSWORD} in {@code extraEnv} the server requires basic authentication
   * (user {@code opencode} unless {@code OPENCODE_SERVER_USERNAME} says otherwise); the readiness checks send it.
   * A password in this process's own environment is never passed on.
   */
  public static OpenCodeProcess start(Path binary, Path work, String config, Map<String, String> extraEnv,
      Duration within) throws IOException, InterruptedException {
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
    env.remove("OPENCODE_SERVER_USERNAME");
    env.put("OPENCODE_CONFIG_CONTENT", config);
    env.putAll(extraEnv);
    String password = extraEnv.get("OPENCODE_SERVER_PASSWORD");
    String authorization = password == null || password.isEmpty() ? null : "Basic " + Base64.getEncoder()
        .encodeToString((extraEnv.getOrDefault("OPENCODE_SERVER_USERNAME", "opencode") + ":" + password)
            .getBytes(StandardCharsets.UTF_8));
    OpenCodeProcess server = new OpenCodeProcess(builder.start(), port, work, authorization);
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

  /** The work directory holding the server's HOME, XDG directories, log and project. */
  public Path work() {
    return work;
  }

  /** The directory the server was started in: its default project. */
  public Path project() {
    return work.resolve("project");
  }

  /** The server's log so far. */
  public String log() {
    try {
      return Files.readString(work.resolve("serve.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /**
   * Makes {@code dir} a git repository of its own, as a real project is: otherwise OpenCode takes an enclosing
   * repository as the project and reads its worktrees. Without git, the directory stays as it is.
   */
  public static Path gitInit(Path dir) throws IOException {
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

  /** Stops the server: SIGTERM, then SIGKILL after ten seconds. */
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
        throw new IOException("opencode serve exited with status " + process.exitValue() + "; its log:\n"
            + tail(log()));
      }
      if (!healthy) {
        healthy = status("/global/health", Duration.ofSeconds(2)) == 200;
      } else if (status("/config/providers", Duration.ofSeconds(15)) == 200) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IOException("opencode serve was not ready within " + within.toSeconds() + " s; its log:\n"
        + tail(log()));
  }

  private static String tail(String log) {
    return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
  }

  private int status(String path, Duration timeout) throws InterruptedException {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path)).timeout(timeout);
      if (authorization != null) { // a password-protected server answers 401 to everything else
        request.header("Authorization", authorization);
      }
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1; // not listening yet, or still booting the instance
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public String toString() {
    return "OpenCodeProcess[" + url() + ", pid " + process.pid() + "]";
  }
}
