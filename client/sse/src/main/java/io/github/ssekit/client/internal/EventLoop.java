package io.github.ssekit.client.internal;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The one event loop a stream, a call or a relay's state is confined to: its Vert.x event-loop context, and
 * {@link #execute} to run a task there, at once when the caller is already on it (so a handler's {@code pause()}
 * takes effect before the next event), else queued.
 *
 * <p>"On it" is decided by thread, not by {@link Vertx#currentContext()}: an event-loop context runs on one thread
 * for good, so confinement to that thread is what matters, and another context that shares the thread may act at
 * once. The thread is known once a task ran there (or at once, for the caller's own loop); until then a call is
 * queued, which is always correct.
 */
public final class EventLoop implements Executor {
  private final Context context;
  /** The thread of {@link #context}, once seen: written from that thread, read from any. */
  private volatile Thread thread;

  private EventLoop(Context context, Thread thread) {
    this.context = context;
    this.thread = thread;
  }

  /**
   * The caller's event loop when it is one of {@code vertx}'s, else a fresh event-loop context of {@code vertx}:
   * never a worker, a virtual-thread or another Vert.x instance's context.
   *
   * <p>Why the internal {@link VertxInternal#createEventLoopContext()}: the public
   * {@link Vertx#getOrCreateContext()} does not do this. In Vert.x 5.2 it returns the caller's context whatever its
   * kind (a worker's, whose tasks hop between pool threads, so nothing can be confined to a thread), and from a
   * thread that is not Vert.x's it pins that thread to one event loop ({@code VertxImpl.stickyEventLoop()}, keyed by
   * thread id): every stream opened from the same application thread would share one event loop, where
   * {@code createEventLoopContext()} hands them out round robin. It may also give an {@code EXTERNAL} context when
   * an {@code EventExecutorProvider} is configured. Deploying a verticle per stream would be public but costs a
   * deployment each. {@code EventLoopTest} checks both halves, so a Vert.x upgrade that changes either shows.
   */
  public static EventLoop of(Vertx vertx) {
    Objects.requireNonNull(vertx, "vertx");
    Context current = Vertx.currentContext();
    if (current != null && current.isEventLoopContext() && current.owner() == vertx) {
      return new EventLoop(current, Thread.currentThread());
    }
    return new EventLoop(((VertxInternal) vertx).createEventLoopContext(), null);
  }

  /**
   * An existing event-loop context, such as a verticle's.
   *
   * @throws IllegalArgumentException for a worker or virtual-thread context, whose tasks do not all run on one
   *     thread
   */
  public static EventLoop of(Context context) {
    Objects.requireNonNull(context, "context");
    if (!context.isEventLoopContext()) {
      throw new IllegalArgumentException("not an event-loop context: " + context.threadingModel());
    }
    return new EventLoop(context, Vertx.currentContext() == context ? Thread.currentThread() : null);
  }

  /** The Vert.x context: for timers and futures that must complete there. */
  public Context context() {
    return context;
  }

  /** Whether the caller runs on this event loop's thread (known once a task ran there): then it may act at once. */
  public boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  /** Runs {@code task} on this event loop: now when the caller is on it, else queued there. */
  @Override
  public void execute(Runnable task) {
    if (Thread.currentThread() == thread) {
      task.run();
    } else {
      defer(task);
    }
  }

  /** Queues {@code task} on this event loop even when the caller is on it: it runs after what is queued already. */
  public void defer(Runnable task) {
    context.runOnContext(v -> {
      thread = Thread.currentThread();
      task.run();
    });
  }

  @Override
  public String toString() {
    return "EventLoop[" + context + "]";
  }
}
