package com.example.verticle;

import io.github.ssekit.client.SseClient;
import io.github.ssekit.client.SseRequest;
import io.github.ssekit.client.SseStream;
import io.github.ssekit.sse.SseEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import java.util.ArrayList;
import java.util.List;

/**
 * Serves a short event stream from a Vert.x {@link HttpServer} on 127.0.0.1 and reads it back with an
 * {@link SseClient}, both on this verticle's event loop; {@link #received()} completes with the events once the
 * stream ended.
 */
public final class SseReaderVerticle extends VerticleBase {

  // a comment, an unnamed event, a named event with an id, and one more event that keeps that id
  static final String STREAM = ": hello\n\n"
      + "data: one\n\n"
      + "event: tick\nid: 2\ndata: two\n\n"
      + "data: three\n\n";

  private final Promise<List<SseEvent>> received = Promise.promise();
  private HttpServer server;
  private SseClient client;

  /** The events read, once the stream ended; failed if it failed. */
  public Future<List<SseEvent>> received() {
    return received.future();
  }

  @Override
  public Future<?> start() {
    server = vertx.createHttpServer()
        .requestHandler(request -> request.response().putHeader("Content-Type", "text/event-stream").end(STREAM));
    client = SseClient.create(vertx);
    return server.listen(0, "127.0.0.1")
        // once read, the stream ends: no reconnection
        .compose(listening -> client.connect(SseRequest
            .get("http://127.0.0.1:" + listening.actualPort() + "/events").reconnect(false).build()))
        .onSuccess(this::read);
  }

  private void read(SseStream stream) {
    List<SseEvent> events = new ArrayList<>();
    stream.endHandler(end -> received.tryComplete(events));
    stream.exceptionHandler(received::tryFail);
    stream.handler(events::add);
  }

  @Override
  public Future<?> stop() {
    // undeploying would close both anyway; closing them here says what the verticle owns
    return client.closeAsync().compose(closed -> server.close());
  }
}
