package io.github.ssekit.client.anthropic;

import static io.github.ssekit.client.testing.ScriptedServer.eventStream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.anthropic.AnthropicEvent;
import io.github.ssekit.anthropic.AnthropicMessage;
import io.github.ssekit.anthropic.AnthropicStreamException;
import io.github.ssekit.anthropic.MessagesRequest;
import io.github.ssekit.anthropic.MessagesResult;
import io.github.ssekit.client.ObservedStream;
import io.github.ssekit.client.RetryAttempt;
import io.github.ssekit.client.SseClientOptions;
import io.github.ssekit.client.SseDeadlineException;
import io.github.ssekit.client.SseObserver;
import io.github.ssekit.client.StreamStats;
import io.github.ssekit.client.testing.ScriptedServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.ArrayList;
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
 * {@link AnthropicClient} against scripted servers on 127.0.0.1: a recorded Messages stream assembled, named events,
 * a mid-stream error, typed HTTP errors with the key redacted, retries on 529, the deadline, the observer, pulling.
 */
class AnthropicClientTest {
  private static final long WAIT_SECONDS = 10;
  private static final String KEY = "sk-ant-api03-0123456789abcdef";
  private static final String START = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":"
      + "\"msg_01\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-test\",\"content\":[],"
      + "\"stop_reason\":null,\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}\n\n"
      + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
      + "{\"type\":\"text\",\"text\":\"\"}}\n\n";
  private static final String TEXT = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\","
      + "\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"%s\"}}\n\n";
  private static final String STOP = "event: content_block_stop\ndata: {\"type\":\"content_block_stop\","
      + "\"index\":0}\n\n"
      + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
      + "\"usage\":{\"output_tokens\":15}}\n\n"
      + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
  private static final String PING = "event: ping\ndata: {\"type\": \"ping\"}\n\n";

  private Vertx vertx;
  private ScriptedServer server;
  private final List<AnthropicClient> clients = new CopyOnWriteArrayList<>();
  private final List<RetryAttempt> retries = new CopyOnWriteArrayList<>();
  private final List<StreamStats> ended = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server = ScriptedServer.start(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    for (AnthropicClient client : clients) {
      await(client.closeAsync());
    }
    server.close();
    await(vertx.close());
  }

