package io.github.ssekit.client.internal;

import static io.github.ssekit.client.testing.ScriptedServer.eventStream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.client.ObservedStream;
import io.github.ssekit.client.SseClientOptions;
import io.github.ssekit.client.SseObserver;
import io.github.ssekit.client.SseRequest;
import io.github.ssekit.client.StreamStats;
import io.github.ssekit.client.testing.ScriptedServer;
import io.github.ssekit.client.testing.UpperCaseProtocol;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.protocol.Diagnostics;
import io.github.ssekit.sse.protocol.StreamAccumulator;
import io.github.ssekit.sse.protocol.StrictMode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generic driver of a binding's stream ({@link BindingStreamCall}) and its client ({@link BindingClient}), with a
 * toy protocol: the per-value figures of its {@link ResultWiring} are computed, on the stream's event loop, only when
 * an observer reads them; closing the client completes its open streams.
 */
class BindingStreamCallTest {
  /** Four values (one empty, so no token), a named event nobody consumes (a diagnostic), then the end. */
  private static final String BODY = "data: a\n\ndata: \n\nevent: vendor.progress\ndata: 50%\n\ndata: b\n\n"
      + "data: c\n\ndata: [DONE]\n\n";

  private Vertx vertx;
  private ScriptedServer server;
  private BindingClient client;
  /** How often the wiring's isToken test and usage function ran, and whether each ran on an event loop. */
  private final AtomicInteger isTokenCalls = new AtomicInteger();
  private final AtomicInteger usageCalls = new AtomicInteger();
  private final List<Boolean> onEventLoop = new CopyOnWriteArrayList<>();
  private final List<StreamStats> ended = new CopyOnWriteArrayList<>();
  private final AtomicInteger tokenCallbacks = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server = ScriptedServer.start(vertx);
    server.on("/stream", req -> eventStream(req).end(BODY));
  }

  @AfterEach
  void stop() throws Exception {
    if (client != null) {
      client.closeAsync().await(5, TimeUnit.SECONDS);
    }
    server.close();
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void withoutAnObserverNoValueIsTestedForATokenAndNoUsageIsRead() throws Exception {
    List<String> result = run(SseObserver.NONE);

    assertEquals(List.of("A", "", "B", "C"), result, "the stream itself is unchanged");
    assertEquals(0, isTokenCalls.get(), "isToken ran although nothing reads the token figures");
    assertEquals(0, usageCalls.get(), "the usage was read although nothing reads it");
  }

  @Test
  void withAnObserverTheTokenFiguresAreRight() throws Exception {
    List<String> result = run(observer());

    assertEquals(List.of("A", "", "B", "C"), result);
    assertEquals(4, isTokenCalls.get(), "each value tested once");
    assertEquals(List.of(true, true, true, true), onEventLoop, "tested on the stream's event loop");
    assertEquals(1, usageCalls.get());
    assertEquals(3, tokenCallbacks.get(), "the first token, then two gaps");
    assertEquals(1, ended.size());
    StreamStats stats = ended.get(0);
    assertEquals(StreamStats.Outcome.COMPLETED, stats.outcome());
    assertEquals(3, stats.tokenEvents(), "the empty value carries no token");
    assertEquals(OptionalLong.of(7), stats.inputTokens());
    assertEquals(OptionalLong.of(4), stats.outputTokens());
    assertEquals(Map.of(Diagnostic.IGNORED_EVENT, 1), stats.diagnostics());
    assertEquals(BODY.length(), stats.bytes());
    assertTrue(stats.firstTokenTime().isPresent());
    assertTrue(stats.maxTokenGap().isPresent());
    assertTrue(stats.meanTokenGap().isPresent());
  }

  @Test
  void closingTheClientCompletesItsOpenStreamsWithWhatArrived() throws Exception {
    server.on("/held", req -> eventStream(req).write("data: a\n\n")); // and never ends
    CompletableFuture<String> first = new CompletableFuture<>();
    BindingStreamCall<String, List<String>, Void> call = call(observer(), "/held");
    call.valueHandler(first::complete);
    Future<List<String>> result = call.result();
    assertEquals("A", first.get(5, TimeUnit.SECONDS));

    client.closeAsync().await(5, TimeUnit.SECONDS);
    assertEquals(List.of("A"), result.await(5, TimeUnit.SECONDS));
    assertEquals(StreamStats.Outcome.CANCELLED, ended.get(0).outcome());
    assertTrue(client.sse().isClosed(), "the transport is closed too");
  }

  @Test
  void aClientOnTheCallersVertxNeedsOne() {
    NullPointerException missing = assertThrows(NullPointerException.class, () -> BindingClient.onVertx(null));
    assertEquals("vertx", missing.getMessage());
  }

  /** Counts the token callbacks, keeps the figures at the end. */
  private SseObserver observer() {
    return new SseObserver() {
      @Override
      public void onFirstToken(ObservedStream stream, Duration sinceStart) {
        tokenCallbacks.incrementAndGet();
      }

      @Override
      public void onTokenGap(ObservedStream stream, Duration gap) {
        tokenCallbacks.incrementAndGet();
      }

      @Override
      public void onEnd(StreamStats stats) {
        ended.add(stats);
      }
    };
  }

  /** Runs the stream to its end on a client with {@code observer}: its result. */
  private List<String> run(SseObserver observer) throws Exception {
    return call(observer, "/stream").result().await(5, TimeUnit.SECONDS);
  }

  /** A call of {@code path} on a new client with {@code observer}. */
  private BindingStreamCall<String, List<String>, Void> call(SseObserver observer, String path) {
    client = new BindingClient(BindingClient.onVertx(vertx), new SseClientOptions().setObserver(observer),
        1 << 20) {};
    SseRequest request = SseRequest.post(server.url(path)).body("{}").reconnect(false).build();
    ResultWiring<String, List<String>> wiring = new ResultWiring<>(
        ResultWiring.observed(request, "toy", "chat", "m"),
        value -> {
          isTokenCalls.incrementAndGet();
          onEventLoop.add(Context.isOnEventLoopThread());
          return !value.isEmpty();
        },
        (result, metadata) -> result,
        result -> {
          usageCalls.incrementAndGet();
          return new OptionalLong[] {OptionalLong.of(7), OptionalLong.of(result.size())};
        });
    return new BindingStreamCall<>(client, request, new UpperCaseProtocol(), StrictMode.Refusal::new, value -> false,
        none -> new Collect(), null, wiring, status -> status);
  }

  /** The values, in order. */
  private static final class Collect implements StreamAccumulator<String, List<String>> {
    private final Diagnostics diagnostics = new Diagnostics();
    private final List<String> values = new ArrayList<>();

    @Override
    public void onValue(String value) {
      values.add(value);
    }

    @Override
    public void onDiagnostic(Diagnostic diagnostic) {
      diagnostics.record(diagnostic);
    }

    @Override
    public void onError(SseException error) {
      values.add("error: " + error.getMessage());
    }

    @Override
    public void onFoundDiagnostic(Consumer<Diagnostic> observer) {
      // finds none itself
    }

    @Override
    public Diagnostics diagnostics() {
      return diagnostics;
    }

    @Override
    public List<String> finish() {
      return List.copyOf(values);
    }

    @Override
    public List<String> finish(SseException failure) {
      onError(failure);
      return finish();
    }
  }
}
