package io.github.ssekit.benchmarks.loopback;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ssekit.client.SseClient;
import io.github.ssekit.client.SseClientOptions;
import io.github.ssekit.client.SseRequest;
import io.github.ssekit.client.SseStream;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseHandler;
import io.github.ssekit.sse.SseParser;
import io.netty.buffer.ByteBuf;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.buffer.BufferInternal;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The client side of workload 6, a process of its own: opens {@code streams} streams to a {@link LoopbackServer}
 * and measures. Modes:
 *
 * <ul>
 *   <li>{@code rate}: every stream gets RATE events/s (default 10); after a warm-up, events/s and the latency from
 *       the server's timestamp (taken just before its write) to the event handler, over {@code seconds}.
 *   <li>{@code flood}: the server writes as fast as the client reads; events/s.
 *   <li>{@code idle}: heap used with the streams open and idle, minus heap used before they opened, each after
 *       full collections, per stream.
 * </ul>
 *
 * <p>{@code impl} is {@code ssekit} (SseClient, the measured stack), {@code vertx-raw} (the same Vert.x
 * HttpClient reading the body with no SSE parsing, only a scan for the timestamps: the transport's own share) or
 * {@code vertx-parser} (that HttpClient with sse-core's parser on each body buffer and none of ssekit's client: run
 * by hand, to tell the parser's share from the client's). All three spread their connections over the client's
 * event loops alike (see {@code onEventLoop}); the system property {@code loopback.clientLoops} sets how many
 * (default 2). Usage: {@code LoopbackClient PORT MODE IMPL STREAMS SECONDS RESULT_JSON [RATE]}. Server and client use
 * {@code System.nanoTime()}, which on Linux is CLOCK_MONOTONIC for every process, so their clocks agree; a negative
 * latency would show they do not, and is reported.
 */
public final class LoopbackClient {
  private static final int BATCH = 250;

  private final LatencyHistogram latencies = new LatencyHistogram();
  private final LongAdder events = new LongAdder();
  private final LongAdder negative = new LongAdder();
  private volatile boolean recording;

  private LoopbackClient() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String mode = args[1];
    String impl = args[2];
    int streams = Integer.parseInt(args[3]);
    int seconds = Integer.parseInt(args[4]);
    Path out = Path.of(args[5]);
    int rate = args.length > 6 ? Integer.parseInt(args[6]) : 10;
    ObjectNode result = new LoopbackClient().run(port, mode, impl, streams, seconds, rate);
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), result);
    System.out.println(result);
    System.exit(0);
  }

  private ObjectNode run(int port, String mode, String impl, int streams, int seconds, int rate) throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Integer.getInteger("loopback.clientLoops", 2)));
    String path = mode.equals("idle") ? "/idle" : mode.equals("flood") ? "/flood" : "/rate?per=" + rate;
    String url = "http://127.0.0.1:" + port + path;
    ObjectNode result = new ObjectMapper().createObjectNode()
        .put("mode", mode).put("impl", impl).put("streams", streams).put("seconds", seconds);
    if (mode.equals("rate")) {
      result.put("ratePerStream", rate);
    }

    long heapBefore = mode.equals("idle") ? usedHeapAfterGc() : 0;
    List<AutoCloseable> open = new ArrayList<>();
    long connectStart = System.nanoTime();
    Opener opener = impl.equals("ssekit") ? ssekitOpener(vertx, url, streams)
        : impl.equals("vertx-parser") ? parserOpener(vertx, url, streams) : rawOpener(vertx, url, streams);
    for (int i = 0; i < streams; i += BATCH) {
      List<Future<AutoCloseable>> batch = new ArrayList<>();
      for (int j = i; j < Math.min(streams, i + BATCH); j++) {
        batch.add(opener.open());
      }
      for (Future<AutoCloseable> f : batch) {
        open.add(f.await());
      }
      if (System.nanoTime() - connectStart > TimeUnit.MINUTES.toNanos(3)) {
        throw new IllegalStateException("opening " + streams + " streams took over 3 minutes");
      }
    }
    result.put("connectSeconds", (System.nanoTime() - connectStart) / 1e9);

    if (mode.equals("idle")) {
      Thread.sleep(1000);
      long heapAfter = usedHeapAfterGc();
      result.put("heapBeforeBytes", heapBefore).put("heapAfterBytes", heapAfter)
          .put("heapPerStreamBytes", (double) (heapAfter - heapBefore) / streams);
    } else {
      Thread.sleep(TimeUnit.SECONDS.toMillis(Math.max(3, seconds / 3))); // warm-up: JIT, connection buffers
      long cpuBefore = processCpuNanos();
      recording = true;
      long start = System.nanoTime();
      Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
      recording = false;
      double elapsed = (System.nanoTime() - start) / 1e9;
      double cpu = (processCpuNanos() - cpuBefore) / 1e9;
      long n = events.sum();
      result.put("events", n).put("eventsPerSecond", n / elapsed)
          .put("offeredEventsPerSecond", mode.equals("rate") ? streams * (double) rate : -1)
          .put("clientCpuSecondsPerSecond", cpu / elapsed);
      if (mode.equals("rate")) {
        result.put("latencyP50Micros", latencies.percentile(0.50))
            .put("latencyP99Micros", latencies.percentile(0.99))
            .put("latencyP999Micros", latencies.percentile(0.999))
            .put("negativeLatencies", negative.sum());
      }
    }
    for (AutoCloseable c : open) {
      c.close();
    }
    vertx.close().await(30, TimeUnit.SECONDS);
    return result;
  }

  /** Opens one stream and resolves once its response is accepted. */
  private interface Opener {
    Future<AutoCloseable> open();
  }

  private Opener ssekitOpener(Vertx vertx, String url, int streams) {
    SseClient client = SseClient.create(vertx, new SseClientOptions()
        .setMaxConnectionsPerEndpoint(streams)
        .setMaxWaitQueueSize(streams)
        .setConnectTimeout(Duration.ofSeconds(60))
        .setIdleTimeout(Duration.ofMinutes(30)));
    SseRequest request = SseRequest.get(url).reconnect(false).build();
    return () -> client.connect(request).map(stream -> {
      stream.handler(this::onEvent);
      return (AutoCloseable) () -> stream.cancel();
    });
  }

  private void onEvent(SseEvent event) {
    if (recording) {
      record(event.data(), 0);
    }
  }

  /** Reads the timestamp after {@code {"t":} at {@code from} and records the latency. */
  private void record(CharSequence data, int from) {
    long now = System.nanoTime();
    long t = 0;
    for (int i = from + 5; i < data.length(); i++) {
      char c = data.charAt(i);
      if (c < '0' || c > '9') {
        break;
      }
      t = t * 10 + (c - '0');
    }
    long micros = (now - t) / 1000;
    if (micros < 0) {
      negative.increment();
    }
    latencies.record(micros);
    events.increment();
  }

  /** The transport alone: Vert.x's HttpClient, each body buffer scanned for {@code {"t":}. */
  private Opener rawOpener(Vertx vertx, String url, int streams) {
    return bareOpener(vertx, url, streams, () -> this::onBuffer);
  }

  /**
   * Vert.x's HttpClient with sse-core's parser on each body buffer and nothing of ssekit's client: where the flood's
   * cost per event sits between the bare client and ssekit's.
   */
  private Opener parserOpener(Vertx vertx, String url, int streams) {
    return bareOpener(vertx, url, streams, () -> {
      SseParser parser = SseParser.builder().handler(new SseHandler() {
        @Override
        public void onEvent(SseEvent event) {
          LoopbackClient.this.onEvent(event);
        }
      }).build();
      return buffer -> {
        ByteBuf bytes = ((BufferInternal) buffer).unwrap();
        parser.feed(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes());
      };
    });
  }

  /** Vert.x's HttpClient alone; each response's body goes to a handler made for it by {@code bodyHandler}. */
  private static Opener bareOpener(Vertx vertx, String url, int streams,
      Supplier<Handler<Buffer>> bodyHandler) {
    HttpClient http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(60_000),
        new PoolOptions().setHttp1MaxSize(streams).setMaxWaitQueueSize(streams));
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url);
    return () -> onEventLoop(vertx, () -> http.request(options)
        .compose(req -> req.send())
        .map((HttpClientResponse response) -> {
          response.handler(bodyHandler.get());
          return (AutoCloseable) () -> response.request().reset();
        }));
  }

  /**
   * Runs {@code open} on a fresh event-loop context, as ssekit's client opens each stream: Vert.x hands these out
   * round robin, so the bare clients' connections spread over the event loops as ssekit's do. Opened from the main
   * thread instead, Vert.x pins them all to one event loop (its sticky loop per non-Vert.x thread), and on two
   * cores shared with the server one busy loop reads more events per wake-up than two: the flood measured the
   * bare client at 2.1 us of CPU per event on one loop against ssekit's 3.0 on two (1.46x), and ssekit at 2.1 to
   * 2.4 us against the bare client's 2.4 to 2.5 when both ran on one loop.
   */
  private static <T> Future<T> onEventLoop(Vertx vertx, Supplier<Future<T>> open) {
    ContextInternal context = ((VertxInternal) vertx).createEventLoopContext();
    Promise<T> promise = context.promise();
    context.runOnContext(v -> open.get().onComplete(promise));
    return promise.future();
  }

  private void onBuffer(Buffer buffer) {
    if (!recording) {
      return;
    }
    String text = buffer.toString();
    int i = 0;
    while ((i = text.indexOf("{\"t\":", i)) >= 0) {
      record(text, i);
      i += 5;
    }
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
  }
}
