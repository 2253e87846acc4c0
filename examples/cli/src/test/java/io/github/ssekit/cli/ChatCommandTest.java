package io.github.ssekit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ssekit.cli.SseDumpCommandTest.Run;
import io.github.ssekit.client.ObservedStream;
import io.github.ssekit.client.StreamStats;
import io.github.ssekit.testkit.FakeOpenAiServer;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChatCommandTest {
  private static final String KEY = "sk-cli-test-9876543210-secret";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Vertx vertx;
  private FakeOpenAiServer fake;
  private final List<Run> runs = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    fake = FakeOpenAiServer.start(vertx, Duration.ZERO).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    ChatCommand.environment = System::getenv;
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    for (Run run : runs) {
      assertFalse(run.out().contains(KEY), run.out());
      assertFalse(run.err().contains(KEY), run.err());
    }
  }

  /** Runs {@code ssekit chat} against the fake with the key, plus {@code args}. */
  private Run chat(String model, String... args) {
    List<String> all = new ArrayList<>(List.of("chat", "--base-url", fake.baseUrl(), "--model", model,
        "--api-key", KEY));
    all.addAll(List.of(args));
    Run run = SseDumpCommandTest.run(new byte[0], all.toArray(String[]::new));
    runs.add(run);
    return run;
  }

  private static JsonNode onlyJson(Run run) throws Exception {
    assertEquals(1, run.lines().size(), run.out());
    return MAPPER.readTree(run.lines().get(0));
  }

  @Test
  void jsonPrintsOneObjectWithEveryField() throws Exception {
    Run run = chat("mock-normal", "--json", "Say", "hi");
    assertEquals(0, run.status(), run.err());
    assertEquals(List.of("{\"content\":\"Hello from mock!\",\"reasoning\":null,\"toolCalls\":[],"
        + "\"finishReason\":\"stop\",\"usage\":{\"promptTokens\":11,\"completionTokens\":3,\"totalTokens\":14},"
        + "\"diagnostics\":[],\"error\":null}"), run.lines());
    assertEquals("", run.err());
    JsonNode body = MAPPER.readTree(fake.requests().get(0).body());
    assertEquals("Say hi", body.at("/messages/0/content").asText());
    assertEquals("Bearer " + KEY, fake.requests().get(0).authorization().orElse(null));
  }

  @Test
  void jsonHasTheToolCallsReasoningAndDiagnostics() throws Exception {
    JsonNode tool = onlyJson(chat("mock-tool", "--json", "list files"));
    assertTrue(tool.get("content").isNull(), tool.toString());
    assertEquals("tool_calls", tool.get("finishReason").asText());
    assertEquals(MAPPER.readTree("[{\"id\":\"call_mock_1\",\"name\":\"bash\",\"arguments\":"
        + "\"{\\\"command\\\":\\\"echo hi-from-tool\\\",\\\"description\\\":\\\"Echo a greeting\\\"}\"}]"),
        tool.get("toolCalls"));

    JsonNode reasoning = onlyJson(chat("mock-reasoning", "--json", "think"));
    assertEquals("Thinking about hello...", reasoning.get("reasoning").asText());
    assertEquals("Hello from mock!", reasoning.get("content").asText());

    JsonNode emptyRole = onlyJson(chat("mock-empty-role", "--json", "hi"));
    assertEquals(1, emptyRole.get("diagnostics").size(), "each code once");
    JsonNode d = emptyRole.get("diagnostics").get(0);
    assertEquals("openai.empty-role", d.get("code").asText());
    assertFalse(d.get("message").asText().isEmpty());
    assertEquals(3, d.get("count").asInt(), "with the number of chunks that had an empty role");
    assertTrue(emptyRole.get("error").isNull());
  }

  @Test
  void theStderrSummaryHasEachCodeOnceWithItsCount() {
    Run run = chat("mock-empty-role", "hi");
    assertEquals(0, run.status(), run.err());
    assertEquals("Hello from mock!\n", run.out());
    assertEquals("ssekit chat: tolerated openai.empty-role (x3)\n", run.err().replace("\r\n", "\n"));
  }

  @Test
  void statsFollowTheReplyOnStderr() {
    Run run = chat("mock-normal", "--stats", "hi");
    assertEquals(0, run.status(), run.err());
    assertEquals("Hello from mock!\n", run.out());
    assertTrue(run.err().replace("\r\n", "\n").matches(
        "ssekit chat: time to first token \\d+ ms, ([0-9]+\\.[0-9]|-) tokens/s, 0 retries, request id -\n"),
        run.err());

    Run failed = chat("mock-http401", "--stats", "hi");
    assertEquals(1, failed.status());
    assertTrue(failed.err().contains("ssekit chat: time to first token -, - tokens/s, 0 retries, request id -"),
        failed.err());
  }

  @Test
  void theStatsLineShowsTheFigures() {
    StreamStats figures = new StreamStats(new ObservedStream("openai", "chat", Optional.of("m"), "h", 443),
        StreamStats.Outcome.COMPLETED, Optional.empty(), Duration.ofMillis(900), Optional.empty(), Optional.empty(),
        Optional.of(Duration.ofMillis(230)), 10, Optional.empty(), Optional.empty(), OptionalLong.of(5),
        OptionalLong.of(25), OptionalDouble.of(41.66), 1, 0, 100, Map.of());
    assertEquals("time to first token 230 ms, 41.7 tokens/s, 1 retry, request id req_1",
        ChatCommand.statsLine(figures, "req_1"));
  }

  @Test
  void jsonOfTheResponsesApi() throws Exception {
    Run run = chat("mock-normal", "--responses", "--json", "hi");
    assertEquals(0, run.status(), run.err());
    JsonNode json = onlyJson(run);
    assertEquals("Hello from mock!", json.get("content").asText());
    assertEquals("completed", json.get("finishReason").asText());
    assertEquals(MAPPER.readTree("{\"promptTokens\":11,\"completionTokens\":3,\"totalTokens\":14}"),
        json.get("usage"));
    assertEquals("/v1/responses", fake.requests().get(0).path());
  }

  @Test
  void streamsTextToStdoutAndReasoningToStderr() {
    Run run = chat("mock-reasoning", "hi");
    assertEquals(0, run.status(), run.err());
    assertEquals("Hello from mock!\n", run.out());
    assertEquals("Thinking about hello...\n", run.err().replace("\r\n", "\n"));
  }

  @Test
  void aToolCallIsPrintedAfterTheText() {
    Run run = chat("mock-tool", "hi");
    assertEquals(0, run.status(), run.err());
    assertEquals(List.of("[tool call call_mock_1] bash "
        + "{\"command\":\"echo hi-from-tool\",\"description\":\"Echo a greeting\"}"), run.lines());
  }

  @Test
  void anHttpErrorExitsWithOneAndItsMessageOnStderr() throws Exception {
    Run run = chat("mock-http500", "hi");
    assertEquals(1, run.status());
    assertEquals("", run.out());
    // a 500 is retried twice (the client's default) before it fails: the message names the attempts
    assertTrue(run.err().startsWith("ssekit chat: HTTP 500 from POST " + fake.baseUrl() + "/chat/completions "
        + "(attempt 3 of 3; earlier: HTTP 500, HTTP 500): mock error 500"), run.err());

    Run json = chat("mock-http401", "--json", "hi");
    assertEquals(1, json.status());
    JsonNode object = onlyJson(json);
    assertEquals(MAPPER.readTree("{\"type\":\"mock_error\",\"message\":\"mock error 401\",\"code\":\"401\"}"),
        object.get("error"));
    assertTrue(object.get("content").isNull());
    assertTrue(object.get("usage").isNull());
    assertTrue(json.err().contains("mock error 401"), json.err());
  }

  @Test
  void aStreamCutShortExitsWithOne() throws Exception {
    Run run = chat("mock-cut", "--json", "hi");
    assertEquals(1, run.status());
    JsonNode json = onlyJson(run);
    assertEquals("Hello from", json.get("content").asText());
    assertEquals("connection_error", json.at("/error/type").asText());
    assertTrue(json.get("finishReason").isNull());
    List<String> codes = new ArrayList<>();
    json.get("diagnostics").forEach(d -> codes.add(d.get("code").asText()));
    assertTrue(codes.contains("openai.missing-finish-reason"), codes.toString());
  }

  @Test
  void theKeyComesFromTheEnvironmentWithoutTheOption() {
    UnaryOperator<String> env = name -> name.equals("OPENAI_API_KEY") ? KEY : null;
    ChatCommand.environment = env;
    Run run = SseDumpCommandTest.run(new byte[0], "chat", "--base-url", fake.baseUrl(), "--model", "mock-http401",
        "hi");
    runs.add(run);
    assertEquals(1, run.status());
    assertEquals("Bearer " + KEY, fake.requests().get(0).authorization().orElse(null));
  }

  @Test
  void usageErrorsExitWithTwo() {
    Run noModel = SseDumpCommandTest.run(new byte[0], "chat", "--base-url", fake.baseUrl(), "--api-key", KEY, "hi");
    runs.add(noModel);
    assertEquals(2, noModel.status());
    assertTrue(noModel.err().contains("--model"), noModel.err());

    Run noUrl = SseDumpCommandTest.run(new byte[0], "chat", "--model", "m", "hi");
    assertEquals(2, noUrl.status());
    Run noPrompt = SseDumpCommandTest.run(new byte[0], "chat", "--base-url", fake.baseUrl(), "--model", "m");
    assertEquals(2, noPrompt.status());
    Run badUrl = SseDumpCommandTest.run(new byte[0], "chat", "--base-url", "ftp://x/v1", "--model", "m", "hi");
    assertEquals(2, badUrl.status());
    assertTrue(badUrl.err().contains("http or https"), badUrl.err());
    assertEquals(List.of(), fake.requests());
  }

  // ---- --protocol anthropic: the same fake, speaking the Messages API ----

  @Test
  void anthropicStreamsTheTextWithTheKeyAsXApiKey() throws Exception {
    Run run = chat("mock-normal", "--protocol", "anthropic", "Say", "hi");
    assertEquals(0, run.status(), run.err());
    assertEquals("Hello from mock!\n", run.out());
    FakeOpenAiServer.Request request = fake.requests().get(0);
    assertEquals("/v1/messages", request.path());
    assertEquals(KEY, request.apiKey().orElse(null));
    assertTrue(request.authorization().isEmpty(), "no bearer token");
    JsonNode body = MAPPER.readTree(request.body());
    assertEquals("Say hi", body.at("/messages/0/content").asText());
    assertEquals(1024, body.get("max_tokens").asInt());
    assertTrue(body.get("stream").asBoolean());
  }

  @Test
  void anthropicJsonHasTheThinkingToolUseUsageAndDiagnostics() throws Exception {
    JsonNode json = onlyJson(chat("mock-demo", "--protocol", "anthropic", "--json", "--max-tokens", "64", "hi"));
    assertEquals("Hello! ssekit streams this Anthropic reply event by event.", json.get("content").asText());
    assertEquals("A greeting, then the weather.", json.get("reasoning").asText());
    assertEquals(MAPPER.readTree("[{\"id\":\"toolu_demo_1\",\"name\":\"get_weather\",\"arguments\":"
        + "\"{\\\"city\\\":\\\"Paris\\\"}\"}]"), json.get("toolCalls"));
    assertEquals("tool_use", json.get("finishReason").asText());
    assertEquals(MAPPER.readTree("{\"promptTokens\":12,\"completionTokens\":30,\"totalTokens\":42}"),
        json.get("usage"));
    assertEquals("sse.ignored-event", json.at("/diagnostics/0/code").asText(), json.toString());
    assertEquals(1, json.get("diagnostics").size(), json.toString());
    assertTrue(json.get("error").isNull());
    assertEquals(64, MAPPER.readTree(fake.requests().get(0).body()).get("max_tokens").asInt());
  }

  @Test
  void anthropicStatsFollowTheReply() {
    Run run = chat("mock-normal", "--protocol", "anthropic", "--stats", "hi");
    assertEquals(0, run.status(), run.err());
    assertTrue(run.err().replace("\r\n", "\n").matches(
        "ssekit chat: time to first token \\d+ ms, ([0-9]+\\.[0-9]|-) tokens/s, 0 retries, request id req_mock_1\n"),
        run.err());
  }

  @Test
  void anthropicErrorsAreTypedAndExitWithOne() throws Exception {
    JsonNode http = onlyJson(chat("mock-http401", "--protocol", "anthropic", "--json", "hi"));
    assertEquals(MAPPER.readTree("{\"type\":\"authentication_error\",\"message\":\"mock error 401\","
        + "\"code\":\"401\"}"), http.get("error"));

    Run overloaded = chat("mock-overloaded", "--protocol", "anthropic", "--json", "hi");
    assertEquals(1, overloaded.status());
    JsonNode json = onlyJson(overloaded);
    assertEquals("Hello", json.get("content").asText(), "the partial message is kept");
    assertEquals("overloaded_error", json.at("/error/type").asText());
    assertEquals("Overloaded", json.at("/error/message").asText());

    Run cut = chat("mock-cut", "--protocol", "anthropic", "--json", "hi");
    assertEquals(1, cut.status());
    assertEquals("Hello", onlyJson(cut).get("content").asText());
  }

  @Test
  void anthropicTakesItsKeyFromItsOwnVariable() {
    ChatCommand.environment = name -> name.equals("ANTHROPIC_API_KEY") ? KEY : "sk-the-openai-key-not-this-one";
    Run run = SseDumpCommandTest.run(new byte[0], "chat", "--protocol", "anthropic", "--base-url", fake.baseUrl(),
        "--model", "mock-normal", "hi");
    runs.add(run);
    assertEquals(0, run.status(), run.err());
    assertEquals(KEY, fake.requests().get(0).apiKey().orElse(null));
  }

  @Test
  void anthropicUsageErrorsExitWithTwo() {
    Run responses = chat("mock-normal", "--protocol", "anthropic", "--responses", "hi");
    assertEquals(2, responses.status());
    assertTrue(responses.err().contains("--responses"), responses.err());
    Run unknown = chat("mock-normal", "--protocol", "gemini", "hi");
    assertEquals(2, unknown.status());
    Run tokens = chat("mock-normal", "--protocol", "anthropic", "--max-tokens", "0", "hi");
    assertEquals(2, tokens.status());
    assertEquals(List.of(), fake.requests());
  }
}
