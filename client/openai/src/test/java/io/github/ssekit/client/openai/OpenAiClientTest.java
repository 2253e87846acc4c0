package io.github.ssekit.client.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.client.HttpStatusException;
import io.github.ssekit.client.SseClientOptions;
import io.github.ssekit.client.SseConnectionException;
import io.github.ssekit.client.openai.OpenAiChatStream;
import io.github.ssekit.client.openai.OpenAiClient;
import io.github.ssekit.client.openai.OpenAiClientOptions;
import io.github.ssekit.client.openai.OpenAiHttpException;
import io.github.ssekit.client.openai.OpenAiRequestOptions;
import io.github.ssekit.openai.OpenAiDiagnostics;
import io.github.ssekit.openai.chat.ChatChunk;
import io.github.ssekit.openai.chat.ChatDeltaListener;
import io.github.ssekit.openai.chat.ChatMessage;
import io.github.ssekit.openai.chat.ChatRequest;
import io.github.ssekit.openai.chat.ChatResult;
import io.github.ssekit.openai.chat.FinishReason;
import io.github.ssekit.openai.chat.Role;
import io.github.ssekit.openai.chat.ToolCall;
import io.github.ssekit.openai.chat.Usage;
import io.github.ssekit.openai.responses.ResponsesDeltaListener;
import io.github.ssekit.openai.responses.ResponsesEvent;
import io.github.ssekit.openai.responses.ResponsesRequest;
import io.github.ssekit.openai.responses.ResponsesResult;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.testkit.FakeOpenAiServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link OpenAiClient} against the fake OpenAI-compatible provider of the testkit, over loopback. */
class OpenAiClientTest {
  private static final long WAIT_SECONDS = 10;
  private static final String KEY = "sk-test-0123456789-secret";
  private static final String TEXT = String.join("", FakeOpenAiServer.NORMAL_TEXT);

