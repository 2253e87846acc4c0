package io.github.ssekit.client.openai;

import static io.github.ssekit.client.testing.ScriptedServer.eventStream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.client.ObservedStream;
import io.github.ssekit.client.RetryAttempt;
import io.github.ssekit.client.SseClientOptions;
import io.github.ssekit.client.SseDeadlineException;
import io.github.ssekit.client.SseObserver;
import io.github.ssekit.client.StreamStats;
import io.github.ssekit.client.testing.FaultServer;
import io.github.ssekit.client.testing.ScriptedServer;
import io.github.ssekit.openai.chat.ChatRequest;
import io.github.ssekit.openai.chat.ChatResult;
import io.github.ssekit.openai.responses.ResponsesRequest;
import io.github.ssekit.openai.responses.ResponsesResult;
import io.github.ssekit.sse.protocol.ResponseMetadata;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link OpenAiClient}'s retries before the stream is accepted, its deadline, the response's metadata on the result
 * and on HTTP errors, and what its observer sees, against scripted servers on 127.0.0.1.
 */
class OpenAiRetryAndDeadlineTest {
  private static final long WAIT_SECONDS = 10;
  private static final String CHUNK = "data: {\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,"
      + "\"delta\":{\"content\":\"%s\"}}]}\n\n";
  private static final String FINISH = "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{},"
      + "\"finish_reason\":\"stop\"}]}\n\n";
  private static final String USAGE = "data: {\"id\":\"c1\",\"choices\":[],\"usage\":{\"prompt_tokens\":7,"
      + "\"completion_tokens\":20,\"total_tokens\":27}}\n\n";

  private Vertx vertx;
  private ScriptedServer server;
  private final List<OpenAiClient> clients = new CopyOnWriteArrayList<>();
  private final List<RetryAttempt> retries = new CopyOnWriteArrayList<>();
  private final List<StreamStats> ended = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server = ScriptedServer.start(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    for (OpenAiClient client : clients) {
      await(client.closeAsync());
    }
    server.close();
    await(vertx.close());
  }

  private OpenAiClient client(String baseUrl, SseClientOptions transport) {
    OpenAiClient client = OpenAiClient.create(vertx, new OpenAiClientOptions().setBaseUrl(baseUrl)
        .setApiKey("sk-secret-key").setSseClientOptions(transport.setRetryDelay(Duration.ofMillis(10))
            .setIdleTimeout(Duration.ofSeconds(WAIT_SECONDS)).setObserver(new SseObserver() {
              @Override
              public void onRetry(ObservedStream stream, RetryAttempt attempt) {
                retries.add(attempt);
              }

              @Override
              public void onEnd(StreamStats stats) {
                ended.add(stats);
              }
            })));
    clients.add(client);
    return client;
  }

  private OpenAiClient client() {
    return client(server.url("/v1"), new SseClientOptions());
  }

  @SafeVarargs
  private void script(Consumer<HttpServerRequest>... scripts) {
    AtomicInteger count = new AtomicInteger();
    server.on("/v1/chat/completions",
        req -> scripts[Math.min(count.getAndIncrement(), scripts.length - 1)].accept(req));
  }

  private static Consumer<HttpServerRequest> status(int status, String... headers) {
    return req -> {
      for (int i = 0; i < headers.length; i += 2) {
        req.response().putHeader(headers[i], headers[i + 1]);
      }
      req.response().setStatusCode(status).putHeader("x-request-id", "req_failed")
          .end("{\"error\":{\"message\":\"busy " + status + "\",\"type\":\"server_error\"}}");
    };
  }

  private static Consumer<HttpServerRequest> reply() {
    return req -> {
      req.response().putHeader("x-request-id", "req_123").putHeader("x-ratelimit-remaining-tokens", "9000")
          .putHeader("x-ratelimit-reset-requests", "1s").putHeader("set-cookie", "session=abc");
      eventStream(req).end(CHUNK.formatted("Hel") + CHUNK.formatted("lo") + FINISH + USAGE + "data: [DONE]\n\n");
    };
  }

