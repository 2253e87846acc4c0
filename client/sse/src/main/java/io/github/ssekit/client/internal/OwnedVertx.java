package io.github.ssekit.client.internal;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * The Vert.x instance a client makes for itself when its caller passes none, and the blocking wait of a client's
 * {@code close()}. The client that made the instance is its only owner and closes it on {@code close()}; a caller's
 * own Vert.x is never closed by ssekit.
 *
 * <p>Its threads are daemon threads, so a client that is never closed does not keep the JVM alive: Vert.x threads
 * are non-daemon by default, and an embedding program's {@code main} would never end. Vert.x 5.2 has public API for
 * this, {@link VertxOptions#setUseDaemonThread}: every thread the instance starts through its thread factory takes
 * that flag (event loops, which also run DNS resolution and timers; the acceptor loop; worker and internal-blocking
 * pools); the blocked-thread checker is a daemon {@code java.util.Timer} whatever the option. So no internal API is
 * needed: in 5.2.0 a {@code VertxThreadFactory} given to the internal {@code VertxBootstrap} could not do it anyway,
 * since {@code VertxImpl} sets each new thread's daemon flag from this option after the factory made it (default
 * {@code false}). {@code OwnedVertxTest} checks that a stream runs on a daemon thread, that a fresh JVM whose
 * {@code main} never closes its client exits by itself, and, as the control, that the same program on a caller's
 * {@code Vertx.vertx()} does not: a Vert.x upgrade that changes any of it shows.
 */
public final class OwnedVertx {

  private OwnedVertx() {}

  /** A new Vert.x instance whose threads are all daemon threads; its owner must close it. */
  public static Vertx create() {
    return Vertx.vertx(new VertxOptions().setUseDaemonThread(true));
  }

  /**
   * Waits for {@code closing} (a client's close) on any thread that may block; on a Vert.x event loop, which must
   * not block (and would wait for itself), only starts it.
   *
   * @throws RuntimeException the close's failure, when waited for
   */
  public static void awaitClose(Future<Void> closing) {
    if (!Context.isOnEventLoopThread()) {
      closing.await();
    }
  }
}