  private AnthropicClient client(AnthropicClientOptions options) {
    AnthropicClient client = AnthropicClient.create(vertx, options.setSseClientOptions(new SseClientOptions()
        .setRetryDelay(Duration.ofMillis(10)).setIdleTimeout(Duration.ofSeconds(WAIT_SECONDS))
        .setObserver(new SseObserver() {
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

  private AnthropicClient client() {
    return client(new AnthropicClientOptions().setBaseUrl(server.url("/v1")).setApiKey(KEY));
  }

  @SafeVarargs
  private void script(Consumer<HttpServerRequest>... scripts) {
    AtomicInteger count = new AtomicInteger();
    server.on("/v1/messages", req -> scripts[Math.min(count.getAndIncrement(), scripts.length - 1)].accept(req));
  }

  private static Consumer<HttpServerRequest> reply(String body) {
    return req -> {
      req.response().putHeader("request-id", "req_123");
      eventStream(req).end(body);
    };
  }

  private static Consumer<HttpServerRequest> status(int status, String type, String message) {
    return req -> req.response().setStatusCode(status).putHeader("content-type", "application/json")
        .end("{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}}");
  }

  private static MessagesRequest request() {
    return MessagesRequest.builder("claude-test", 256).user("Hi").build();
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
  void aRecordedStreamIsAssembledWithItsHeadersUsageAndMetadata() throws Exception {
    script(reply(START + PING + TEXT.formatted("Hello") + TEXT.formatted("!") + STOP));
    List<String> texts = new ArrayList<>();
    List<String> events = new ArrayList<>();
    MessagesResult result = await(client().streamMessages(request()).onText(texts::add)
        .onEvent(e -> events.add(e.type())).result());
    AnthropicMessage message = result.message().orElseThrow();
    assertEquals("Hello!", message.text());
    assertEquals(List.of("Hello", "!"), texts);
    assertEquals("message_stop", events.get(events.size() - 1));
    assertEquals("end_turn", message.stopReason().orElseThrow().raw());
    assertEquals(25, message.usage().orElseThrow().inputTokens().getAsLong());
    assertEquals(15, message.usage().orElseThrow().outputTokens().getAsLong());
    assertFalse(result.truncated());
    assertTrue(result.errors().isEmpty(), result.errors().toString());
    assertEquals(200, result.responseMetadata().status());
    assertEquals("req_123", result.responseMetadata().header("request-id").orElseThrow());

    ScriptedServer.Seen seen = server.seen("/v1/messages").get(0);
    assertEquals(KEY, seen.headers().get("x-api-key"));
    assertEquals("2023-06-01", seen.headers().get("anthropic-version"));
    assertTrue(seen.headers().get("authorization") == null, "no bearer token");
    assertTrue(seen.body().contains("\"stream\":true"), seen.body());
    assertTrue(seen.body().contains("\"model\":\"claude-test\""), seen.body());

    StreamStats stats = ended.get(0);
    assertEquals(StreamStats.Outcome.COMPLETED, stats.outcome());
    assertEquals("anthropic", stats.stream().system());
  }

  @Test
  void theVersionAndHeadersAreConfigurable() throws Exception {
    script(reply(START + STOP));
    await(client(new AnthropicClientOptions().setBaseUrl(server.url("/v1")).setAnthropicVersion("2099-01-01")
        .putHeader("anthropic-beta", "tools-2099")).streamMessages(request()).result());
    ScriptedServer.Seen seen = server.seen("/v1/messages").get(0);
    assertEquals("2099-01-01", seen.headers().get("anthropic-version"));
    assertEquals("tools-2099", seen.headers().get("anthropic-beta"));
    assertTrue(seen.headers().get("x-api-key") == null, "no key set, none sent");
  }

  @Test
  void aNamedEventOfAGatewayReachesItsListener() throws Exception {
    script(reply(START + "event: vendor.progress\ndata: 42\n\n" + TEXT.formatted("ok") + STOP));
    List<String> progress = new ArrayList<>();
    MessagesResult result = await(client().streamMessages(request())
        .on("vendor.progress", e -> progress.add(e.data())).result());
    assertEquals(List.of("42"), progress);
    assertEquals("ok", result.text());
    assertFalse(result.diagnosticCodes().contains("sse.ignored-event"), result.diagnosticCodes().toString());
  }

  @Test
  void aMidStreamErrorIsTypedAndThePartialMessageKept() throws Exception {
    script(reply(START + TEXT.formatted("The answer") + "event: error\ndata: {\"type\":\"error\",\"error\":"
        + "{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n"));
    MessagesResult result = await(client().streamMessages(request()).result());
    assertEquals("The answer", result.text());
    assertTrue(result.truncated());
    AnthropicStreamException error = assertInstanceOf(AnthropicStreamException.class, result.error().orElseThrow());
    assertTrue(error.isOverloaded());
  }

  @Test
  void aMidStreamErrorEchoingTheKeyEscapedIsRedacted() throws Exception {
    String escaped = "\\u0073" + KEY.substring(1);
    script(reply(START + "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\","
        + "\"message\":\"bad key " + escaped + "\"}}\n\n"));
    MessagesResult result = await(client().streamMessages(request()).result());
    AnthropicStreamException error = assertInstanceOf(AnthropicStreamException.class, result.error().orElseThrow());
    for (String shown : List.of(error.getMessage(), error.errorMessage().orElseThrow(), error.raw(),
        result.toString())) {
      assertFalse(shown.contains(KEY), shown);
      assertFalse(shown.contains(escaped), shown);
    }
    assertTrue(error.errorMessage().orElseThrow().contains("<redacted>"), error.errorMessage().orElseThrow());
  }

  @Test
  void a401IsTypedAndTheKeyIsNeverShownEvenEscaped() throws Exception {
    String escaped = "\\u0073" + KEY.substring(1);
    script(status(401, "authentication_error", "invalid x-api-key " + KEY + " / " + escaped));
    AnthropicHttpException e = failure(client().streamMessages(request()).result(), AnthropicHttpException.class);
    assertEquals(401, e.status());
    assertEquals("authentication_error", e.errorType().orElseThrow());
    assertTrue(e.errorMessage().startsWith("invalid x-api-key <redacted>"), e.errorMessage());
    assertTrue(e.getMessage().startsWith("HTTP 401 from POST " + server.url("/v1/messages")), e.getMessage());
    AnthropicClientOptions options = client().options().putHeader("x-api-key", KEY);
    for (String shown : List.of(e.getMessage(), e.toString(), e.body(), e.errorMessage(),
        e.error().orElseThrow().raw(), String.valueOf(e.getCause()), e.getCause().getMessage(), options.toString(),
        client().toString(), client().streamMessages(request()).toString())) {
      assertFalse(shown.contains(KEY), shown);
      assertFalse(shown.contains(escaped), shown);
      assertFalse(shown.contains("0123456789"), shown);
    }
    assertTrue(retries.isEmpty(), "a 401 is never retried");
  }

  @Test
  void an529OverloadedIsRetriedThenFailsTyped() throws Exception {
    script(status(529, "overloaded_error", "Overloaded"), reply(START + TEXT.formatted("late") + STOP));
    MessagesResult result = await(client().streamMessages(request()).result());
    assertEquals("late", result.text());
    assertEquals(1, result.responseMetadata().retries());
    assertEquals(1, retries.size());

    script(status(529, "overloaded_error", "Overloaded"));
    AnthropicHttpException e = failure(client().streamMessages(request()).result(), AnthropicHttpException.class);
    assertEquals(529, e.status());
    assertTrue(e.isOverloaded());
    assertEquals("Overloaded", e.errorMessage());
    assertEquals(2 + 3, server.seen("/v1/messages").size(), "one retry, then three attempts");
  }

  @Test
  void theDeadlineCutsAStalledStreamKeepingThePartialMessage() throws Exception {
    script(req -> eventStream(req).write(START + TEXT.formatted("so far"))); // never ends
    MessagesResult result = await(client(new AnthropicClientOptions().setBaseUrl(server.url("/v1"))
        .setDeadline(Duration.ofMillis(2000))).streamMessages(request()).result());
    assertEquals("so far", result.text());
    assertTrue(result.truncated());
    assertInstanceOf(SseDeadlineException.class, result.errors().get(result.errors().size() - 1));
    assertEquals(StreamStats.Outcome.DEADLINE, ended.get(0).outcome());
  }

  @Test
  void theEventsCanBePulledAndEndAtMessageStop() throws Exception {
    // the connection stays open after message_stop: the stream still ends there
    script(req -> eventStream(req).write(START + TEXT.formatted("a") + TEXT.formatted("b") + STOP));
    List<String> types = new ArrayList<>();
    MessagesResult result;
    try (AnthropicStreamIterator events = client().streamMessages(request()).iterator()) {
      events.forEachRemaining(event -> types.add(event.type()));
      result = events.result();
    }
    assertEquals("ab", result.text());
    assertEquals("message_stop", types.get(types.size() - 1));
    assertTrue(types.contains("content_block_delta"));
    assertFalse(result.truncated());
  }

  @Test
  void listenersMustComeBeforeTheStart() throws Exception {
    script(reply(START + STOP));
    AnthropicMessagesStream stream = client().streamMessages(request());
    await(stream.result());
    assertThrows(IllegalStateException.class, () -> stream.onText(t -> { }));
  }

  @Test
  void invalidOptionsAreRejected() {
    AnthropicClientOptions options = new AnthropicClientOptions();
    assertThrows(IllegalArgumentException.class, () -> options.setBaseUrl("ftp://host"));
    assertThrows(IllegalArgumentException.class, () -> options.setApiKey("a\nb"));
    assertThrows(IllegalArgumentException.class, () -> options.setAnthropicVersion(" "));
    assertEquals(AnthropicClientOptions.DEFAULT_BASE_URL, options.getBaseUrl());
  }
}
