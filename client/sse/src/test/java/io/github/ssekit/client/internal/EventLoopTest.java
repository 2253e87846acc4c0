package io.github.ssekit.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventLoopTest {
  private static final long WAIT_SECONDS = 30;
  private static final int LOOPS = 4;

  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(LOOPS));

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private static <T> T get(CompletableFuture<T> future) throws Exception {
    return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  private static Thread threadOf(Context context) throws Exception {
    CompletableFuture<Thread> thread = new CompletableFuture<>();
    context.runOnContext(v -> thread.complete(Thread.currentThread()));
    return get(thread);
  }

  @Test
  void fromAPlainThreadStreamsAreSpreadOverTheEventLoops() throws Exception {
    Set<Thread> threads = new HashSet<>();
    for (int i = 0; i < 2 * LOOPS; i++) {
      EventLoop loop = EventLoop.of(vertx);
      assertTrue(loop.context().isEventLoopContext());
      threads.add(threadOf(loop.context()));
    }
    assertEquals(LOOPS, threads.size(), "round robin over the event loops: " + threads);
  }

  /**
   * Why {@link EventLoop#of(Vertx)} uses Vert.x's internal API: the public {@code getOrCreateContext()} pins a
   * plain thread to one event loop. If this fails after a Vert.x upgrade, the public API may do now.
   */
  @Test
  void thePublicGetOrCreateContextPinsAPlainThreadToOneEventLoop() throws Exception {
    Set<Thread> threads = new HashSet<>();
    for (int i = 0; i < 2 * LOOPS; i++) {
      threads.add(threadOf(vertx.getOrCreateContext()));
    }
    assertEquals(1, threads.size(), threads.toString());
  }

  @Test
  void onOneOfItsEventLoopsTheCallersContextAndTasksRunAtOnce() throws Exception {
    CompletableFuture<List<String>> order = new CompletableFuture<>();
    vertx.runOnContext(v -> {
      List<String> steps = new ArrayList<>();
      EventLoop loop = EventLoop.of(vertx);
      assertSame(Vertx.currentContext(), loop.context());
      loop.defer(() -> {
        steps.add("deferred");
        order.complete(steps);
      });
      loop.execute(() -> steps.add("executed"));
      steps.add("after execute");
    });
    assertEquals(List.of("executed", "after execute", "deferred"), get(order));
  }

  @Test
  void fromAnotherThreadTasksAreQueuedOnTheLoop() throws Exception {
    EventLoop loop = EventLoop.of(vertx);
    Thread loopThread = threadOf(loop.context());
    List<Thread> ran = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    loop.execute(() -> {
      ran.add(Thread.currentThread());
      done.complete(null);
    });
    get(done);
    assertEquals(List.of(loopThread), ran);
  }

  @Test
  void fromAWorkerAnEventLoopContextNeverTheWorkers() throws Exception {
    CompletableFuture<Context[]> seen = new CompletableFuture<>();
    vertx.deployVerticle(context -> {
      seen.complete(new Context[] {context, EventLoop.of(vertx).context(), vertx.getOrCreateContext()});
      return Future.succeededFuture();
    }, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)).await();
    Context[] contexts = get(seen);
    assertTrue(contexts[0].isWorkerContext());
    assertTrue(contexts[1].isEventLoopContext());
    assertSame(contexts[0], contexts[2], "the public API would hand out the worker's context");
    assertThrows(IllegalArgumentException.class, () -> EventLoop.of(contexts[0]), "a worker is no event loop");
  }

  @Test
  void anotherVertxsEventLoopIsNotUsed() throws Exception {
    Vertx other = Vertx.vertx();
    try {
      CompletableFuture<Context> context = new CompletableFuture<>();
      other.runOnContext(v -> context.complete(EventLoop.of(vertx).context()));
      assertSame(vertx, get(context).owner());
    } finally {
      other.close().await();
    }
  }

  @Test
  void anExistingEventLoopContextIsUsedAsItIs() throws Exception {
    Context verticle = vertx.getOrCreateContext();
    EventLoop loop = EventLoop.of(verticle);
    assertSame(verticle, loop.context());
    assertNotSame(EventLoop.of(vertx).context(), verticle);
  }
}