  private Vertx vertx;
  private FakeOpenAiServer fake;
  private OpenAiClient client;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    fake = await(FakeOpenAiServer.start(vertx, Duration.ZERO));
    client = client(new SseClientOptions());
  }

  @AfterEach
  void stop() throws Exception {
    await(client.closeAsync());
    await(fake.stop());
    await(vertx.close());
  }

  private OpenAiClient client(SseClientOptions transport) {
    return OpenAiClient.create(vertx, new OpenAiClientOptions().setBaseUrl(fake.baseUrl() + "/").setApiKey(KEY)
        .setSseClientOptions(transport.setIdleTimeout(Duration.ofSeconds(WAIT_SECONDS))));
  }

  private static ChatRequest chat(String model) {
    return ChatRequest.builder(model).user("Hi").build();
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  static <T extends Throwable> T failure(Future<?> future, Class<T> type) throws Exception {
    try {
      Object value = future.toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure, got " + value);
    } catch (ExecutionException e) {
      return assertInstanceOf(type, e.getCause());
    }
  }

  /** Records every fragment a delta listener sees. */
  private static final class Fragments implements ChatDeltaListener {
    final List<String> content = new CopyOnWriteArrayList<>();
    final List<String> reasoning = new CopyOnWriteArrayList<>();
    final List<String> arguments = new CopyOnWriteArrayList<>();

    @Override
    public void onContent(int choiceIndex, String fragment) {
      content.add(fragment);
    }

    @Override
    public void onReasoning(int choiceIndex, String fragment) {
      reasoning.add(fragment);
    }

    @Override
    public void onToolArguments(int choiceIndex, int position, String fragment) {
      arguments.add(fragment);
    }
  }

  @Test
  void aNormalStreamAssemblesContentUsageAndFinishReason() throws Exception {
    Fragments fragments = new Fragments();
    List<ChatChunk> chunks = new CopyOnWriteArrayList<>();
    ChatResult result = await(client.streamChat(chat("mock-normal")).onDelta(fragments).onChunk(chunks::add)
        .result());

    ChatMessage message = result.message().orElseThrow();
    assertEquals(TEXT, message.content());
    assertEquals(FakeOpenAiServer.NORMAL_TEXT, fragments.content);
    assertEquals(Role.ASSISTANT, message.role().orElseThrow());
    assertEquals(FinishReason.STOP, message.finishReason().orElseThrow());
    Usage usage = result.usage().orElseThrow();
    assertEquals(List.of(11L, 3L, 14L), List.of(usage.promptTokens().orElseThrow(),
        usage.completionTokens().orElseThrow(), usage.totalTokens().orElseThrow()));
    assertTrue(result.doneReceived());
    assertFalse(result.truncated());
    assertEquals(List.of(), result.errors());
    assertEquals(List.of(), result.diagnostics());
    assertEquals(6, chunks.size(), "role, three texts, finish, usage");

    FakeOpenAiServer.Request request = fake.requests().get(0);
    assertEquals("POST", request.method());
    assertEquals("/v1/chat/completions", request.path());
    JsonObject body = new JsonObject(request.body());
    assertEquals(true, body.getValue("stream"));
    assertEquals(true, body.getJsonObject("stream_options").getValue("include_usage"));
    assertEquals("mock-normal", body.getString("model"));
  }

  @Test
  void streamIsForcedOnAndAnExplicitIncludeUsageIsKept() throws Exception {
    ChatRequest request = ChatRequest.builder("mock-normal").user("Hi").stream(false).includeUsage(false).build();
    ChatResult result = await(client.streamChat(request).result());
    assertEquals(TEXT, result.message().orElseThrow().content());
    JsonObject body = new JsonObject(fake.requests().get(0).body());
    assertEquals(true, body.getValue("stream"));
    assertEquals(false, body.getJsonObject("stream_options").getValue("include_usage"));
  }

  @Test
  void aNamedEventReachesItsListenerAndNeverBreaksTheStream() throws Exception {
    List<SseEvent> progress = new CopyOnWriteArrayList<>();
    ChatResult result = await(client.streamChat(chat("mock-named-event"))
        .on("hermes.tool.progress", progress::add).result());
    assertEquals(TEXT, result.message().orElseThrow().content());
    assertEquals(1, progress.size());
    assertEquals("terminal", new JsonObject(progress.get(0).data()).getString("tool"));
    assertFalse(result.diagnosticCodes().contains(Diagnostic.IGNORED_EVENT), result.diagnosticCodes().toString());
    assertEquals(List.of(), result.errors());
  }

  @Test
  void aNamedEventWithoutListenerIsReportedAsIgnored() throws Exception {
    List<String> live = new CopyOnWriteArrayList<>();
    ChatResult result = await(client.streamChat(chat("mock-named-event"))
        .onDiagnostic(d -> live.add(d.code())).result());
    assertEquals(TEXT, result.message().orElseThrow().content());
    assertEquals(List.of(Diagnostic.IGNORED_EVENT), result.diagnosticCodes());
    assertEquals(result.diagnosticCodes(), live);
    assertFalse(result.truncated());
  }

  @Test
  void anEmptyRoleStreamsTheWholeTextWithItsDiagnostic() throws Exception {
    Fragments fragments = new Fragments();
    List<Diagnostic> live = new CopyOnWriteArrayList<>();
    List<Diagnostic> every = new CopyOnWriteArrayList<>();
    ChatResult result = await(client.streamChat(chat("mock-empty-role")).onDelta(fragments)
        .onDiagnostic(live::add).onEveryDiagnostic(every::add).result());
    ChatMessage message = result.message().orElseThrow();
    assertEquals(TEXT, message.content());
    assertEquals(FakeOpenAiServer.NORMAL_TEXT, fragments.content);
    assertEquals(Role.ASSISTANT, message.role().orElseThrow());
    assertEquals(List.of(OpenAiDiagnostics.EMPTY_ROLE), result.diagnosticCodes(), "reported once");
    assertEquals(3, result.diagnostics().get(0).count(), "one per chunk with an empty role");
    assertEquals(List.of(result.diagnostics().get(0).first()), live);
    assertEquals(result.diagnosticOccurrences(), every);
    assertEquals(3, every.size());
  }

  @Test
  void aToolCallIsAssembledFromItsPieces() throws Exception {
    Fragments fragments = new Fragments();
    ChatResult result = await(client.streamChat(chat("mock-tool")).onDelta(fragments).result());
    ChatMessage message = result.message().orElseThrow();
    assertEquals(FinishReason.TOOL_CALLS, message.finishReason().orElseThrow());
    assertEquals(1, message.toolCalls().size());
    ToolCall call = message.toolCalls().get(0);
    assertEquals("call_mock_1", call.id().orElseThrow());
    assertEquals("bash", call.name().orElseThrow());
    String arguments = "{\"command\":\"echo hi-from-tool\",\"description\":\"Echo a greeting\"}";
    assertEquals(arguments, call.arguments());
    assertEquals(2, fragments.arguments.size());
    assertEquals(arguments, String.join("", fragments.arguments));
  }

  @Test
  void reasoningIsStreamedAndAssembledApartFromTheContent() throws Exception {
    Fragments fragments = new Fragments();
    ChatResult result = await(client.streamChat(chat("mock-reasoning")).onDelta(fragments).result());
    ChatMessage message = result.message().orElseThrow();
    assertEquals("Thinking about hello...", message.reasoning());
    assertEquals(List.of("Thinking", " about", " hello..."), fragments.reasoning);
    assertEquals(TEXT, message.content());
  }

  @Test
  void anHttpErrorFailsWithTheProvidersErrorObjectAndStatus() throws Exception {
    OpenAiHttpException error = failure(client.streamChat(chat("mock-http401")).result(),
        OpenAiHttpException.class);
    assertEquals(401, error.status());
    assertEquals("mock error 401", error.providerMessage());
    assertEquals("mock_error", error.type().orElseThrow());
    assertEquals("401", error.code().orElseThrow());
    assertEquals("mock error 401", error.providerError().orElseThrow().providerMessage());
    assertTrue(error.body().contains("\"error\""), error.body());
    assertTrue(error.getMessage().startsWith("HTTP 401 from POST " + fake.baseUrl() + "/chat/completions: mock error 401"),
        error.getMessage());
    assertInstanceOf(HttpStatusException.class, error.getCause());
  }

  @Test
  void theKeyIsSentAsABearerTokenAndNeverShown() throws Exception {
    await(client.streamChat(chat("mock-normal")).result());
    assertEquals("Bearer " + KEY, fake.requests().get(0).authorization().orElse(null));

    OpenAiHttpException error = failure(client.streamChat(chat("mock-http500")).result(),
        OpenAiHttpException.class);
    assertEquals(500, error.status());
    OpenAiClientOptions options = client.options().putHeader("X-Api-Key", KEY);
    for (String shown : List.of(error.getMessage(), error.toString(), String.valueOf(error.getCause()),
        options.toString(), client.toString(), client.streamChat(chat("mock-normal")).toString(),
        new OpenAiRequestOptions().putHeader("Authorization", "Bearer " + KEY).toString())) {
      assertFalse(shown.contains(KEY), shown);
      assertFalse(shown.contains("0123456789"), shown);
    }
    assertTrue(options.toString().contains("apiKey=<redacted>"), options.toString());
  }

  @Test
  void noKeyMeansNoAuthorizationHeader() throws Exception {
    OpenAiClient anonymous = OpenAiClient.create(vertx, new OpenAiClientOptions().setBaseUrl(fake.baseUrl()));
    try {
      await(anonymous.streamChat(chat("mock-normal")).result());
      assertTrue(fake.requests().get(0).authorization().isEmpty(), fake.requests().toString());
    } finally {
      await(anonymous.closeAsync());
    }
  }

  @Test
  void aStreamCutEarlyCompletesWithThePartialResultTruncated() throws Exception {
    List<String> live = new CopyOnWriteArrayList<>();
    ChatResult result = await(client.streamChat(chat("mock-cut")).onDiagnostic(d -> live.add(d.code())).result());
    assertEquals("Hello from", result.message().orElseThrow().content());
    assertTrue(result.truncated());
    assertFalse(result.doneReceived());
    assertTrue(result.diagnosticCodes().contains(OpenAiDiagnostics.MISSING_FINISH_REASON),
        result.diagnosticCodes().toString());
    assertEquals(result.diagnosticCodes(), live);
    assertInstanceOf(SseConnectionException.class, result.errors().get(result.errors().size() - 1));
  }

  @Test
  void cancellingMidStreamKeepsWhatArrivedAndFreesTheConnection() throws Exception {
    OpenAiClient single = client(new SseClientOptions().setMaxConnectionsPerEndpoint(1)
        .setConnectTimeout(Duration.ofSeconds(2)));
    try {
      CompletableFuture<String> first = new CompletableFuture<>();
      OpenAiChatStream slow = single.streamChat(chat("mock-slow"))
          .onDelta(ChatDeltaListener.content(first::complete));
      Future<ChatResult> slowResult = slow.result();
      assertEquals("Hello", first.get(WAIT_SECONDS, TimeUnit.SECONDS));
      slow.cancel();
      ChatResult partial = await(slowResult);
      assertEquals("Hello", partial.message().orElseThrow().content());
      assertTrue(partial.truncated());

      // one connection per endpoint, a 2 s wait for it, and mock-slow would hold it 4.5 s more: this only
      // streams if the cancel freed the connection
      ChatResult next = await(single.streamChat(chat("mock-normal")).result());
      assertEquals(TEXT, next.message().orElseThrow().content());
    } finally {
      await(single.closeAsync());
    }
  }

  @Test
  void cancellingBeforeTheStartSendsNothing() throws Exception {
    OpenAiChatStream stream = client.streamChat(chat("mock-normal"));
    stream.cancel();
    ChatResult result = await(stream.result());
    assertTrue(result.choices().isEmpty());
    assertTrue(result.truncated());
    assertEquals(List.of(), fake.requests());
  }

  @Test
  void listenersMustBeRegisteredBeforeTheStartAndResultIsIdempotent() throws Exception {
    OpenAiChatStream stream = client.streamChat(chat("mock-normal"));
    Future<ChatResult> result = stream.result();
    assertSame(result, stream.result());
    assertThrows(IllegalStateException.class, () -> stream.onChunk(c -> { }));
    assertThrows(IllegalStateException.class, () -> stream.onDelta(ChatDeltaListener.NONE));
    await(result);
    assertEquals(1, fake.requests().size());
  }

  @Test
  void aListenerThatThrowsFailsTheResultAndStopsTheStream() throws Exception {
    IllegalStateException boom = new IllegalStateException("listener bug");
    IllegalStateException error = failure(client.streamChat(chat("mock-normal"))
        .onDelta(ChatDeltaListener.content(text -> {
          throw boom;
        })).result(), IllegalStateException.class);
    assertSame(boom, error);
  }

  @Test
  void closingTheClientCompletesItsOpenStreams() throws Exception {
    CompletableFuture<String> first = new CompletableFuture<>();
    Future<ChatResult> result = client.streamChat(chat("mock-slow"))
        .onDelta(ChatDeltaListener.content(first::complete)).result();
    first.get(WAIT_SECONDS, TimeUnit.SECONDS);
    await(client.closeAsync());
    assertEquals("Hello", await(result).message().orElseThrow().content());
  }

  @Test
  void aResponsesStreamIsAssembled() throws Exception {
    List<String> text = new CopyOnWriteArrayList<>();
    List<ResponsesEvent> events = new CopyOnWriteArrayList<>();
    ResponsesResult result = await(client.streamResponses(ResponsesRequest.builder("mock-normal").input("Hi").build())
        .onDelta(ResponsesDeltaListener.text(text::add)).onEvent(events::add).result());
    assertEquals(TEXT, result.text());
    assertEquals(FakeOpenAiServer.NORMAL_TEXT, text);
    assertEquals("completed", result.status().orElseThrow());
    assertEquals(14L, result.usage().orElseThrow().totalTokens().orElseThrow());
    assertFalse(result.truncated());
    assertEquals(List.of(), result.errors());
    assertEquals(7, events.size());
    FakeOpenAiServer.Request request = fake.requests().get(0);
    assertEquals("/v1/responses", request.path());
    assertEquals(true, new JsonObject(request.body()).getValue("stream"));
    assertEquals("Bearer " + KEY, request.authorization().orElse(null));
  }

  @Test
  void aResponsesHttpErrorIsTyped() throws Exception {
    OpenAiHttpException error = failure(client.streamResponses(
        ResponsesRequest.builder("mock-http429").input("Hi").build()).result(), OpenAiHttpException.class);
    assertEquals(429, error.status());
    assertEquals("mock error 429", error.providerMessage());
  }

  @Test
  void invalidBaseUrlsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new OpenAiClientOptions().setBaseUrl("ftp://host/v1"));
    assertThrows(IllegalArgumentException.class, () -> new OpenAiClientOptions().setBaseUrl("/v1"));
    assertThrows(IllegalArgumentException.class,
        () -> new OpenAiClientOptions().setBaseUrl("https://host/v1?key=" + KEY));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new OpenAiClientOptions().setBaseUrl("https://host/v1?key=" + KEY));
    assertFalse(e.getMessage().contains(KEY), e.getMessage());
  }
}
