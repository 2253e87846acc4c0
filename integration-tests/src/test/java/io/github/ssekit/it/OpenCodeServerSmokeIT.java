package io.github.ssekit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseParser;
import io.github.ssekit.testkit.FakeOpenAiServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The harness itself, with nothing of ssekit but the parser: the real server runs, the nested model reaches the
 * fake provider, and the reply streams as {@code message.part.delta} events on {@code /event} before
 * {@code session.idle}.
 */
class OpenCodeServerSmokeIT {
  static Vertx vertx;
  static FakeOpenAiServer provider;
  static OpenCodeServer opencode;
  // HTTP/1.1: the JDK client's h2c upgrade on a POST with a body hangs against OpenCode's server.
  static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    provider = FakeOpenAiServer.start(vertx, Duration.ofMillis(20)).toCompletionStage().toCompletableFuture().get();
    opencode = OpenCodeServer.start(provider.baseUrl(), "ask", Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    if (opencode != null) {
      opencode.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  @Test
  void aNestedModelPromptStreamsDeltasBeforeIdle() throws Exception {
    List<JsonObject> events = new CopyOnWriteArrayList<>();
    CountDownLatch connected = new CountDownLatch(1);
    CountDownLatch idle = new CountDownLatch(1);
    SseParser parser = SseParser.create((SseEvent e) -> {
      JsonObject event = new JsonObject(e.data());
      events.add(event);
      if ("server.connected".equals(event.getString("type"))) {
        connected.countDown();
      }
      if ("session.idle".equals(event.getString("type"))) {
        idle.countDown();
      }
    });
    HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(opencode.url() + "/event"))
        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
    Thread reader = new Thread(() -> {
      byte[] buffer = new byte[4096];
      try (InputStream in = stream.body()) {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          parser.feed(buffer, 0, n);
        }
      } catch (Exception e) {
        // the stream is closed when the test ends
      }
    });
    reader.setDaemon(true);
    reader.start();
    assertTrue(connected.await(30, TimeUnit.SECONDS), "no server.connected");

    String session = new JsonObject(post("/session", new JsonObject().put("title", "smoke"))).getString("id");
    JsonObject prompt = new JsonObject()
        .put("model", new JsonObject().put("providerID", "mock").put("modelID", "mock-normal"))
        .put("parts", new JsonArray().add(new JsonObject().put("type", "text").put("text", "Say hello")));
    post("/session/" + session + "/prompt_async", prompt);
    assertTrue(idle.await(60, TimeUnit.SECONDS), () -> "no session.idle; events: " + events + "\n" + opencode.log());

    assertTrue(provider.requestedModels().contains("mock-normal"), () -> "provider saw " + provider.requestedModels());
    StringBuilder streamed = new StringBuilder();
    for (JsonObject e : events) {
      JsonObject props = e.getJsonObject("properties", new JsonObject());
      if ("message.part.delta".equals(e.getString("type")) && "text".equals(props.getString("field"))
          && session.equals(props.getString("sessionID"))) {
        streamed.append(props.getString("delta"));
      }
    }
    assertEquals(String.join("", FakeOpenAiServer.NORMAL_TEXT), streamed.toString());
  }

  private static String post(String path, JsonObject body) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(opencode.url() + path))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertTrue(response.statusCode() / 100 == 2, () -> path + " answered " + response.statusCode() + response.body());
    return response.body();
  }
}
