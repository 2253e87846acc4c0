package io.github.ssekit.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.client.testing.ScriptedServer;
import io.github.ssekit.client.testing.Sink;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client made without a {@code Vertx} owns one whose threads are daemon threads and which {@code close()} releases;
 * a caller's {@code Vertx} is never closed. The JVM-exit cases run {@link OwnedVertxMain} in a fresh JVM, as a user's
 * program would run.
 */
class OwnedVertxTest {

  /** Far above a run (a second or two), far below forever: a JVM kept alive by a thread fails. */
  private static final Duration EXIT_BOUND = Duration.ofSeconds(60);

  /** How long the control case (the caller's Vert.x, never closed) must still be running: it never exits. */
  private static final Duration STILL_RUNNING = Duration.ofSeconds(5);

  private Vertx vertx;
  private ScriptedServer server;

  @TempDir
  Path dir;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server = ScriptedServer.start(vertx).on("/events", req -> ScriptedServer.writeApart(vertx,
        ScriptedServer.eventStream(req), List.of(Buffer.buffer("data: one\n\n"), Buffer.buffer("data: two\n\n")), 5));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    Sink.await(vertx.close());
  }

  @Test
  void anOwnedVertxRunsStreamsOnDaemonThreadsAndCloseEndsThem() throws Exception {
    SseClient client = SseClient.create(new SseClientOptions());
    CompletableFuture<Thread> loop = new CompletableFuture<>();
    SseStream stream = Sink.await(client.connect(SseRequest.get(server.url("/events")).reconnect(false).build()));
    Sink sink = new Sink();
    stream.endHandler(v -> sink.done.complete(null));
    stream.handler(event -> {
      loop.complete(Thread.currentThread());
      sink.add(event);
    });
    sink.awaitEnd();
    Thread eventLoop = loop.get(Sink.WAIT_SECONDS, TimeUnit.SECONDS);
    assertTrue(eventLoop.isDaemon(), eventLoop + " keeps the JVM alive");

    client.close(); // blocks until done, the owned Vert.x included
    eventLoop.join(TimeUnit.SECONDS.toMillis(Sink.WAIT_SECONDS));
    assertFalse(eventLoop.isAlive(), "the owned Vert.x was not closed");
  }

  @Test
  void aCallersVertxIsNeverClosedAndKeepsItsThreads() throws Exception {
    SseClient client = SseClient.create(vertx);
    CompletableFuture<Thread> loop = new CompletableFuture<>();
    SseStream stream = Sink.await(client.connect(SseRequest.get(server.url("/events")).reconnect(false).build()));
    stream.handler(event -> loop.complete(Thread.currentThread()));
    Thread eventLoop = loop.get(Sink.WAIT_SECONDS, TimeUnit.SECONDS);
    assertFalse(eventLoop.isDaemon(), "the caller's threads are as the caller made them");

    client.close();
    Promise<String> stillRunning = Promise.promise();
    vertx.setTimer(1, t -> stillRunning.complete("timer fired"));
    assertEquals("timer fired", Sink.await(stillRunning.future()));
    // and it still serves a new client
    try (SseClient next = SseClient.create(vertx)) {
      Sink sink = Sink.attach(Sink.await(next.connect(SseRequest.get(server.url("/events")).reconnect(false)
          .build())));
      sink.awaitEnd();
      assertEquals(2, sink.events().size());
    }
    assertTrue(eventLoop.isAlive());
  }

  @Test
  void closeOnAnEventLoopStartsTheCloseWithoutBlocking() throws Exception {
    SseClient client = SseClient.create();
    assertEquals(null, Sink.thrownOnEventLoop(vertx, client::close));
    Sink.await(client.closeAsync()); // closing again is harmless, and completes once the first close is done
    SseConnectionException refused = Sink.awaitFailure(client.connect(SseRequest.get(server.url("/events")).build()),
        SseConnectionException.class);
    assertTrue(refused.getMessage().contains("closed"), refused.getMessage());
  }

  @Test
  void aMainThatNeverClosesItsClientExitsByItself() throws Exception {
    Run run = run("never-closed");
    assertTrue(run.exited(), "the JVM was kept alive by the never-closed client:\n" + run.output());
    assertEquals(List.of("one", "two", "main returned"), run.lines());
  }

  @Test
  void aMainThatClosesItsClientExitsByItself() throws Exception {
    Run run = run("closed");
    assertTrue(run.exited(), run.output());
    assertEquals(List.of("one", "two", "main returned"), run.lines());
  }

  /** The control: the same program on a caller's {@code Vertx.vertx()}, never closed, does not exit. */
  @Test
  void aCallersVertxNeverClosedKeepsTheJvmAlive() throws Exception {
    Run run = run("caller-vertx");
    assertFalse(run.exited(), "the caller's Vert.x was closed or made daemon:\n" + run.output());
    assertEquals(List.of("one", "two", "main returned"), run.lines());
  }

  private record Run(boolean exited, String output) {
    List<String> lines() {
      return output.lines().filter(line -> !line.isBlank()).toList();
    }
  }

  /**
   * Runs {@link OwnedVertxMain} in {@code mode} in a new JVM on this test's class path; waits for it to exit by
   * itself ({@link #EXIT_BOUND}), or, for the control case, for {@link #STILL_RUNNING} after it printed its last line.
   */
  private Run run(String mode) throws Exception {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx128m", "-cp", System.getProperty("java.class.path"), OwnedVertxMain.class.getName(), mode,
        server.url("/events"))
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      process.getOutputStream().close();
      boolean exited;
      if (mode.equals("caller-vertx")) {
        long deadline = System.nanoTime() + EXIT_BOUND.toNanos();
        while (!Files.readString(out, UTF_8).contains("main returned") && System.nanoTime() < deadline
            && process.isAlive()) {
          Thread.sleep(50);
        }
        exited = process.waitFor(STILL_RUNNING.toMillis(), TimeUnit.MILLISECONDS);
      } else {
        exited = process.waitFor(EXIT_BOUND.toSeconds(), TimeUnit.SECONDS);
      }
      if (exited) {
        assertEquals(0, process.exitValue(), Files.readString(out, UTF_8));
      }
      return new Run(exited, Files.readString(out, UTF_8));
    } finally {
      process.destroyForcibly().waitFor(EXIT_BOUND.toSeconds(), TimeUnit.SECONDS);
    }
  }
}
