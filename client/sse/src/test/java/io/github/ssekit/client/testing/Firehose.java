package io.github.ssekit.client.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes the frames of a stream as fast as the connection takes them (while Vert.x's write queue has room), then ends
 * the response or keeps it open: for tests that a consumer which stops taking values holds the server back in TCP.
 */
public final class Firehose {
  /** Characters written so far. */
  public final AtomicLong written = new AtomicLong();
  private final Iterator<String> frames;
  private final boolean end;
  private volatile long lastWriteNanos = System.nanoTime();

  /**
   * A firehose of {@code frames}, each written as it is, made only when the connection has room.
   *
   * @param end whether to end the response after the last frame (not for a stream that would reconnect)
   */
  public Firehose(Iterator<String> frames, boolean end) {
    this.frames = frames;
    this.end = end;
  }

  /** Writes to {@code resp} until its queue is full, then again each time it drains; then ends it if asked to. */
  public void pump(HttpServerResponse resp) {
    while (frames.hasNext() && !resp.writeQueueFull()) {
      String frame = frames.next();
      resp.write(frame);
      written.addAndGet(frame.length());
      lastWriteNanos = System.nanoTime();
    }
    if (frames.hasNext()) {
      resp.drainHandler(v -> pump(resp));
    } else if (end) {
      resp.end();
    }
  }

  /**
   * Waits until the server has been unable to write for 300 ms (backpressure reached it through TCP), for at most
   * {@code bound}.
   */
  public void awaitBlocked(Duration bound) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (System.nanoTime() - lastWriteNanos < TimeUnit.MILLISECONDS.toNanos(300)) {
      assertTrue(System.nanoTime() < deadline, "the server never stopped writing");
      Thread.sleep(20);
    }
  }
}
