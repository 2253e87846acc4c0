package io.github.ssekit.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.ssekit.client.internal.StreamProbe;
import io.github.ssekit.client.testing.FaultServer;
import io.github.ssekit.client.testing.Sink;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseEventTooLargeException;
import io.github.ssekit.sse.SseException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault suite: one scripted server per fault (a row of {@link #faults()}), each run against a fresh client and
 * Vert.x instance, and each checked for the same five things:
 *
 * <ol>
 *   <li>the documented outcome: the stream ends, the stream fails, or {@code connect} fails, with its error type
 *       (and the reconnections and warnings on the way);
 *   <li>every event the server completed is delivered exactly once, in order: the delivered list equals the list
 *       of complete events the script sent (before the fault, and after each resumption with
 *       {@code Last-Event-ID}), and nothing else;
 *   <li>no connection leak: the client's only pool slot ({@code maxConnectionsPerEndpoint = 1}) serves a probe
 *       stream after the fault, no stream stays registered, and once the client is closed the server counts no
 *       open connection;
 *   <li>no thread leak: no Vert.x thread started for the case outlives closing the client and its Vert.x;
 *   <li>bounded memory: oversized events and endless lines hit {@code maxEventBytes} (a warning, then the next event
 *       is delivered), error bodies stop at {@code maxErrorBodyBytes}, and a slow consumer never has more than
 *       {@code maxPendingEvents} plus one chunk's events waiting.
 * </ol>
 *
 * <p>Every wait is bounded (a generous {@link #WAIT_SECONDS}, and a timeout per case); nothing asserts speed.
 */
class FaultToleranceTest {

  private static final long WAIT_SECONDS = 30;
  /** Idle timeout of the cases that stall: long enough not to fire spuriously on a loaded CI machine. */
  private static final Duration STALL_IDLE = Duration.ofMillis(800);
  private static final int MIB = 1024 * 1024;
  private static final int MAX_PENDING = 16;

  // ---- the table ---------------------------------------------------------------------------------------------

  static Stream<Fault> faults() {
    return Stream.of(
        // -- connections that break
        fault("TCP reset mid-event, resumed with Last-Event-ID")
            .scripts(
                (rq, ex) -> {
                  ex.streamHead();
                  ex.chunk(e(1, "a") + e(2, "b") + "id: 3\ndata: cut o");
                  ex.reset();
                },
                resumeAfter("2", e(3, "c")))
            .endsWith(ev(1, "a"), ev(2, "b"), ev(3, "c"))
            .lastEventIds(null, "2", "3")
            .reconnectCauses(SseConnectionException.class, null),
        fault("TCP reset mid-event of a POST stream, which is not resumed")
            .post()
            .scripts((rq, ex) -> {
              ex.streamHead();
              ex.chunk(e(1, "a") + e(2, "b") + "id: 3\ndata: cut o");
              ex.reset();
            })
            .failsWith(SseConnectionException.class, ev(1, "a"), ev(2, "b"))
            .lastEventIds((String) null),
        fault("connection closed mid-event without the last chunk")
            .scripts(
                (rq, ex) -> {
                  ex.streamHead();
                  ex.chunk(e(1, "a") + "data: cut");
                  ex.close();
                },
                resumeAfter("1", e(2, "b")))
            .endsWith(ev(1, "a"), ev(2, "b"))
            .lastEventIds(null, "1", "2"),
        fault("TCP reset before the response head")
            .scripts((rq, ex) -> ex.reset())
            .refusedWith(SseConnectionException.class),
        fault("HTTP/1.0 body delimited by the connection close")
            .scripts(
                (rq, ex) -> {
                  ex.raw("HTTP/1.0 200 OK\r\nContent-Type: text/event-stream\r\n\r\n" + e(1, "a") + "data: cut");
                  ex.close();
                },
                resumeAfter("1", e(2, "b")))
            .endsWith(ev(1, "a"), ev(2, "b"))
            .lastEventIds(null, "1", "2")
            .reconnectCauses(null, null),
        fault("Content-Length body that ends mid-event")
            .scripts(
                (rq, ex) -> {
                  byte[] body = (e(1, "a") + "id: 2\ndata: cut").getBytes(UTF_8);
                  ex.head(200, "Content-Type: text/event-stream", "Content-Length: " + body.length);
                  ex.raw(body);
                },
                resumeAfter("1", e(2, "b")))
            .endsWith(ev(1, "a"), ev(2, "b"))
            .lastEventIds(null, "1", "2"),
        fault("server gone for good after the stream started")
            .options(o -> o.setMaxReconnectAttempts(3))
            .scripts((rq, ex) -> {
              ex.streamHead();
              ex.chunk(e(1, "a") + e(2, "b"));
              ex.server().stopListening();
              ex.endChunks();
              ex.close();
            })
            .failsWith(SseConnectionException.class, ev(1, "a"), ev(2, "b"))
            .reconnectCauses(null, SseConnectionException.class, SseConnectionException.class)
            .noProbe(),

        // -- servers that stop talking
        fault("server stalls mid-stream: idle timeout, then resumed")
            .options(o -> o.setIdleTimeout(STALL_IDLE))
            .scripts(
                (rq, ex) -> {
                  ex.streamHead();
                  ex.chunk(e(1, "a") + e(2, "b") + "data: never finished");
                  ex.stall();
                },
                resumeAfter("2", e(3, "c")))
            .endsWith(ev(1, "a"), ev(2, "b"), ev(3, "c"))
            .lastEventIds(null, "2", "3")
            .reconnectCauses(SseIdleTimeoutException.class, null),
        fault("server stalls mid-stream of a POST stream")
            .post()
            .options(o -> o.setIdleTimeout(STALL_IDLE))
            .scripts((rq, ex) -> {
              ex.streamHead();
              ex.chunk(e(1, "a"));
              ex.stall();
            })
            .failsWith(SseIdleTimeoutException.class, ev(1, "a")),
        fault("half-open: the request is read, no response head ever comes")
            .options(o -> o.setIdleTimeout(STALL_IDLE))
            .scripts((rq, ex) -> ex.stall())
            .refusedWith(SseIdleTimeoutException.class),
        fault("half-open: the server never accepts the connection")
            .options(o -> o.setIdleTimeout(STALL_IDLE))
            .notAccepting()
            .scripts((rq, ex) -> ex.stall())
            .refusedWith(SseIdleTimeoutException.class),
        fault("half-closed: the server sends FIN mid-event and keeps its side open")
            .scripts(
                (rq, ex) -> {
                  ex.streamHead();
                  ex.chunk(e(1, "a") + "data: cut");
                  ex.shutdownOutput();
                },
                resumeAfter("1", e(2, "b")))
            .endsWith(ev(1, "a"), ev(2, "b"))
            .lastEventIds(null, "1", "2"),
        fault("error status, then a body that stalls")
            .options(o -> o.setIdleTimeout(STALL_IDLE))
            .scripts((rq, ex) -> {
              ex.head(503, "Content-Type: text/plain", "Transfer-Encoding: chunked");
              ex.chunk("overloaded, come ba");
              ex.stall();
            })
            .refusedWith(HttpStatusException.class)
            .check(run -> {
              HttpStatusException e = (HttpStatusException) run.failure;
              assertEquals(503, e.status());
              assertEquals("overloaded, come ba", e.body());
            }),

        // -- load
        fault("slow consumer of 20 000 events")
            .options(o -> o.setMaxPendingEvents(MAX_PENDING))
            .slowConsumer()
            .scripts((rq, ex) -> {
              ex.streamHead();
              for (int i = 0; i < 20_000; i += 100) {
                StringBuilder batch = new StringBuilder();
                for (int j = i; j < i + 100; j++) {
                  batch.append(e(j, "x".repeat(150)));
                }
                ex.chunk(batch.toString());
              }
              ex.endChunks();
            })
            .endsWith(IntStream.range(0, 20_000).mapToObj(i -> ev(i, "x".repeat(150))).toList())
            .check(run -> assertTrue(run.maxPending <= MAX_PENDING + 8192 / 160 + 1,
                "at most maxPendingEvents plus one chunk's events wait: " + run.maxPending)),
        fault("burst of 100 000 events in one write")
            .scripts((rq, ex) -> {
              ex.streamHead();
              StringBuilder all = new StringBuilder();
              for (int i = 0; i < 100_000; i++) {
                all.append(e(i, "e" + i));
              }
              ex.chunk(all.toString());
              ex.endChunks();
            })
            .endsWith(IntStream.range(0, 100_000).mapToObj(i -> ev(i, "e" + i)).toList()),

        // -- inputs that grow
        fault("5 MB event over a 1 MiB limit: dropped, then the stream goes on")
            .options(o -> o.setMaxEventBytes(MIB))
            .scripts(
                (rq, ex) -> {
                  ex.streamHead();
                  ex.chunk(e(1, "a") + "id: 2\ndata: ");
                  writeRepeated(ex, "x", 5_000_000);
                  ex.chunk("\n\n" + e(3, "c"));
                  ex.endChunks();
                },
                resumeAfter("3"))
            .endsWith(ev(1, "a"), ev(3, "c"))
            .lastEventIds(null, "3", "3")
            .warnings(SseEventTooLargeException.class),
        fault("never a blank line: 4 MiB of data lines over a 1 MiB limit")
            .options(o -> o.setMaxEventBytes(MIB))
            .scripts(
                (rq, ex) -> {
                  ex.streamHead();
                  ex.chunk(e(1, "a"));
                  writeRepeated(ex, "data: 0123456789abcdef0123456789abcdef0123456789abcdef0123456789\n", 4 * MIB);
                  ex.endChunks();
                },
                resumeAfter("1", e(2, "b")))
            .endsWith(ev(1, "a"), ev(2, "b"))
            .lastEventIds(null, "1", "2")
            .warnings(SseEventTooLargeException.class),
        fault("never a line end: one 4 MiB data line over a 1 MiB limit")
            .options(o -> o.setMaxEventBytes(MIB))
            .scripts(
                (rq, ex) -> {
                  ex.streamHead();
                  ex.chunk(e(1, "a") + "data: ");
                  writeRepeated(ex, "y", 4 * MIB);
                  ex.close();
                },
                resumeAfter("1", e(2, "b")))
            .endsWith(ev(1, "a"), ev(2, "b"))
            .lastEventIds(null, "1", "2")
            .warnings(SseEventTooLargeException.class),
        fault("a 4 MiB comment line: never buffered")
            .scripts((rq, ex) -> {
              ex.streamHead();
              ex.chunk(e(1, "a") + ":");
              writeRepeated(ex, "z", 4 * MIB);
              ex.chunk("\n" + e(2, "b"));
              ex.endChunks();
            })
            .endsWith(ev(1, "a"), ev(2, "b")),
        fault("endless error body: cut at maxErrorBodyBytes, connection closed")
            .options(o -> o.setMaxErrorBodyBytes(4096))
            .scripts((rq, ex) -> {
              ex.head(500, "Content-Type: text/plain", "Transfer-Encoding: chunked");
              for (int i = 0; i < 100_000; i++) { // 800 MB if nobody stops it: the client resets first
                ex.chunk("e".repeat(8192));
              }
              ex.endChunks();
            })
            .refusedWith(HttpStatusException.class)
            .check(run -> {
              HttpStatusException e = (HttpStatusException) run.failure;
              assertEquals(4096, e.bodyBytes().length);
              assertTrue(e.bodyTruncated());
            }),
        fault("response head larger than Vert.x's 8 KiB header limit")
            .scripts((rq, ex) -> {
              ex.head(200, "Content-Type: text/event-stream", "X-Huge: " + "h".repeat(64 * 1024),
                  "Transfer-Encoding: chunked");
              ex.chunk(e(1, "a"));
              ex.endChunks();
            })
            .refusedWith(SseConnectionException.class),
        fault("absurd retry value: capped by maxReconnectDelay")
            .options(o -> o.setMaxReconnectDelay(Duration.ofMillis(50)))
            .scripts(
                (rq, ex) -> {
                  ex.streamHead();
                  ex.chunk("retry: 99999999999999999999999\n" + e(1, "a"));
                  ex.endChunks();
                },
                resumeAfter("1", e(2, "b")))
            .endsWith(ev(1, "a"), ev(2, "b"))
            .check(run -> run.reconnects.forEach(r -> assertEquals(Duration.ofMillis(50), r.delay(), r.toString()))),

        // -- redirects
        fault("redirect loop at connect")
            .options(o -> o.setMaxRedirects(5))
            .otherRequests((rq, ex) -> ex.head(302, "Location: /loop", "Content-Length: 0"))
            .refusedWith(RedirectException.class)
            .check(run -> assertEquals(6, run.server.requests().size(), "the first request and 5 redirects")),
        fault("redirect loop on reconnection")
            .options(o -> o.setMaxRedirects(3))
            .scripts((rq, ex) -> {
              ex.streamHead();
              ex.chunk(e(1, "a"));
              ex.endChunks();
            })
            .otherRequests((rq, ex) -> ex.head(307, "Location: " + rq.target(), "Content-Length: 0"))
            .failsWith(RedirectException.class, ev(1, "a"))
            .check(run -> assertEquals(1 + 4, run.server.requests().size())),

        // -- garbage
        fault("garbage instead of an HTTP response")
            .scripts((rq, ex) -> {
              ex.raw(garbage(1, 16 * 1024, false));
              ex.close();
            })
            .refusedWith(SseConnectionException.class),
        fault("garbage bytes between events: ignored lines, no event invented")
            .scripts((rq, ex) -> {
              ex.streamHead();
              ex.chunk(e(1, "a"));
              ex.chunk(garbage(2, 64 * 1024, true));
              ex.chunk("\n\n" + e(2, "b"));
              ex.endChunks();
            })
            .endsWith(ev(1, "a"), ev(2, "b")),
        fault("broken chunked framing mid-stream")
            .scripts(
                (rq, ex) -> {
                  ex.streamHead();
                  ex.chunk(e(1, "a"));
                  ex.raw("zz\r\nnot a chunk\r\n");
                  ex.stall();
                },
                resumeAfter("1", e(2, "b")))
            .endsWith(ev(1, "a"), ev(2, "b"))
            .lastEventIds(null, "1", "2")
            .reconnectCauses(SseConnectionException.class, null),
        fault("control characters in an id: not resumable, so the stream ends with an error")
            .scripts((rq, ex) -> {
              ex.streamHead();
              ex.chunk("id: a\u0001b\u000bc\u007f\u00e9\ndata: a\n\n");
              ex.endChunks();
            })
            .failsWith(SseException.class, new SseEvent("message", "a", "a\u0001b\u000bc\u007f\u00e9"))
            .check(run -> {
              assertEquals(SseException.class, run.failure.getClass(), run.failure.toString());
              assertEquals(1, run.server.requests().size(), "no request with a wrong Last-Event-ID, or none");
            }),

        // -- compression nobody asked for
        fault("gzip body without asking: a typed error, not garbage events")
            .scripts((rq, ex) -> {
              ex.streamHead("Content-Encoding: gzip");
              ex.chunk(gzip(e(1, "a") + e(2, "b")));
              ex.endChunks();
            })
            .refusedWith(UnexpectedContentTypeException.class)
            .check(run -> assertEquals("identity", run.server.requests().get(0).header("Accept-Encoding"))),
        fault("gzip body on reconnection: the stream fails with a typed error")
            .scripts(
                (rq, ex) -> {
                  ex.streamHead();
                  ex.chunk(e(1, "a"));
                  ex.endChunks();
                },
                (rq, ex) -> {
                  ex.streamHead("Content-Encoding: gzip");
                  ex.chunk(gzip(e(2, "b")));
                  ex.endChunks();
                })
            .failsWith(UnexpectedContentTypeException.class, ev(1, "a")),
        fault("gzip with decompression turned on: decoded")
            .options(o -> o.setHttpClientOptions(new HttpClientOptions().setDecompressionSupported(true)))
            .scripts((rq, ex) -> {
              ex.streamHead("Content-Encoding: gzip");
              ex.chunk(gzip(e(1, "a") + e(2, "b")));
              ex.endChunks();
            })
            .endsWith(ev(1, "a"), ev(2, "b"))
            .check(run -> assertTrue(run.server.requests().get(0).header("Accept-Encoding").contains("gzip"))),
        fault("a content coding the client cannot decode, with decompression on")
            .options(o -> o.setHttpClientOptions(new HttpClientOptions().setDecompressionSupported(true)))
            .scripts((rq, ex) -> {
              ex.streamHead("Content-Encoding: x-unheard-of");
              ex.chunk(e(1, "a"));
              ex.endChunks();
            })
            .refusedWith(UnexpectedContentTypeException.class),
        fault("gzip bomb (64 MiB event) with decompression turned on: dropped at 1 MiB")
            .options(o -> o.setMaxEventBytes(MIB)
                .setHttpClientOptions(new HttpClientOptions().setDecompressionSupported(true)))
            .scripts(
                (rq, ex) -> {
                  ex.streamHead("Content-Encoding: gzip");
                  byte[] bomb = gzipBomb(e(1, "a") + "data: ", 64 * MIB, "\n\n" + e(3, "c"));
                  for (int i = 0; i < bomb.length; i += 8192) {
                    ex.chunk(Arrays.copyOfRange(bomb, i, Math.min(bomb.length, i + 8192)));
                  }
                  ex.endChunks();
                },
                resumeAfter("3"))
            .endsWith(ev(1, "a"), ev(3, "c"))
            .warnings(SseEventTooLargeException.class)
    );
  }

  // ---- the checks, the same for every row --------------------------------------------------------------------

  @ParameterizedTest(name = "fault {index}: {0}")
  @MethodSource("faults")
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void survives(Fault fault) throws Exception {
    Set<Thread> threadsBefore = vertxThreads();
    Vertx vertx = Vertx.vertx();
    FaultServer server = fault.notAccepting
        ? FaultServer.notAccepting(fault.scripts()) : FaultServer.start(fault.scripts());
    Run run = new Run(server);
    try {
      SseClientOptions options = fault.options.apply(new SseClientOptions()
          .setMaxConnectionsPerEndpoint(1)
          // each fault is one attempt's: retries before acceptance are RetryAndDeadlineTest's
          .setMaxRetries(0)
          .setConnectTimeout(Duration.ofSeconds(WAIT_SECONDS))
          .setIdleTimeout(Duration.ofSeconds(WAIT_SECONDS))
          .setReconnectDelay(Duration.ofMillis(10))
          .setReconnectJitter(0));
      SseClient client = SseClient.create(vertx, options);
      SseRequest request = fault.post
          ? SseRequest.post(server.url("/stream")).body("{}").build()
          : SseRequest.get(server.url("/stream")).build();

      Future<SseStream> connecting = client.connect(request);
      if (fault.outcome == Outcome.REFUSED) {
        run.failure = failureOf(connecting.toCompletionStage().toCompletableFuture());
      } else {
        SseStream stream = connecting.toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        if (fault.slowConsumer) {
          consumeSlowly(stream, run);
        } else {
          consume(stream, run);
        }
      }

      // 1. the documented outcome
      if (fault.outcome == Outcome.ENDS) {
        assertEquals(null, run.failure, "the stream should end normally");
      } else {
        assertInstanceOf(fault.error, run.failure, "outcome");
      }
      if (fault.reconnectCauses != null) {
        assertEquals(fault.reconnectCauses, run.reconnects.stream()
            .map(r -> r.cause().<Class<?>>map(Object::getClass).orElse(null)).toList(), "reconnection causes");
      }
      assertEquals(fault.warnings, run.warnings.stream().<Class<?>>map(Object::getClass).toList(), "warnings");
      // 2. every complete event exactly once, in order; and resumption asked for the right place
      assertEquals(fault.events.size(), run.events.size(), "number of events delivered");
      assertTrue(fault.events.equals(run.events), () -> "events differ, first at "
          + IntStream.range(0, fault.events.size()).filter(i -> !fault.events.get(i).equals(run.events.get(i)))
          .findFirst().orElse(-1));
      if (fault.lastEventIds != null) {
        assertEquals(fault.lastEventIds, server.requests().stream().map(r -> r.header("Last-Event-ID")).toList(),
            "Last-Event-ID of each request");
      }
      if (fault.check != null) {
        fault.check.accept(run);
      }
      // 3. no connection leak: nothing registered, and the only pool slot is free again
      assertEquals(0, StreamProbe.openStreams(client), "streams still registered");
      if (fault.notAccepting) {
        server.startAccepting();
      }
      if (fault.probe) {
        SseStream probe = client.connect(SseRequest.get(server.url("/probe")).reconnect(false).build())
            .toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        Sink sink = Sink.attach(probe);
        sink.done.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(List.of("probe"), sink.data(), "the pool slot serves a new stream");
      }
      client.closeAsync().toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
      assertTrue(server.awaitNoOpenConnections(WAIT_SECONDS, TimeUnit.SECONDS),
          "connections still open at the server after the client closed: " + server.openConnections());
      assertEquals(List.of(), server.scriptErrors(), "the script itself failed");
    } finally {
      server.close();
      vertx.close().toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }
    // 4. no thread leak
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    Set<Thread> left = vertxThreads();
    left.removeAll(threadsBefore);
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
      left.removeIf(t -> !t.isAlive());
    }
    assertEquals(Set.of(), left.stream().map(Thread::getName).collect(Collectors.toSet()), "threads left running");
  }

  /** A consumer that takes events as they come, through the handler. */
  private static void consume(SseStream stream, Run run) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    stream.reconnectHandler(run.reconnects::add)
        .warningHandler(run.warnings::add)
        .endHandler(v -> done.complete(null))
        .exceptionHandler(done::completeExceptionally)
        .handler(run.events::add); // on the stream's event loop only: a plain list is safe
    run.failure = failureOrNull(done);
  }

  /** A consumer on a plain thread, through the blocking iterator, that stops for a moment now and then. */
  private static void consumeSlowly(SseStream stream, Run run) throws Exception {
    stream.reconnectHandler(run.reconnects::add).warningHandler(run.warnings::add);
    try (EventIterator events = stream.iterator()) {
      while (events.hasNext()) {
        run.events.add(events.next());
        if (run.events.size() % 500 == 0) {
          Thread.sleep(5); // the server runs ahead meanwhile, and has to wait for TCP
          run.maxPending = Math.max(run.maxPending, StreamProbe.pendingEvents(stream));
        }
      }
    } catch (SseException e) {
      run.failure = e;
    }
  }

  private static Throwable failureOf(CompletableFuture<?> future) throws Exception {
    Throwable failure = failureOrNull(future);
    if (failure == null) {
      fail("expected a failure, got " + future.get());
    }
    return failure;
  }

  private static Throwable failureOrNull(CompletableFuture<?> future) throws InterruptedException, TimeoutException {
    try {
      future.get(WAIT_SECONDS, TimeUnit.SECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  private static Set<Thread> vertxThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("vert.x-") || t.getName().startsWith("vertx-"))
        .collect(Collectors.toCollection(java.util.HashSet::new));
  }

  // ---- script helpers ----------------------------------------------------------------------------------------

  /** An event with an id, as sent. */
  private static String e(int id, String data) {
    return "id: " + id + "\ndata: " + data + "\n\n";
  }

  private static SseEvent ev(int id, String data) {
    return new SseEvent("message", data, String.valueOf(id));
  }

  /** A resumption: requires {@code Last-Event-ID: id}, then sends the events and ends the body. */
  private static FaultServer.Script resumeAfter(String id, String... events) {
    return (rq, ex) -> {
      assertEquals(id, rq.header("Last-Event-ID"), "a resumption asks for the events after the last one received");
      ex.streamHead();
      for (String event : events) {
        ex.chunk(event);
      }
      ex.endChunks();
    };
  }

  /** {@code unit} repeated to about {@code bytes} bytes, written in chunks of about 64 KiB. */
  private static void writeRepeated(FaultServer.Exchange ex, String unit, int bytes) throws IOException {
    String block = unit.repeat(Math.max(1, 65536 / unit.length()));
    int blockBytes = block.getBytes(UTF_8).length;
    for (int written = 0; written < bytes; written += blockBytes) {
      ex.chunk(block);
    }
  }

  /**
   * Seeded random bytes. With {@code inBody}, only control and non-ASCII bytes (CR, LF and NUL included, but no
   * letter and no colon): every line they form is an unknown field or empty, so a correct parser dispatches nothing.
   */
  private static byte[] garbage(long seed, int length, boolean inBody) {
    Random random = new Random(seed);
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      int b = random.nextInt(inBody ? 160 : 256);
      bytes[i] = (byte) (inBody ? (b < 32 ? b : b + 96) : b);
    }
    if (!inBody) {
      bytes[0] = 0; // never by chance the start of "HTTP/"
    }
    return bytes;
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(text.getBytes(UTF_8));
    }
    return out.toByteArray();
  }

  /** {@code prefix}, {@code zeros} '0' bytes, {@code suffix}, gzipped: a tiny body that inflates enormously. */
  private static byte[] gzipBomb(String prefix, int zeros, String suffix) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out, 65536)) {
      zip.write(prefix.getBytes(UTF_8));
      byte[] block = new byte[65536];
      Arrays.fill(block, (byte) '0');
      for (int i = 0; i < zeros; i += block.length) {
        zip.write(block);
      }
      zip.write(suffix.getBytes(UTF_8));
    }
    return out.toByteArray();
  }

  // ---- the row type ------------------------------------------------------------------------------------------

  private enum Outcome {
    /** The stream ends normally (a 204 after the scripted requests, for a resumable stream). */
    ENDS,
    /** {@code connect} succeeded; the stream then fails with the error. */
    FAILS,
    /** {@code connect} fails with the error: the first connection is never retried. */
    REFUSED
  }

  /** What one case observed. */
  static final class Run {
    final FaultServer server;
    final List<SseEvent> events = new ArrayList<>();
    final List<ReconnectAttempt> reconnects = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<SseException> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
    Throwable failure;
    int maxPending;

    Run(FaultServer server) {
      this.server = server;
    }
  }

  private static Fault fault(String name) {
    return new Fault(name);
  }

  /** One row: a scripted server, a request, and what must come of it. */
  static final class Fault {
    final String name;
    List<FaultServer.Script> scripts = List.of();
    FaultServer.Script otherRequests;
    boolean post;
    boolean notAccepting;
    boolean slowConsumer;
    boolean probe = true;
    UnaryOperator<SseClientOptions> options = o -> o;
    Outcome outcome;
    Class<? extends Throwable> error;
    List<SseEvent> events = List.of();
    List<String> lastEventIds;
    List<Class<?>> reconnectCauses;
    List<Class<?>> warnings = List.of();
    Consumer<Run> check;

    Fault(String name) {
      this.name = name;
    }

    /** The scripts, with {@link #otherRequests} (or 204) for the requests after them, up to a few hundred. */
    List<FaultServer.Script> scripts() {
      List<FaultServer.Script> all = new ArrayList<>(scripts);
      if (otherRequests != null) {
        while (all.size() < 500) {
          all.add(otherRequests);
        }
      }
      return all;
    }

    Fault scripts(FaultServer.Script... scripts) {
      this.scripts = List.of(scripts);
      return this;
    }

    Fault otherRequests(FaultServer.Script script) {
      this.otherRequests = script;
      return this;
    }

    Fault post() {
      this.post = true;
      return this;
    }

    Fault notAccepting() {
      this.notAccepting = true;
      return this;
    }

    Fault slowConsumer() {
      this.slowConsumer = true;
      return this;
    }

    Fault noProbe() {
      this.probe = false;
      return this;
    }

    Fault options(UnaryOperator<SseClientOptions> options) {
      this.options = options;
      return this;
    }

    Fault endsWith(SseEvent... events) {
      return endsWith(List.of(events));
    }

    Fault endsWith(List<SseEvent> events) {
      this.outcome = Outcome.ENDS;
      this.events = events;
      return this;
    }

    Fault failsWith(Class<? extends Throwable> error, SseEvent... events) {
      this.outcome = Outcome.FAILS;
      this.error = error;
      this.events = List.of(events);
      return this;
    }

    Fault refusedWith(Class<? extends Throwable> error) {
      this.outcome = Outcome.REFUSED;
      this.error = error;
      return this;
    }

    /** The {@code Last-Event-ID} of each scripted request, null for none. */
    Fault lastEventIds(String... ids) {
      this.lastEventIds = Arrays.asList(ids);
      return this;
    }

    /** The cause of each reconnection, null for a body that ended. */
    Fault reconnectCauses(Class<?>... causes) {
      this.reconnectCauses = Arrays.asList(causes);
      return this;
    }

    Fault warnings(Class<?>... warnings) {
      this.warnings = List.of(warnings);
      return this;
    }

    Fault check(Consumer<Run> check) {
      this.check = check;
      return this;
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