  private static ChatRequest chat() {
    return ChatRequest.builder("gpt-test").user("Hi").build();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  private static <T extends Throwable> T failure(Future<?> future, Class<T> type) throws Exception {
    try {
      await(future);
    } catch (ExecutionException e) {
      return assertInstanceOf(type, e.getCause());
    }
    throw new AssertionError("expected " + type.getSimpleName());
  }

  @Test
  void a429WithRetryAfterIsRetriedAndTheResultCarriesTheMetadata() throws Exception {
    script(status(429, "Retry-After", "1"), reply());
    long start = System.nanoTime();
    ChatResult result = await(client().streamChat(chat()).result());
    assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 950, "waited the Retry-After");
    assertEquals("Hello", result.message().orElseThrow().content());
    ResponseMetadata metadata = result.responseMetadata();
    assertEquals(200, metadata.status());
    assertEquals(1, metadata.retries());
    assertEquals("req_123", metadata.requestId().orElseThrow());
    assertEquals(9000, metadata.remainingTokens().getAsLong());
    assertEquals("1s", metadata.resetRequests().orElseThrow());
    assertEquals("<redacted>", metadata.header("Set-Cookie").orElseThrow());
    assertEquals(2, server.seen("/v1/chat/completions").size());
    assertEquals(1, retries.size());
  }

  @Test
  void threeFailuresFailWithTheTypedErrorNamingEveryAttempt() throws Exception {
    script(status(503), status(503), status(503), reply());
    OpenAiHttpException e = failure(client().streamChat(chat()).result(), OpenAiHttpException.class);
    assertEquals(503, e.status());
    assertEquals("busy 503", e.providerMessage());
    assertTrue(e.getMessage().contains("attempt 3 of 3; earlier: HTTP 503, HTTP 503"), e.getMessage());
    assertEquals(2, e.getSuppressed().length);
    assertEquals("req_failed", e.metadata().requestId().orElseThrow());
    assertEquals(3, server.seen("/v1/chat/completions").size());
    assertEquals(StreamStats.Outcome.REJECTED, ended.get(0).outcome());
    assertEquals("503", ended.get(0).errorType().orElseThrow());
  }

  @Test
  void unauthorisedAndBadRequestsAreNeverRetried() throws Exception {
    script(status(401), reply());
    assertEquals(401, failure(client().streamChat(chat()).result(), OpenAiHttpException.class).status());
    script(status(400), reply());
    assertEquals(400, failure(client().streamChat(chat()).result(), OpenAiHttpException.class).status());
    assertEquals(2, server.seen("/v1/chat/completions").size(), "each sent once");
    assertTrue(retries.isEmpty());
  }

  @Test
  void retriesArePerRequestToo() throws Exception {
    script(status(503), reply());
    OpenAiHttpException e = failure(client().streamChat(chat(), new OpenAiRequestOptions().setMaxRetries(0))
        .result(), OpenAiHttpException.class);
    assertEquals(503, e.status());
    assertEquals(1, server.seen("/v1/chat/completions").size());
  }

  @Test
  void nothingIsResentOnceAnEventWasAccepted() throws Exception {
    try (FaultServer faults = FaultServer.start(List.of(
        (request, exchange) -> {
          exchange.streamHead();
          exchange.chunk(CHUNK.formatted("partial"));
          exchange.reset();
        },
        (request, exchange) -> {
          exchange.streamHead();
          exchange.chunk(CHUNK.formatted("again") + FINISH + "data: [DONE]\n\n");
          exchange.endChunks();
        }))) {
      ChatResult result = await(client(faults.url("/v1"), new SseClientOptions()).streamChat(chat()).result());
      assertEquals("partial", result.message().orElseThrow().content());
      assertTrue(result.truncated());
      assertEquals(1, faults.requests().size(), "counted at the server: the request was sent once");
      assertTrue(retries.isEmpty());
    }
  }

