package io.github.ssekit.client.internal;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;

/**
 * Reads a response body into memory up to a limit. A longer body is cut there and its request reset, so a huge or
 * endless body neither fills memory nor keeps the connection (Vert.x's WebClient buffers whole bodies, unbounded).
 */
public final class BoundedBody {
  /** The bytes kept, and whether the body was longer. */
  public record Result(Buffer bytes, boolean truncated) {}

  private BoundedBody() {}

  /** Call from the callback that received {@code response}, before it returns, so that no chunk is missed. */
  public static Future<Result> read(HttpClientResponse response, int limit) {
    Promise<Result> done = Promise.promise();
    Buffer collected = Buffer.buffer();
    response.handler(chunk -> {
      if (done.future().isComplete()) {
        return;
      }
      if (collected.length() + chunk.length() > limit) {
        collected.appendBuffer(chunk, 0, limit - collected.length());
        done.tryComplete(new Result(collected, true));
        response.request().reset();
        return;
      }
      collected.appendBuffer(chunk);
    });
    response.endHandler(v -> done.tryComplete(new Result(collected, false)));
    response.exceptionHandler(done::tryFail);
    return done.future();
  }
}
