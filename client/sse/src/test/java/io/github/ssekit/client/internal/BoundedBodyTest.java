package io.github.ssekit.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.client.testing.FaultServer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one capped-body reader, against a raw scripted server on 127.0.0.1. */
class BoundedBodyTest {
  private static final long WAIT_SECONDS = 30;
  private static final int LIMIT = 1000;

  private final Vertx vertx = Vertx.vertx();
  private final HttpClient http = vertx.createHttpClient();
  private FaultServer server;

  @AfterEach
  void close() {
    if (server != null) {
      server.close();
    }
    vertx.close().await();
  }

  /** Answers with {@code script}, and reads the response with {@code reader} in the callback that received it. */
  private CompletableFuture<BoundedBody.Result> read(FaultServer.Script script,
      Function<HttpClientResponse, Future<BoundedBody.Result>> reader) throws Exception {
    server = FaultServer.start(List.of(script));
    Promise<BoundedBody.Result> result = Promise.promise();
    // on an event loop, so that the body handler is set before Vert.x delivers the body
    EventLoop.of(vertx).execute(() -> http.request(HttpMethod.GET, server.port(), "127.0.0.1", "/")
        .compose(req -> req.send())
        .compose(reader)
        .onComplete(result));
    return result.future().toCompletionStage().toCompletableFuture();
  }

  private static String text(CompletableFuture<BoundedBody.Result> result) throws Exception {
    return result.get(WAIT_SECONDS, TimeUnit.SECONDS).bytes().toString();
  }

  private static void chunkedError(FaultServer.Exchange ex) throws java.io.IOException {
    ex.head(500, "Content-Type: text/plain", "Transfer-Encoding: chunked");
  }

  @Test
  void aBodyWithinTheLimitIsReadWhole() throws Exception {
    CompletableFuture<BoundedBody.Result> result = read((rq, ex) -> {
      chunkedError(ex);
      ex.chunk("first ");
      ex.chunk("second");
      ex.endChunks();
    }, resp -> BoundedBody.read(resp, LIMIT));
    assertEquals("first second", text(result));
    assertFalse(result.get().truncated());
  }

  @Test
  void aLongerBodyIsCutAtTheLimitAndItsConnectionClosed() throws Exception {
    CompletableFuture<BoundedBody.Result> result = read((rq, ex) -> {
      chunkedError(ex);
      ex.chunk("x".repeat(LIMIT - 1));
      ex.chunk("yz");
      ex.stall(); // sends no more and never ends the body: only the client's reset closes the connection
    }, resp -> BoundedBody.read(resp, LIMIT));
    assertEquals("x".repeat(LIMIT - 1) + "y", text(result));
    assertTrue(result.get().truncated());
    assertTrue(server.awaitNoOpenConnections(WAIT_SECONDS, TimeUnit.SECONDS), "the request was reset");
  }

  @Test
  void aBrokenConnectionFailsAnAnswer() throws Exception {
    CompletableFuture<BoundedBody.Result> result = read((rq, ex) -> {
      chunkedError(ex);
      ex.chunk("part");
      ex.close(); // a FIN mid-body (not an RST, which could overtake the chunk): the body never ends
    }, resp -> BoundedBody.read(resp, LIMIT));
    assertThrows(ExecutionException.class, () -> result.get(WAIT_SECONDS, TimeUnit.SECONDS));
  }

  @Test
  void anErrorBodyKeepsWhatArrivedBeforeTheConnectionBroke() throws Exception {
    CompletableFuture<BoundedBody.Result> result = read((rq, ex) -> {
      chunkedError(ex);
      ex.chunk("part");
      ex.close(); // a FIN mid-body (not an RST, which could overtake the chunk): the body never ends
    }, resp -> BoundedBody.readUntilStalled(vertx, resp, LIMIT, Duration.ofSeconds(WAIT_SECONDS)));
    assertEquals("part", text(result));
    assertFalse(result.get().truncated());
  }

  @Test
  void aStalledErrorBodyEndsAfterTheStallTimeoutAndItsConnectionIsClosed() throws Exception {
    CompletableFuture<BoundedBody.Result> result = read((rq, ex) -> {
      chunkedError(ex);
      ex.chunk("before the stall");
      ex.stall();
    }, resp -> BoundedBody.readUntilStalled(vertx, resp, LIMIT, Duration.ofMillis(200)));
    assertEquals("before the stall", text(result));
    assertFalse(result.get().truncated());
    assertTrue(server.awaitNoOpenConnections(WAIT_SECONDS, TimeUnit.SECONDS), "the request was reset");
  }

  @Test
  void anErrorBodyIsCappedToo() throws Exception {
    CompletableFuture<BoundedBody.Result> result = read((rq, ex) -> {
      chunkedError(ex);
      ex.chunk("e".repeat(3 * LIMIT));
      ex.stall();
    }, resp -> BoundedBody.readUntilStalled(vertx, resp, LIMIT, Duration.ofSeconds(WAIT_SECONDS)));
    assertEquals("e".repeat(LIMIT), text(result));
    assertTrue(result.get().truncated());
    assertTrue(server.awaitNoOpenConnections(WAIT_SECONDS, TimeUnit.SECONDS), "the request was reset");
  }

  @Test
  void aWholeErrorBodyIsReadWhole() throws Exception {
    CompletableFuture<BoundedBody.Result> result = read((rq, ex) -> {
      ex.head(401, "Content-Type: application/json", "Content-Length: 15");
      ex.raw("{\"error\":\"no\"}\n");
    }, resp -> BoundedBody.readUntilStalled(vertx, resp, LIMIT, Duration.ofSeconds(WAIT_SECONDS)));
    assertEquals("{\"error\":\"no\"}\n", text(result));
    assertFalse(result.get().truncated());
  }
}
