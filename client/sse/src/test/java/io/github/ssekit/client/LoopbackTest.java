package io.github.ssekit.client;

import io.github.ssekit.client.testing.ScriptedServer;
import io.github.ssekit.client.testing.Sink;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** A scripted server on 127.0.0.1 (ephemeral port) and clients that are closed after each test. */
@ExtendWith(VertxExtension.class)
abstract class LoopbackTest {
  Vertx vertx;
  ScriptedServer server;
  private final List<SseClient> clients = new ArrayList<>();

  @BeforeEach
  void startServer(Vertx vertx) throws Exception {
    this.vertx = vertx;
    this.server = ScriptedServer.start(vertx);
  }

  @AfterEach
  void closeAll() throws Exception {
    for (SseClient client : clients) {
      Sink.await(client.closeAsync());
    }
    server.close();
  }

  /** Options for fast tests: short delays, no jitter, timeouts far above any expected wait. */
  static SseClientOptions fastOptions() {
    return new SseClientOptions()
        .setConnectTimeout(Duration.ofSeconds(2))
        .setIdleTimeout(Duration.ofSeconds(5))
        .setReconnectDelay(Duration.ofMillis(10))
        .setReconnectJitter(0);
  }

  SseClient client() {
    return client(fastOptions());
  }

  SseClient client(SseClientOptions options) {
    SseClient client = SseClient.create(vertx, options);
    clients.add(client);
    return client;
  }
}
