package io.github.ssekit.client.opencode.testing;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * A fake OpenCode server on 127.0.0.1 for the client's tests: {@code /event} and {@code /global/event} start with
 * {@code server.connected}; {@code POST /session/{id}/prompt_async} answers 204 and then plays the events of
 * {@link #onPrompt} to the open event streams; {@code GET /session/status}, {@code /permission} and {@code /question}
 * answer as an idle server unless scripted; other routes answer what {@link #on} scripted (404 otherwise). It
 * records every request, with its query and headers.
 */
public final class OpenCodeFakeServer implements AutoCloseable {

  /** A request as the server saw it. */
  public record Seen(HttpMethod method, String path, String query, MultiMap headers, String body) {
    public JsonObject json() {
      return new JsonObject(body);
    }
  }

  private final Vertx vertx;
  private final HttpServer server;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final List<HttpServerResponse> streams = new CopyOnWriteArrayList<>();
  private final Map<String, Handler<HttpServerRequest>> routes = new ConcurrentHashMap<>();
  private volatile BiConsumer<String, JsonObject> onPrompt = (session, body) -> {};
  private final MultiMap promptHeaders = MultiMap.caseInsensitiveMultiMap();
  private volatile long gapMillis = 5;

  private OpenCodeFakeServer(Vertx vertx) throws Exception {
    this.vertx = vertx;
    this.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(req -> req.body().onSuccess(body -> {
          seen.add(new Seen(req.method(), req.path(), req.query(),
              MultiMap.caseInsensitiveMultiMap().addAll(req.headers()), body.toString()));
          route(req, body.toString());
        }));
    server.listen().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  public static OpenCodeFakeServer start(Vertx vertx) throws Exception {
    return new OpenCodeFakeServer(vertx);
  }

  public String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** Scripts {@code method path}. */
  public OpenCodeFakeServer on(HttpMethod method, String path, Handler<HttpServerRequest> script) {
    routes.put(method + " " + path, script);
    return this;
  }

  /** Answers {@code method path} with {@code status} and a JSON body. */
  public OpenCodeFakeServer json(HttpMethod method, String path, int status, String json) {
    return on(method, path, req -> req.response().setStatusCode(status).putHeader("content-type", "application/json")
        .end(json));
  }

  /** What {@code prompt_async} does after answering 204: called with the session ID and the body. */
  public OpenCodeFakeServer onPrompt(BiConsumer<String, JsonObject> script) {
    this.onPrompt = script;
    return this;
  }

  /** Adds a header to the 204 of {@code prompt_async} (a request id, a cookie, a header quoting a credential). */
  public synchronized OpenCodeFakeServer promptHeader(String name, String value) {
    promptHeaders.add(name, value);
    return this;
  }

  public List<Seen> seen() {
    return List.copyOf(seen);
  }

  public List<Seen> seen(HttpMethod method, String path) {
    return seen.stream().filter(s -> s.method().equals(method) && s.path().equals(path)).toList();
  }

  /** The event streams open now. */
  public int openStreams() {
    return (int) streams.stream().filter(r -> !r.closed() && !r.ended()).count();
  }

  /** Writes each event to every open event stream, {@code gapMillis} apart, then runs {@code then}. */
  public void play(List<String> events, Runnable then) {
    playFrom(new ArrayList<>(events), 0, then);
  }

  public void play(List<String> events) {
    play(events, () -> {});
  }

  private void playFrom(List<String> events, int i, Runnable then) {
    if (i == events.size()) {
      then.run();
      return;
    }
    send(events.get(i));
    vertx.setTimer(gapMillis, t -> playFrom(events, i + 1, then));
  }

  /** Writes one event to every open event stream. */
  public void send(String eventJson) {
    for (HttpServerResponse stream : streams) {
      if (!stream.closed() && !stream.ended()) {
        stream.write("data: " + eventJson + "\n\n");
      }
    }
  }

  /** Ends every open event stream, as OpenCode does after {@code server.instance.disposed}. */
  public void endStreams() {
    for (HttpServerResponse stream : streams) {
      if (!stream.closed() && !stream.ended()) {
        stream.end();
      }
    }
    streams.clear();
  }

  /** What an idle server answers when a test scripted nothing else: no busy session, nothing pending. */
  private static final Map<String, String> IDLE_ANSWERS = Map.of("/session/status", "{}", "/permission", "[]",
      "/question", "[]");

  private void route(HttpServerRequest req, String body) {
    Handler<HttpServerRequest> script = routes.get(req.method() + " " + req.path());
    if (script != null) {
      script.handle(req);
      return;
    }
    HttpServerResponse resp = req.response();
    if (req.method() == HttpMethod.GET && (req.path().equals("/event") || req.path().equals("/global/event"))) {
      resp.setChunked(true).putHeader("content-type", "text/event-stream");
      boolean global = req.path().equals("/global/event");
      String connected = event("server.connected", new JsonObject());
      resp.write("data: " + (global ? new JsonObject().put("payload", new JsonObject(connected)).encode() : connected)
          + "\n\n");
      if (!global) {
        streams.add(resp);
      }
      return;
    }
    if (req.method() == HttpMethod.POST && req.path().matches("/session/[^/]+/prompt_async")) {
      String session = req.path().split("/")[2];
      synchronized (this) {
        resp.headers().addAll(promptHeaders);
      }
      resp.setStatusCode(204).end();
      onPrompt.accept(session, new JsonObject(body));
      return;
    }
    if (req.method() == HttpMethod.GET && IDLE_ANSWERS.containsKey(req.path())) {
      resp.putHeader("content-type", "application/json").end(IDLE_ANSWERS.get(req.path()));
      return;
    }
    resp.setStatusCode(404).putHeader("content-type", "application/json")
        .end("{\"name\":\"NotFoundError\",\"data\":{\"message\":\"no route " + req.path() + "\"}}");
  }

  @Override
  public void close() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  // ---- OpenCode events, shaped as opencode 1.18.33 sends them ----

  private static int ids;

  public static synchronized String event(String type, JsonObject properties) {
    return new JsonObject().put("id", "evt_" + (++ids)).put("type", type).put("properties", properties).encode();
  }

  /** The events of one normal turn answering {@code pieces}, ending with {@code session.idle}. */
  public static List<String> turn(String session, List<String> pieces) {
    List<String> events = new ArrayList<>();
    String user = "msg_user1";
    String assistant = "msg_asst1";
    events.add(event("message.updated", new JsonObject().put("sessionID", session).put("info", new JsonObject()
        .put("id", user).put("sessionID", session).put("role", "user"))));
    events.add(event("message.part.updated", new JsonObject().put("sessionID", session).put("part", new JsonObject()
        .put("id", "prt_user1").put("messageID", user).put("sessionID", session).put("type", "text")
        .put("text", "the prompt"))));
    events.add(status(session, "busy"));
    events.add(event("message.updated", new JsonObject().put("sessionID", session).put("info",
        assistantInfo(session, assistant, false))));
    events.addAll(textPart(session, assistant, "prt_text1", pieces));
    events.add(event("message.part.updated", new JsonObject().put("sessionID", session).put("part", new JsonObject()
        .put("id", "prt_step1").put("messageID", assistant).put("sessionID", session).put("type", "step-finish")
        .put("reason", "stop").put("cost", 0.25).put("tokens", new JsonObject().put("total", 14).put("input", 11)
            .put("output", 3).put("reasoning", 0).put("cache", new JsonObject().put("read", 0).put("write", 0))))));
    events.add(event("message.updated", new JsonObject().put("sessionID", session).put("info",
        assistantInfo(session, assistant, true))));
    events.add(status(session, "idle"));
    events.add(event("session.idle", new JsonObject().put("sessionID", session)));
    return events;
  }

  public static List<String> textPart(String session, String message, String part, List<String> pieces) {
    List<String> events = new ArrayList<>();
    events.add(event("message.part.updated", new JsonObject().put("sessionID", session).put("part", new JsonObject()
        .put("id", part).put("messageID", message).put("sessionID", session).put("type", "text").put("text", "")
        .put("time", new JsonObject().put("start", 1)))));
    for (String piece : pieces) {
      events.add(event("message.part.delta", new JsonObject().put("sessionID", session).put("messageID", message)
          .put("partID", part).put("field", "text").put("delta", piece)));
    }
    events.add(event("message.part.updated", new JsonObject().put("sessionID", session).put("part", new JsonObject()
        .put("id", part).put("messageID", message).put("sessionID", session).put("type", "text")
        .put("text", String.join("", pieces)).put("time", new JsonObject().put("start", 1).put("end", 2)))));
    return events;
  }

  public static JsonObject assistantInfo(String session, String id, boolean completed) {
    JsonObject time = new JsonObject().put("created", 1);
    if (completed) {
      time.put("completed", 2);
    }
    return new JsonObject().put("id", id).put("sessionID", session).put("role", "assistant")
        .put("parentID", "msg_user1").put("providerID", "mock").put("modelID", "mock-normal").put("cost", 0.25)
        .put("tokens", new JsonObject().put("input", 11).put("output", 3)).put("finish", "stop").put("time", time);
  }

  public static String status(String session, String type) {
    return event("session.status", new JsonObject().put("sessionID", session)
        .put("status", new JsonObject().put("type", type)));
  }

  public static String sessionError(String session, JsonObject error) {
    return event("session.error", new JsonObject().put("sessionID", session).put("error", error));
  }

  public static JsonArray array(Object... values) {
    return new JsonArray(List.of(values));
  }
}
