package io.github.ssekit.cli;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A scripted OpenCode server on 127.0.0.1 for the command tests: {@code /event} and {@code /global/event} send
 * {@code server.connected} and then {@link #streamScript}'s frames; {@code POST /session} creates {@code ses_cli};
 * {@code prompt_async} answers 204 and then writes {@link #turnScript}'s events to the open event streams. Every
 * request is recorded as {@code "METHOD path?query"} with its body.
 */
final class FakeOpenCode implements AutoCloseable {
  final Vertx vertx = Vertx.vertx();
  final List<String> requests = new CopyOnWriteArrayList<>();
  final List<String> bodies = new CopyOnWriteArrayList<>();
  private final List<HttpServerResponse> streams = new CopyOnWriteArrayList<>();
  volatile Function<String, List<String>> turnScript = session -> List.of();
  /** Extra frames after {@code server.connected}; {@code null} entries end the response there. */
  volatile List<String> streamScript = List.of();
  volatile int eventStatus = 200;
  private final HttpServer server;

  FakeOpenCode() throws Exception {
    server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(req -> req.body().onSuccess(body -> {
          requests.add(req.method() + " " + req.uri());
          bodies.add(body.toString());
          HttpServerResponse resp = req.response();
          String path = req.path();
          if (path.equals("/event") || path.equals("/global/event")) {
            if (eventStatus != 200) {
              resp.setStatusCode(eventStatus).end("Unauthorized");
              return;
            }
            resp.setChunked(true).putHeader("content-type", "text/event-stream");
            String connected = event("server.connected", new JsonObject());
            resp.write("data: " + (path.equals("/global/event")
                ? new JsonObject().put("payload", new JsonObject(connected)).encode() : connected) + "\n\n");
            for (String frame : streamScript) {
              if (frame == null) {
                resp.end();
                return;
              }
              resp.write("data: " + frame + "\n\n");
            }
            streams.add(resp);
          } else if (path.equals("/session") && req.method().name().equals("POST")) {
            resp.putHeader("content-type", "application/json").end("{\"id\":\"ses_cli\",\"title\":\"t\"}");
          } else if (path.equals("/session/status")) { // no session busy: a turn may prompt
            resp.putHeader("content-type", "application/json").end("{}");
          } else if (path.endsWith("/prompt_async")) {
            String session = path.split("/")[2];
            resp.setStatusCode(204).end();
            play(turnScript.apply(session), 0);
          } else {
            resp.setStatusCode(404).putHeader("content-type", "application/json")
                .end("{\"name\":\"NotFoundError\",\"data\":{\"message\":\"not found\"}}");
          }
        }));
    server.listen().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  private void play(List<String> events, int i) {
    if (i == events.size()) {
      return;
    }
    for (HttpServerResponse stream : streams) {
      if (!stream.closed() && !stream.ended()) {
        stream.write("data: " + events.get(i) + "\n\n");
      }
    }
    vertx.setTimer(5, t -> play(events, i + 1));
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static int ids;

  static synchronized String event(String type, JsonObject properties) {
    return new JsonObject().put("id", "evt_" + (++ids)).put("type", type).put("properties", properties).encode();
  }

  /** A turn answering {@code pieces} with model mock/mock-normal, 11 input and 3 output tokens. */
  static List<String> turn(String session, List<String> pieces) {
    List<String> events = new ArrayList<>();
    JsonObject info = new JsonObject().put("id", "msg_a1").put("sessionID", session).put("role", "assistant")
        .put("providerID", "mock").put("modelID", "mock-normal");
    events.add(event("session.status", new JsonObject().put("sessionID", session)
        .put("status", new JsonObject().put("type", "busy"))));
    events.add(event("message.updated", new JsonObject().put("sessionID", session).put("info", info)));
    events.add(event("message.part.updated", new JsonObject().put("sessionID", session).put("part", new JsonObject()
        .put("id", "prt_1").put("messageID", "msg_a1").put("sessionID", session).put("type", "text").put("text", ""))));
    for (String piece : pieces) {
      events.add(event("message.part.delta", new JsonObject().put("sessionID", session).put("messageID", "msg_a1")
          .put("partID", "prt_1").put("field", "text").put("delta", piece)));
    }
    events.add(event("message.part.updated", new JsonObject().put("sessionID", session).put("part", new JsonObject()
        .put("id", "prt_s").put("messageID", "msg_a1").put("sessionID", session).put("type", "step-finish")
        .put("cost", 0).put("tokens", new JsonObject().put("input", 11).put("output", 3).put("reasoning", 0)
            .put("cache", new JsonObject().put("read", 0).put("write", 0))))));
    events.add(event("session.idle", new JsonObject().put("sessionID", session)));
    return events;
  }

  static List<String> failedTurn(String session) {
    return List.of(
        event("session.status", new JsonObject().put("sessionID", session)
            .put("status", new JsonObject().put("type", "busy"))),
        event("session.error", new JsonObject().put("sessionID", session).put("error", new JsonObject()
            .put("name", "APIError").put("data", new JsonObject().put("message", "mock error 401")
                .put("statusCode", 401)))),
        event("session.idle", new JsonObject().put("sessionID", session)));
  }
}
