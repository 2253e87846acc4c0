package io.github.ssekit.relay;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenCode server on 127.0.0.1 whose events the test writes itself ({@link #emit}): {@code /event} sends
 * {@code server.connected} and stays open; {@code POST /session} creates {@code ses_1}, {@code ses_2}, ...;
 * {@code prompt_async} answers 204 (400 for model {@code bad/model}); abort and permission replies answer
 * {@code true}; {@code /session/status}, {@code /permission} and {@code /question} answer what the test set. Every request is recorded as {@code "METHOD uri"}, with its body.
 */
final class ScriptedOpenCode implements AutoCloseable {
  final Vertx vertx = Vertx.vertx();
  final List<String> requests = new CopyOnWriteArrayList<>();
  final Map<String, String> bodies = new ConcurrentHashMap<>();
  final List<HttpServerResponse> streams = new CopyOnWriteArrayList<>();
  /** Stored messages by session, for GET /session/{id}/message; a session listed here exists. */
  final Map<String, JsonArray> stored = new ConcurrentHashMap<>();
  /** What GET /session/status answers (busy and retrying sessions); none by default. */
  volatile String statuses = "{}";
  /** What GET /permission and GET /question answer (the pending requests); none by default. */
  volatile String permissions = "[]";
  volatile String questions = "[]";
  private final AtomicInteger sessions = new AtomicInteger();
  private final HttpServer server;

  ScriptedOpenCode() throws Exception {
    server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(req -> req.body().onSuccess(body -> {
          String line = req.method() + " " + req.uri();
          requests.add(line);
          bodies.put(line, body.toString());
          HttpServerResponse resp = req.response();
          String path = req.path();
          String method = req.method().name();
          if (path.equals("/event")) {
            resp.setChunked(true).putHeader("content-type", "text/event-stream");
            resp.write("data: " + event("server.connected", new JsonObject()) + "\n\n");
            streams.add(resp);
            resp.closeHandler(v -> streams.remove(resp));
          } else if (path.equals("/session") && method.equals("POST")) {
            String id = "ses_" + sessions.incrementAndGet();
            stored.put(id, new JsonArray());
            json(resp, 200, new JsonObject().put("id", id).put("directory", "/tmp/scripted").encode());
          } else if (path.equals("/session/status")) {
            json(resp, 200, statuses);
          } else if (path.matches("/session/[^/]+") && method.equals("GET")) {
            String id = path.substring("/session/".length());
            if (stored.containsKey(id)) {
              json(resp, 200, new JsonObject().put("id", id).put("directory", "/tmp/scripted").encode());
            } else {
              json(resp, 404, "{\"name\":\"NotFoundError\",\"data\":{\"message\":\"Session not found\"}}");
            }
          } else if (path.matches("/session/[^/]+/message") && method.equals("GET")) {
            json(resp, 200, stored.getOrDefault(path.split("/")[2], new JsonArray()).encode());
          } else if (path.endsWith("/prompt_async")) {
            if (body.toString().contains("\"providerID\":\"bad\"")) {
              json(resp, 400, "{\"name\":\"BadRequest\",\"data\":{\"message\":\"Model not found: bad/model\"}}");
            } else {
              resp.setStatusCode(204).end();
            }
          } else if (path.equals("/permission") && method.equals("GET")) {
            json(resp, 200, permissions);
          } else if (path.equals("/question") && method.equals("GET")) {
            json(resp, 200, questions);
          } else if (path.endsWith("/abort") || path.startsWith("/permission/")
              || path.startsWith("/question/")) {
            json(resp, 200, "true");
          } else if (path.equals("/config/providers")) {
            json(resp, 200, "{\"providers\":[{\"id\":\"mock\",\"models\":{\"mock-normal\":{},\"mock-slow\":{}}}]}");
          } else {
            json(resp, 404, "{\"name\":\"NotFoundError\",\"data\":{\"message\":\"not found\"}}");
          }
        }));
    server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** Writes one event to every open {@code /event} stream. */
  void emit(String type, JsonObject properties) {
    String frame = "data: " + event(type, properties) + "\n\n";
    vertx.runOnContext(v -> streams.forEach(s -> s.write(frame)));
  }

  /** The start of a turn's reply in {@code session}: busy, the assistant message, its text part {@code prt_1}. */
  void turnStart(String session) {
    JsonObject info = new JsonObject().put("id", "msg_a").put("sessionID", session).put("role", "assistant")
        .put("providerID", "mock").put("modelID", "mock-normal");
    emit("session.status", new JsonObject().put("sessionID", session)
        .put("status", new JsonObject().put("type", "busy")));
    emit("message.updated", new JsonObject().put("sessionID", session).put("info", info));
    emit("message.part.updated", new JsonObject().put("sessionID", session).put("part", new JsonObject()
        .put("id", "prt_1").put("messageID", "msg_a").put("sessionID", session).put("type", "text").put("text", "")));
  }

  /** A delta of the text part {@code prt_1}. */
  void delta(String session, String text) {
    emit("message.part.delta", new JsonObject().put("sessionID", session).put("messageID", "msg_a")
        .put("partID", "prt_1").put("field", "text").put("delta", text));
  }

  /** Ends every open {@code /event} stream, as OpenCode does after disposing an instance. */
  void endStreams() {
    vertx.runOnContext(v -> streams.forEach(HttpServerResponse::end));
  }

  /** How many requests so far start with {@code prefix}. */
  long count(String prefix) {
    return requests.stream().filter(r -> r.startsWith(prefix)).count();
  }

  private static final AtomicInteger IDS = new AtomicInteger();

  static String event(String type, JsonObject properties) {
    return new JsonObject().put("id", "evt_" + IDS.incrementAndGet()).put("type", type).put("properties", properties)
        .encode();
  }

  private static void json(HttpServerResponse resp, int status, String body) {
    resp.setStatusCode(status).putHeader("content-type", "application/json").end(body);
  }

  @Override
  public void close() throws java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
