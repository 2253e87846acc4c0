package io.github.ssekit.it;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * A load balancer in front of relay nodes, as small as a test needs: an HTTP proxy on 127.0.0.1 that sends every
 * request to the node it points at now ({@link #pointAt}), with the node's own {@code Host} and {@code Origin} (the
 * relay answers its own names only), and streams the answers back as they come (SSE included). When the node ends
 * a stream or stops, the browser's stream ends too, and its EventSource reconnects through the front.
 */
final class SwitchableFront implements AutoCloseable {
  private final Vertx vertx;
  private final HttpServer server;
  private final HttpClient client;
  private final Set<HttpServerRequest> open = new CopyOnWriteArraySet<>();
  private volatile int target;

  private SwitchableFront(Vertx vertx, HttpServer server, HttpClient client) {
    this.vertx = vertx;
    this.server = server;
    this.client = client;
  }

  static SwitchableFront start(Vertx vertx, int targetPort) throws Exception {
    HttpClient client = vertx.createHttpClient();
    SwitchableFront[] self = new SwitchableFront[1];
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(req -> self[0].forward(req));
    self[0] = new SwitchableFront(vertx, server, client);
    self[0].target = targetPort;
    server.listen().toCompletionStage().toCompletableFuture().get();
    return self[0];
  }

  /** The page's URL through the front. */
  String url() {
    return "http://127.0.0.1:" + server.actualPort() + "/";
  }

  /** Sends the next requests to the node on {@code port}. */
  void pointAt(int port) {
    target = port;
  }

  private void forward(HttpServerRequest req) {
    req.pause();
    int port = target;
    RequestOptions options = new RequestOptions().setMethod(req.method()).setHost("127.0.0.1").setPort(port)
        .setURI(req.uri());
    req.headers().forEach(h -> {
      if (!h.getKey().equalsIgnoreCase("Host") && !h.getKey().equalsIgnoreCase("Origin")
          && !h.getKey().equalsIgnoreCase("Connection")) {
        options.addHeader(h.getKey(), h.getValue());
      }
    });
    options.putHeader("Host", "127.0.0.1:" + port);
    if (req.getHeader("Origin") != null) {
      options.putHeader("Origin", "http://127.0.0.1:" + port);
    }
    open.add(req);
    req.response().closeHandler(v -> open.remove(req));
    client.request(options).compose(out -> {
      req.handler(out::write);
      req.endHandler(v -> out.end());
      req.resume();
      return out.response();
    }).onSuccess(answer -> {
      req.response().setStatusCode(answer.statusCode());
      answer.headers().forEach(h -> {
        if (!h.getKey().equalsIgnoreCase("Content-Length") && !h.getKey().equalsIgnoreCase("Transfer-Encoding")
            && !h.getKey().equalsIgnoreCase("Connection")) {
          req.response().putHeader(h.getKey(), h.getValue());
        }
      });
      req.response().setChunked(true);
      answer.handler(buffer -> req.response().write(buffer));
      answer.endHandler(v -> req.response().end());
      answer.exceptionHandler(e -> req.connection().close());
    }).onFailure(e -> {
      if (!req.response().headWritten()) {
        req.response().setStatusCode(502).end();
      } else {
        req.connection().close();
      }
    });
  }

  @Override
  public void close() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get();
    client.close().toCompletionStage().toCompletableFuture().get();
  }

  /** For tests that want the connections gone now. */
  Future<Void> dropAll() {
    open.forEach(r -> r.connection().close());
    return Future.succeededFuture();
  }
}
