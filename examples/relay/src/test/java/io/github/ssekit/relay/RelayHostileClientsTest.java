package io.github.ssekit.relay;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.client.SseClientOptions;
import io.github.ssekit.client.opencode.OpenCodeClientOptions;
import io.github.ssekit.opencode.ModelRef;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The relay's HTTP server against hostile clients on loopback: unfinished request heads, a body that never comes,
 * idle keep-alive connections, and request targets that name another host. Each is closed or refused in bounded
 * time.
 */
class RelayHostileClientsTest {
  private static final Duration IDLE_TIMEOUT = Duration.ofMillis(400);
  private static final Duration BODY_TIMEOUT = Duration.ofMillis(400);
  /** Far above the timeouts, far below "forever": what a test waits for the relay to close a connection. */
  private static final int WAIT_MS = 8_000;

  private ScriptedOpenCode opencode;
  private Vertx vertx;
  private ChatRelay relay;
  private final List<Socket> sockets = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    opencode = new ScriptedOpenCode();
    vertx = Vertx.vertx();
    OpenCodeClientOptions upstream = new OpenCodeClientOptions(opencode.url())
        .setSseClientOptions(new SseClientOptions().setReconnectDelay(Duration.ofMillis(100)));
    relay = ChatRelay.start(vertx, new ChatRelayOptions(upstream).setPort(0)
        .setModel(ModelRef.of("mock", "mock-normal")).setUpstreamGrace(Duration.ofMillis(200))
        .setHeartbeat(Duration.ofMillis(200))
        .setIdleConnectionTimeout(IDLE_TIMEOUT).setRequestBodyTimeout(BODY_TIMEOUT))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    for (Socket socket : sockets) {
      socket.close();
    }
    relay.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    opencode.close();
  }

  private Socket open(String sent) throws IOException {
    Socket socket = new Socket("127.0.0.1", relay.port());
    sockets.add(socket);
    socket.setSoTimeout(WAIT_MS);
    socket.getOutputStream().write(sent.getBytes(UTF_8));
    socket.getOutputStream().flush();
    return socket;
  }

  /** Everything the relay sends until it closes the connection; fails when it keeps it open past the wait. */
  private static String readUntilClosed(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        read.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the relay kept the connection open; it sent: " + read.toString(UTF_8), e);
    }
    return read.toString(UTF_8);
  }

  private String host() {
    return "127.0.0.1:" + relay.port();
  }

  @Test
  void unfinishedRequestHeadsAreClosedAfterTheIdleTimeout() throws Exception {
    List<Socket> slow = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      slow.add(open("GET / HTTP/1.1\r\nHost: " + host() + "\r\nX-Slow: " + i)); // never ends its head
    }
    long started = System.nanoTime();
    for (Socket socket : slow) {
      assertEquals("", readUntilClosed(socket), "closed without an answer");
    }
    assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) < WAIT_MS, "closed in bounded time");
    // the relay still answers
    String answer = readUntilClosed(open("GET /api/info HTTP/1.1\r\nHost: " + host() + "\r\nConnection: close\r\n\r\n"));
    assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
  }

  @Test
  void aConnectionThatSendsNothingIsClosed() throws Exception {
    assertEquals("", readUntilClosed(open("")));
  }

  @Test
  void anIdleKeepAliveConnectionIsClosedAfterItsAnswer() throws Exception {
    String answer = readUntilClosed(open("GET /api/info HTTP/1.1\r\nHost: " + host() + "\r\n\r\n"));
    assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
  }

  @Test
  void aBodyThatNeverArrivesIsAnswered408AndClosed() throws Exception {
    String answer = readUntilClosed(open("POST /api/session HTTP/1.1\r\nHost: " + host()
        + "\r\nContent-Type: application/json\r\nContent-Length: " + ChatRelay.MAX_BODY + "\r\n\r\n{\"a\":\"12"));
    assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
    assertEquals(0, opencode.count("POST /session"), "nothing was done with the partial body");
  }

  @Test
  void twoHostHeadersAreRefused() throws Exception {
    String answer = readUntilClosed(open("GET /api/info HTTP/1.1\r\nHost: " + host() + "\r\nHost: attacker.example"
        + "\r\nConnection: close\r\n\r\n"));
    assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
  }

  @Test
  void anAbsoluteTargetNamingAnotherHostIsRefusedAndOneNamingTheRelayIsServed() throws Exception {
    String other = readUntilClosed(open("GET http://attacker.example/api/info HTTP/1.1\r\nHost: " + host()
        + "\r\nConnection: close\r\n\r\n"));
    assertTrue(other.startsWith("HTTP/1.1 400"), other);
    String self = readUntilClosed(open("GET http://" + host() + "/api/info HTTP/1.1\r\nHost: " + host()
        + "\r\nConnection: close\r\n\r\n"));
    assertTrue(self.startsWith("HTTP/1.1 200"), self);
  }
}
