package io.github.ssekit.client.internal;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import java.time.Duration;

/**
 * Reads a response body into memory up to a limit. A longer body is cut there and its request reset, so a huge or
 * endless body neither fills memory nor keeps the connection (Vert.x's WebClient buffers whole bodies, unbounded).
 * The one capped-body reader of the clients: API answers, and the error bodies of streams.
 */
public final class BoundedBody {
  /** The bytes kept, and whether the body was longer. */
  public record Result(Buffer bytes, boolean truncated) {}

  private BoundedBody() {}

  /**
   * The body, or the connection's failure. Call from the callback that received {@code response}, before it
   * returns, so that no chunk is missed.
   */
  public static Future<Result> read(HttpClientResponse response, int limit) {
    Promise<Result> done = Promise.promise();
    Buffer collected = Buffer.buffer();
    collect(response, limit, collected, done, null);
    response.exceptionHandler(done::tryFail);
    return done.future();
  }

  /**
   * A body that is only the detail of a failure (an error status): what arrived until the body ended, the
   * connection failed, or nothing arrived for {@code stallTimeout}; a stalled body's request is reset, so it does
   * not hold the connection. Never fails. Call as {@link #read}, on the response's event loop.
   */
  static Future<Result> readUntilStalled(Vertx vertx, HttpClientResponse response, int limit, Duration stallTimeout) {
    Promise<Result> done = Promise.promise();
    Buffer collected = Buffer.buffer();
    IdleClock stall = new IdleClock(vertx, stallTimeout, () -> {
      response.request().reset();
      done.tryComplete(new Result(collected, false));
    });
    collect(response, limit, collected, done, stall);
    response.exceptionHandler(err -> done.tryComplete(new Result(collected, false)));
    done.future().onComplete(ar -> stall.stop());
    stall.start();
    return done.future();
  }

  private static void collect(HttpClientResponse response, int limit, Buffer collected, Promise<Result> done,
      IdleClock stall) {
    response.handler(chunk -> {
      if (done.future().isComplete()) {
        return;
      }
      if (stall != null) {
        stall.touch();
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
  }
}