  @Test
  void aDeadlineMidStreamKeepsThePartialReplyAndFreesTheConnection() throws Exception {
    try (FaultServer faults = FaultServer.start(List.of(
        (request, exchange) -> {
          exchange.streamHead();
          exchange.chunk(CHUNK.formatted("so far"));
          exchange.stall();
        },
        (request, exchange) -> {
          exchange.streamHead();
          exchange.chunk(CHUNK.formatted("next") + FINISH + "data: [DONE]\n\n");
          exchange.endChunks();
        }))) {
      OpenAiClient client = client(faults.url("/v1"), new SseClientOptions().setMaxConnectionsPerEndpoint(1));
      ChatResult result;
      try {
        result = await(client.streamChat(chat(), new OpenAiRequestOptions()
            .setDeadline(Duration.ofMillis(2500))).result());
      } catch (Exception e) {
        throw new AssertionError("retries " + retries + " ended " + ended + " requests " + faults.requests(), e);
      }
      assertEquals("so far", result.message().orElseThrow().content());
      assertTrue(result.truncated());
      SseDeadlineException timeout = assertInstanceOf(SseDeadlineException.class,
          result.errors().get(result.errors().size() - 1));
      assertTrue(timeout.accepted());
      assertTrue(faults.awaitNoOpenConnections(WAIT_SECONDS, TimeUnit.SECONDS), "the connection was closed");
      assertEquals("next", await(client.streamChat(chat()).result()).message().orElseThrow().content(),
          "the only pool slot is free");
      assertEquals(StreamStats.Outcome.DEADLINE, ended.get(0).outcome());
    }
  }

  @Test
  void aDeadlineBeforeTheHeadFailsWithATypedTimeout() throws Exception {
    server.on("/v1/responses", req -> { }); // never answers
    OpenAiClient client = OpenAiClient.create(vertx, new OpenAiClientOptions().setBaseUrl(server.url("/v1"))
        .setDeadline(Duration.ofMillis(300)));
    clients.add(client);
    SseDeadlineException e = failure(client.streamResponses(ResponsesRequest.builder("m").input("Hi").build())
        .result(), SseDeadlineException.class);
    assertTrue(!e.accepted());
  }

  @Test
  void theObserverSeesTimingsTokensAndUsage() throws Exception {
    script(req -> {
      var resp = eventStream(req);
      resp.write(CHUNK.formatted("a"));
      vertx.setTimer(150, t -> resp.write(CHUNK.formatted("b")));
      vertx.setTimer(300, t -> resp.end(CHUNK.formatted("c") + FINISH + USAGE + "data: [DONE]\n\n"));
    });
    ChatResult result = await(client().streamChat(chat()).result());
    assertEquals("abc", result.message().orElseThrow().content());
    StreamStats stats = ended.get(0);
    assertEquals(StreamStats.Outcome.COMPLETED, stats.outcome());
    assertEquals(new ObservedStream("openai", "chat", java.util.Optional.of("gpt-test"), "127.0.0.1",
        Integer.parseInt(server.url("/").replaceAll(".*:(\\d+)/.*", "$1"))), stats.stream());
    assertEquals(3, stats.tokenEvents(), "three content deltas; the finish and usage chunks carry no output");
    assertEquals(7, stats.inputTokens().getAsLong());
    assertEquals(20, stats.outputTokens().getAsLong());
    long gap = stats.maxTokenGap().orElseThrow().toMillis();
    assertTrue(gap >= 100 && gap < 2000, "gap " + gap + " in " + stats);
    // 20 tokens over the ~300 ms from the first to the last delta
    double perSecond = stats.outputTokensPerSecond().orElseThrow();
    assertTrue(perSecond > 5 && perSecond < 200, "tokens/s " + perSecond);
    assertTrue(stats.firstTokenTime().orElseThrow().compareTo(stats.duration()) < 0);
    assertEquals(0, stats.retries());
  }

  @Test
  void theResponsesResultCarriesTheMetadataToo() throws Exception {
    server.on("/v1/responses", req -> {
      req.response().putHeader("x-request-id", "req_resp");
      eventStream(req).end("event: response.completed\ndata: {\"type\":\"response.completed\",\"response\":"
          + "{\"id\":\"r1\",\"status\":\"completed\",\"output\":[]}}\n\n");
    });
    ResponsesResult result = await(client().streamResponses(ResponsesRequest.builder("m").input("Hi").build())
        .result());
    assertEquals("req_resp", result.responseMetadata().requestId().orElseThrow());
  }
}
