package io.github.ssekit.client.testing;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A loopback HTTP server whose answers each test scripts per path. It records every request (with its body) and
 * hands it to the script once the request body has arrived.
 */
public final class ScriptedServer implements AutoCloseable {

  /** A request as the server saw it. */
  public record Seen(HttpMethod method, String path, MultiMap headers, String body) {}

  private final Vertx vertx;
  private final Map<String, Handler<HttpServerRequest>> routes = new ConcurrentHashMap<>();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  private ScriptedServer(Vertx vertx) throws Exception {
    this.vertx = vertx;
    this.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(req -> req.body().onSuccess(body -> {
          seen.add(new Seen(req.method(), req.path(), MultiMap.caseInsensitiveMultiMap().addAll(req.headers()),
              body.toString()));
          Handler<HttpServerRequest> route = routes.get(req.path());
          if (route == null) {
            req.response().setStatusCode(404).end();
          } else {
            route.handle(req);
          }
        }));
    server.listen().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  public static ScriptedServer start(Vertx vertx) throws Exception {
    return new ScriptedServer(vertx);
  }

  public ScriptedServer on(String path, Handler<HttpServerRequest> script) {
    routes.put(path, script);
    return this;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  public List<Seen> seen() {
    return List.copyOf(seen);
  }

  public List<Seen> seen(String path) {
    return seen.stream().filter(s -> s.path().equals(path)).toList();
  }

  public Vertx vertx() {
    return vertx;
  }

  /** Starts a 200 {@code text/event-stream} chunked response. */
  public static HttpServerResponse eventStream(HttpServerRequest req) {
    return req.response().setChunked(true).putHeader("content-type", "text/event-stream");
  }

  /** Writes {@code parts} one by one, each after the previous one was flushed and {@code gapMs} passed, then ends. */
  public static void writeApart(Vertx vertx, HttpServerResponse resp, List<Buffer> parts, long gapMs) {
    writeFrom(vertx, resp, parts, 0, gapMs);
  }

  private static void writeFrom(Vertx vertx, HttpServerResponse resp, List<Buffer> parts, int i, long gapMs) {
    if (i == parts.size()) {
      resp.end();
      return;
    }
    resp.write(parts.get(i)).onSuccess(v -> vertx.setTimer(gapMs, t -> writeFrom(vertx, resp, parts, i + 1, gapMs)));
  }

  @Override
  public void close() {
    try {
      server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (Exception e) {
      throw new IllegalStateException("server did not close", e);
    }
  }
}
