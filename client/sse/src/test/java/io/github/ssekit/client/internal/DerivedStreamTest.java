package io.github.ssekit.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The demand of a {@link DerivedStream}'s consumer becomes its upstream's, whatever each item yields. */
class DerivedStreamTest {
  private final Vertx vertx = Vertx.vertx();
  private final EventLoop loop = EventLoop.of(vertx);
  private final Upstream upstream = new Upstream();
  private final DerivedStream<String> derived = new DerivedStream<>(loop);
  private final List<String> taken = new ArrayList<>();
  private final List<String> signals = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  /** An upstream that only records what it was asked for. */
  private static final class Upstream implements ReadStream<Object> {
    long asked;
    boolean paused;

    @Override
    public ReadStream<Object> pause() {
      paused = true;
      return this;
    }

    @Override
    public ReadStream<Object> resume() {
      return fetch(Long.MAX_VALUE);
    }

    @Override
    public ReadStream<Object> fetch(long amount) {
      asked = asked > Long.MAX_VALUE - amount ? Long.MAX_VALUE : asked + amount;
      return this;
    }

    @Override
    public ReadStream<Object> exceptionHandler(Handler<Throwable> handler) {
      return this;
    }

    @Override
    public ReadStream<Object> handler(Handler<Object> handler) {
      return this;
    }

    @Override
    public ReadStream<Object> endHandler(Handler<Void> endHandler) {
      return this;
    }
  }

  /** Runs {@code task} on the loop and waits for it, so that what it queued ran too. */
  private void onLoop(Runnable task) throws Exception {
    Promise<Void> done = Promise.promise();
    loop.execute(() -> {
      task.run();
      done.complete();
    });
    done.future().await(5, TimeUnit.SECONDS);
  }

  /** An item of the upstream arrives and yields {@code values}. */
  private void item(String... values) throws Exception {
    onLoop(() -> {
      derived.itemArrived();
      for (String value : values) {
        derived.offer(value);
      }
      derived.drain();
    });
  }

  private void consumeAsking(long initial) throws Exception {
    onLoop(() -> {
      derived.attach(upstream);
      derived.pause();
      derived.handler(taken::add);
      derived.endHandler(v -> signals.add("end"));
      derived.exceptionHandler(e -> signals.add("failed: " + e.getMessage()));
      derived.fetch(initial);
    });
  }

  @Test
  void aFailureBeforeTheConsumersHandlersAreSetWaitsForThemInsteadOfBeingLost() throws Exception {
    // As when an iterator is made from a thread that is not the loop: its handler-setting tasks are queued, and a
    // fast failure (a 401 on loopback) can end the stream between them.
    onLoop(() -> {
      derived.attach(upstream);
      derived.handler(taken::add);
      derived.end(new IllegalStateException("refused"));
      derived.endHandler(v -> signals.add("end"));
      derived.exceptionHandler(e -> signals.add("failed: " + e.getMessage()));
    });
    assertEquals(List.of("failed: refused"), signals);
  }

  @Test
  void theEndBeforeTheEndHandlerIsSetIsSignalledOnceItIs() throws Exception {
    onLoop(() -> {
      derived.attach(upstream);
      derived.handler(taken::add);
      derived.end(null);
      derived.exceptionHandler(e -> signals.add("failed: " + e.getMessage()));
      derived.endHandler(v -> signals.add("end"));
      derived.endHandler(v -> signals.add("end again"));
    });
    assertEquals(List.of("end"), signals);
  }

  @Test
  void itemsWithoutValueAreAskedForAgainAndExtraValuesWaitForDemand() throws Exception {
    consumeAsking(2);
    assertTrue(upstream.paused);
    assertEquals(2, upstream.asked, "two values wanted: two items asked for");

    item(); // a keep-alive: no value
    assertEquals(3, upstream.asked, "asked for again");
    item("a");
    assertEquals(List.of("a"), taken);
    assertEquals(3, upstream.asked, "one value still wanted, one item still asked for");

    item("b", "c", "d"); // several values from one item
    assertEquals(List.of("a", "b"), taken, "no more than asked for");
    assertEquals(3, upstream.asked, "values are waiting: nothing more asked of the upstream");

    onLoop(() -> derived.fetch(3));
    assertEquals(List.of("a", "b", "c", "d"), taken);
    assertEquals(4, upstream.asked, "the waiting values served two of three: one more item");
  }

  @Test
  void theEndFollowsTheWaitingValues() throws Exception {
    consumeAsking(1);
    item("a", "b");
    onLoop(() -> derived.end(null));
    assertEquals(List.of("a"), taken);
    assertEquals(List.of(), signals, "a value is still waiting");
    onLoop(() -> derived.fetch(1));
    assertEquals(List.of("a", "b"), taken);
    assertEquals(List.of("end"), signals);
    onLoop(() -> derived.end(new IllegalStateException("late")));
    assertEquals(List.of("end"), signals, "only the first end counts");
  }

  @Test
  void aFailureIsSignalledOnceTheValuesAreTaken() throws Exception {
    consumeAsking(5);
    item("a");
    onLoop(() -> derived.end(new IllegalStateException("lost")));
    assertEquals(List.of("a"), taken);
    assertEquals(List.of("failed: lost"), signals);
  }

  @Test
  void pausingStopsTheUpstreamAndAFlowingConsumerLetsItFlow() throws Exception {
    consumeAsking(0);
    assertEquals(0, upstream.asked, "nothing wanted, nothing asked for");
    onLoop(derived::resume);
    assertEquals(Long.MAX_VALUE, upstream.asked);
    upstream.paused = false;
    onLoop(derived::pause);
    assertTrue(upstream.paused);
    item("a");
    assertEquals(List.of(), taken);
    assertFalse(signals.contains("end"));
  }
}
