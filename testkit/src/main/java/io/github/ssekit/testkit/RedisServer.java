package io.github.ssekit.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code redis-server} for tests: on 127.0.0.1 at a free port, with a throwaway directory, no persistence
 * and no configuration file of the machine's. {@link #stop()} kills only this process, by its PID, and
 * {@link #restart()} starts it again on the same port (empty: nothing was saved), as a Redis that was lost and came
 * back.
 */
public final class RedisServer implements AutoCloseable {
  /** Where Debian's package installs the server. */
  public static final Path DEBIAN_BINARY = Path.of("/usr/bin/redis-server");

  private final Path binary;
  private final Path work;
  private final int port;
  private Process process;

  private RedisServer(Path binary, Path work, int port) {
    this.binary = binary;
    this.work = work;
    this.port = port;
  }

  /**
   * Starts {@code redis-server} ({@link #DEBIAN_BINARY}) with its files under {@code work} and waits until it
   * accepts connections.
   *
   * @throws IOException if it is not installed or does not start within 10 s
   */
  public static RedisServer start(Path work) throws IOException, InterruptedException {
    if (!Files.isExecutable(DEBIAN_BINARY)) {
      throw new IOException(DEBIAN_BINARY + " is missing: install Debian's redis-server (bin/test does)");
    }
    Files.createDirectories(work);
    RedisServer server = new RedisServer(DEBIAN_BINARY, work, freePort());
    server.launch();
    return server;
  }

  /** The port it listens on. */
  public int port() {
    return port;
  }

  /** {@code redis://127.0.0.1:PORT}. */
  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** Whether the process runs. */
  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Kills the process (by its PID) and waits until it is gone: clients see the connection lost. */
  public void stop() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Starts it again on the same port, empty. */
  public void restart() throws IOException, InterruptedException {
    stop();
    launch();
  }

  private void launch() throws IOException, InterruptedException {
    process = new ProcessBuilder(binary.toString(), "--bind", "127.0.0.1", "--port", String.valueOf(port),
        "--dir", work.toString(), "--save", "", "--appendonly", "no", "--protected-mode", "yes",
        "--daemonize", "no")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("redis.log").toFile()))
        .start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException("redis-server exited with " + process.exitValue() + "; see " + work.resolve("redis.log"));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    stop();
    throw new IOException("redis-server did not accept connections within 10 s");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Stops it. */
  @Override
  public void close() throws InterruptedException {
    stop();
  }

  @Override
  public String toString() {
    return "RedisServer[127.0.0.1:" + port + (isRunning() ? ", running" : "") + "]";
  }
}
