package io.github.ssekit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.testing.Feeding;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Drives the fake provider with the JDK's HTTP client, so the fake is checked independently of ssekit's client. */
class FakeOpenAiServerTest {
  static Vertx vertx;
  static FakeOpenAiServer server;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    server = FakeOpenAiServer.start(vertx, Duration.ZERO).toCompletionStage().toCompletableFuture().get();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  static HttpResponse<byte[]> post(String path, JsonObject body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
        .header("Content-Type", "application/json").header("Authorization", "Bearer sk-test")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void streamsTheNormalReplyAndRecordsTheRequestedModel() throws Exception {
    HttpResponse<byte[]> response = post("/chat/completions",
        new JsonObject().put("model", "mock-normal").put("stream", true));
    assertEquals(200, response.statusCode());
    assertEquals("text/event-stream", response.headers().firstValue("content-type").orElse(""));
    List<SseEvent> events = Feeding.parse(response.body()).events;
    assertEquals("[DONE]", events.get(events.size() - 1).data());
    String text = events.stream().filter(e -> !e.data().equals("[DONE]"))
        .map(e -> new JsonObject(e.data()).getJsonArray("choices"))
        .filter(c -> !c.isEmpty())
        .map(c -> c.getJsonObject(0).getJsonObject("delta").getString("content", ""))
        .collect(Collectors.joining());
    assertEquals("Hello from mock!", text);
    assertTrue(server.requestedModels().contains("mock-normal"));
  }

  @Test
  void theNamedEventQuirkIsANamedEvent() throws Exception {
    List<SseEvent> events = Feeding.parse(post("/chat/completions",
        new JsonObject().put("model", "mock-named-event").put("stream", true)).body()).events;
    assertEquals(1, events.stream().filter(e -> e.type().equals("hermes.tool.progress")).count());
  }

  @Test
  void httpErrorModelsAnswerWithAnErrorObject() throws Exception {
    HttpResponse<byte[]> response = post("/chat/completions", new JsonObject().put("model", "mock-http401"));
    assertEquals(401, response.statusCode());
    assertEquals("mock error 401", new JsonObject(new String(response.body())).getJsonObject("error")
        .getString("message"));
  }

  @Test
  void theToolModelCallsBashThenReportsTheToolOutput() throws Exception {
    List<SseEvent> first = Feeding.parse(post("/chat/completions",
        new JsonObject().put("model", "mock-tool").put("stream", true)).body()).events;
    assertTrue(first.get(0).data().contains("\"name\":\"bash\""), first.get(0).data());
    JsonObject followUp = new JsonObject().put("model", "mock-tool").put("stream", true).put("messages",
        new io.vertx.core.json.JsonArray().add(new JsonObject().put("role", "tool").put("content", "hi-from-tool")));
    String all = Feeding.parse(post("/chat/completions", followUp).body()).events.stream().map(SseEvent::data)
        .collect(Collectors.joining("\n"));
    assertTrue(all.contains("Tool done: "), all);
  }

  @Test
  void responsesStreamEndsWithCompleted() throws Exception {
    List<SseEvent> events = Feeding.parse(post("/responses",
        new JsonObject().put("model", "mock-normal").put("stream", true)).body()).events;
    assertEquals("response.created", events.get(0).type());
    assertEquals("response.completed", events.get(events.size() - 1).type());
  }
}
