package io.github.ssekit.client.internal;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * An idle timeout that fires when nothing arrived for a whole period while it counts. Confined to one event loop.
 *
 * <p>Cheap on the hot path: {@link #touch()}, once per received buffer, only stores the time. The timer is armed
 * once per period; when it fires it looks at the latest activity and, if there was some, arms itself again for
 * what is left of the period. A consumer that fetches one event at a time pauses and resumes the clock per event:
 * that flips a flag and moves the start, and arms no timer while one is armed (a paused clock leaves its timer
 * armed; when it fires paused it does nothing, and {@link #start()} arms one again).
 */
final class IdleClock {
  private final Vertx vertx;
  private final long timeoutNanos;
  private final Runnable onIdle;
  /** The armed timer, or -1: only this one may act when it fires (a cancelled one may still fire). */
  private long timerId = -1;
  private boolean counting;
  private long lastActivityNanos;

  /** {@code onIdle} runs on the event loop when the clock expires, and the clock stops. */
  IdleClock(Vertx vertx, Duration timeout, Runnable onIdle) {
    this.vertx = vertx;
    this.timeoutNanos = timeout.toNanos();
    this.onIdle = onIdle;
  }

  /** Something arrived: the period starts again from now. */
  void touch() {
    lastActivityNanos = System.nanoTime();
  }

  /** Starts counting, a full period from now; nothing when it counts already. */
  void start() {
    if (counting) {
      return;
    }
    counting = true;
    lastActivityNanos = System.nanoTime(); // time spent paused does not count
    if (timerId < 0) {
      arm(timeoutNanos);
    }
  }

  /** Stops counting until {@link #start()}; the armed timer stays, so a pause and a resume set no timer. */
  void pause() {
    counting = false;
  }

  /** Stops counting and cancels the timer: what it watched is gone. */
  void stop() {
    counting = false;
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }

  /** Whether it counts now. */
  boolean isCounting() {
    return counting;
  }

  /** The armed timer's id, or -1 (for tests of how often it is armed). */
  long armedTimer() {
    return timerId;
  }

  private void arm(long inNanos) {
    long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(inNanos + 999_999)); // never early
    timerId = vertx.setTimer(millis, id -> expired(id, System.nanoTime()));
  }

  /** Timer {@code id} fired at {@code nowNanos}: times out, or arms again for the rest of the period. */
  void expired(long id, long nowNanos) {
    if (id != timerId) {
      return; // cancelled or replaced meanwhile
    }
    timerId = -1;
    if (!counting) {
      return; // paused: start() arms the timer again
    }
    long quiet = nowNanos - lastActivityNanos;
    if (quiet >= timeoutNanos) {
      counting = false;
      onIdle.run();
    } else {
      arm(timeoutNanos - quiet); // activity meanwhile: due when the period after the latest of it ends
    }
  }
}
