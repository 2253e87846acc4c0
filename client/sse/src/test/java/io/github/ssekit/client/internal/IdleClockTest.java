package io.github.ssekit.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The clock's logic with its timers driven by hand: the timeout is an hour, so no timer fires by itself, and each
 * test calls {@link IdleClock#expired} with a time it chooses around the real {@code System.nanoTime()} the clock
 * reads.
 */
class IdleClockTest {
  private static final Duration TIMEOUT = Duration.ofHours(1);
  private static final long T = TIMEOUT.toNanos();

  private final Vertx vertx = Vertx.vertx();
  private int idle;
  private final IdleClock clock = new IdleClock(vertx, TIMEOUT, () -> idle++);

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void startArmsOneTimerAndPausesResumesAndBytesArmNoOther() {
    assertEquals(-1, clock.armedTimer(), "nothing armed before it counts");
    clock.start();
    long armed = clock.armedTimer();
    assertTrue(armed >= 0);
    for (int i = 0; i < 10_000; i++) { // a consumer fetching one event at a time, one buffer per event
      clock.touch();
      clock.pause();
      clock.start();
    }
    assertEquals(armed, clock.armedTimer(), "armed once per period, not per event");
    assertTrue(clock.isCounting());
  }

  @Test
  void expiresAfterAQuietPeriod() {
    clock.start();
    long armed = clock.armedTimer();
    long after = System.nanoTime();
    clock.expired(armed, after + T);
    assertEquals(1, idle);
    assertFalse(clock.isCounting());
    assertEquals(-1, clock.armedTimer());
  }

  @Test
  void activityDuringThePeriodArmsItAgainForWhatIsLeft() {
    clock.start();
    long armed = clock.armedTimer();
    long before = System.nanoTime();
    clock.touch();
    clock.expired(armed, before + T - 1); // less than a period after the byte
    assertEquals(0, idle);
    assertTrue(clock.isCounting());
    long rearmed = clock.armedTimer();
    assertTrue(rearmed >= 0 && rearmed != armed, "armed for the rest of the period");

    long after = System.nanoTime();
    clock.expired(rearmed, after + T);
    assertEquals(1, idle);
  }

  @Test
  void aPausedClockDoesNotExpireAndStartArmsAFullPeriod() {
    clock.start();
    long armed = clock.armedTimer();
    clock.pause();
    clock.expired(armed, System.nanoTime() + 10 * T);
    assertEquals(0, idle, "paused: time does not count");
    assertEquals(-1, clock.armedTimer());

    long before = System.nanoTime();
    clock.start();
    long next = clock.armedTimer();
    assertTrue(next >= 0 && next != armed);
    clock.expired(next, before + T - 1);
    assertEquals(0, idle, "a full period from the resumption");
  }

  @Test
  void aStoppedOrReplacedTimerFiringLateDoesNothing() {
    clock.start();
    long first = clock.armedTimer();
    clock.stop();
    assertEquals(-1, clock.armedTimer());
    clock.expired(first, System.nanoTime() + 10 * T);
    assertEquals(0, idle);

    clock.start();
    long second = clock.armedTimer();
    assertNotEquals(first, second);
    clock.expired(first, System.nanoTime() + 10 * T);
    assertEquals(0, idle, "only the armed timer acts");
    assertEquals(second, clock.armedTimer());
  }

  @Test
  void aRealTimerFiresOnTheEventLoop() throws Exception {
    CompletableFuture<Thread> fired = new CompletableFuture<>();
    vertx.runOnContext(v -> new IdleClock(vertx, Duration.ofMillis(20),
        () -> fired.complete(Thread.currentThread())).start());
    assertTrue(fired.get(30, TimeUnit.SECONDS).getName().startsWith("vert.x-eventloop"));
  }
}
