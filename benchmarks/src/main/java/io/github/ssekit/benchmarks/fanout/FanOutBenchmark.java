package io.github.ssekit.benchmarks.fanout;

import com.sun.management.OperatingSystemMXBean;
import io.github.ssekit.client.opencode.OpenCodeClientOptions;
import io.github.ssekit.relay.ChatRelay;
import io.github.ssekit.relay.ChatRelayOptions;
import io.github.ssekit.sse.SseParser;
import io.github.ssekit.testkit.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One upstream fanned out to many browsers: a scripted OpenCode server streams a turn's deltas at a fixed rate, the
 * chat relay relays them to {@code clients} SSE connections on loopback, spread over the nodes. Scenarios: one node
 * in memory (the default relay), one node on Redis Streams, three nodes on Redis Streams (Debian's
 * {@code redis-server}). Each delta carries its send time ({@code System.nanoTime}, one JVM), so each delivery's
 * added latency is measured; CPU per delivered event is this JVM's CPU time plus Redis's, over the turn, divided by
 * the deliveries. Not JMH: a run is a few seconds per scenario; on a shared machine compare the ratios.
 *
 * <p>{@code java -cp benchmarks.jar io.github.ssekit.benchmarks.fanout.FanOutBenchmark [clients] [events] [rate]}
 */
public final class FanOutBenchmark {
  private FanOutBenchmark() {}

  /** Runs the three scenarios and prints one JSON line each. */
  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int events = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int rate = args.length > 2 ? Integer.parseInt(args[2]) : 50;
    Path work = Files.createTempDirectory("ssekit-fanout");
    try (RedisServer redis = RedisServer.start(work.resolve("redis"))) {
      for (String scenario : List.of("memory-1", "redis-1", "redis-3")) {
        System.out.println(run(scenario, clients, events, rate, redis).encode());
      }
    }
  }

  static JsonObject run(String scenario, int clients, int events, int rate, RedisServer redis) throws Exception {
    boolean shared = scenario.startsWith("redis");
    int nodeCount = Integer.parseInt(scenario.substring(scenario.indexOf('-') + 1));
    Vertx upstreamVertx = Vertx.vertx();
    Vertx clientVertx = Vertx.vertx();
    List<Vertx> nodeVertx = new ArrayList<>();
    List<ChatRelay> nodes = new ArrayList<>();
    ScriptedUpstream upstream = new ScriptedUpstream(upstreamVertx, "ses_bench" + scenario.replace("-", ""));
    try {
      for (int i = 0; i < nodeCount; i++) {
        Vertx v = Vertx.vertx();
        nodeVertx.add(v);
        ChatRelayOptions options = new ChatRelayOptions(new OpenCodeClientOptions(upstream.url())).setPort(0)
            .setMaxBrowsers(clients + 10).setRedisStreamEntries(10_000);
        if (shared) {
          options.setRedis(redis.uri());
        }
        nodes.add(await(ChatRelay.start(v, options)));
      }
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      String session = new JsonObject(http.send(HttpRequest.newBuilder(URI.create(nodes.get(0).url() + "api/session"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
          HttpResponse.BodyHandlers.ofString()).body()).getString("session");

      long[] latencies = new long[clients * (events + 10)];
      AtomicInteger samples = new AtomicInteger();
      AtomicInteger ready = new AtomicInteger();
      AtomicLong delivered = new AtomicLong();
      HttpClient client = clientVertx.createHttpClient(new HttpClientOptions(),
          new PoolOptions().setHttp1MaxSize(clients + 10));
      for (int i = 0; i < clients; i++) {
        ChatRelay node = nodes.get(i % nodeCount);
        SseParser parser = SseParser.create(e -> {
          if (e.type().equals("snapshot")) {
            ready.incrementAndGet();
          } else if (e.type().equals("delta")) {
            String text = new JsonObject(e.data()).getString("text");
            long sent = Long.parseLong(text.trim());
            int at = samples.getAndIncrement();
            if (at < latencies.length) {
              latencies[at] = System.nanoTime() - sent;
            }
            delivered.incrementAndGet();
          }
        });
        client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(node.port())
            .setURI("/api/events?session=" + session)).compose(r -> r.send())
            .onSuccess(r -> r.handler(b -> parser.feed(b.getBytes())));
      }
      waitUntil(() -> ready.get() == clients, Duration.ofSeconds(60), () -> ready.get() + " of " + clients + " snapshots");
      HttpResponse<String> prompt = http.send(HttpRequest.newBuilder(URI.create(nodes.get(0).url() + "api/prompt"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
              new JsonObject().put("session", session).put("text", "go").encode())).build(),
          HttpResponse.BodyHandlers.ofString());
      if (prompt.statusCode() != 202) {
        throw new IllegalStateException("prompt refused: " + prompt.body());
      }
      waitUntil(() -> upstream.prompts.get() == 1, Duration.ofSeconds(30), "the prompt");
      upstream.startTurn(session);
      Thread.sleep(500); // the driver adopts / starts the turn
      OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long cpuBefore = os.getProcessCpuTime() + redisCpuNanos();
      long wallBefore = System.nanoTime();
      long interval = TimeUnit.SECONDS.toNanos(1) / rate;
      for (int i = 0; i < events; i++) {
        long due = wallBefore + i * interval;
        while (System.nanoTime() < due) {
          Thread.onSpinWait();
        }
        upstream.delta(session, System.nanoTime() + " ");
      }
      long expected = (long) clients * events;
      waitUntil(() -> delivered.get() >= expected, Duration.ofSeconds(120), "every delivery");
      long cpu = os.getProcessCpuTime() + redisCpuNanos() - cpuBefore;
      long wall = System.nanoTime() - wallBefore;
      int n = Math.min(samples.get(), latencies.length);
      long[] sorted = Arrays.copyOf(latencies, n);
      Arrays.sort(sorted);
      return new JsonObject().put("scenario", scenario).put("nodes", nodeCount).put("clients", clients)
          .put("events", events).put("rate", rate).put("delivered", delivered.get())
          .put("p50Micros", sorted[n / 2] / 1000).put("p99Micros", sorted[(int) (n * 0.99)] / 1000)
          .put("cpuMicrosPerDelivery", cpu / 1000.0 / delivered.get()).put("wallMillis", wall / 1_000_000)
          .put("loadAverage", os.getSystemLoadAverage());
    } finally {
      for (ChatRelay node : nodes) {
        await(node.close());
      }
      for (Vertx v : nodeVertx) {
        await(v.close());
      }
      await(clientVertx.close());
      upstream.close();
      await(upstreamVertx.close());
    }
  }

  /** The CPU time of the redis-server this JVM started (its child), or 0. */
  static long redisCpuNanos() {
    return ProcessHandle.current().children()
        .filter(p -> p.info().command().map(c -> c.endsWith("redis-server")).orElse(false))
        .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  static void waitUntil(java.util.function.BooleanSupplier condition, Duration within, String what)
      throws InterruptedException {
    waitUntil(condition, within, () -> what);
  }

  static void waitUntil(java.util.function.BooleanSupplier condition, Duration within,
      java.util.function.Supplier<String> what) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting for " + what.get());
      }
      Thread.sleep(5);
    }
  }

  /** The OpenCode endpoints the relay uses, scripted: a session, its prompt, its turn's events. */
  static final class ScriptedUpstream {
    final HttpServer server;
    final List<HttpServerResponse> streams = new CopyOnWriteArrayList<>();
    final AtomicInteger prompts = new AtomicInteger();
    private final Vertx vertx;
    private final String id;

    ScriptedUpstream(Vertx vertx, String id) throws Exception {
      this.vertx = vertx;
      this.id = id;
      server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
          .requestHandler(req -> req.body().onSuccess(body -> {
            HttpServerResponse resp = req.response();
            String path = req.path();
            if (path.equals("/event")) {
              resp.setChunked(true).putHeader("content-type", "text/event-stream");
              resp.write("data: " + event("server.connected", new JsonObject()) + "\n\n");
              streams.add(resp);
              resp.closeHandler(v -> streams.remove(resp));
            } else if (path.equals("/session") && req.method() == HttpMethod.POST) {
              json(resp, new JsonObject().put("id", id).put("directory", "/tmp/bench").encode());
            } else if (path.equals("/session/status")) {
              json(resp, new JsonObject().put(id, new JsonObject().put("type", "busy")).encode());
            } else if (path.matches("/session/[^/]+") && req.method() == HttpMethod.GET) {
              json(resp, new JsonObject().put("id", id).put("directory", "/tmp/bench").encode());
            } else if (path.matches("/session/[^/]+/message")) {
              json(resp, "[]");
            } else if (path.endsWith("/prompt_async")) {
              prompts.incrementAndGet();
              resp.setStatusCode(204).end();
            } else if (path.equals("/config/providers")) {
              json(resp, "{\"providers\":[]}");
            } else {
              resp.setStatusCode(404).end("{}");
            }
          }));
      server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    String url() {
      return "http://127.0.0.1:" + server.actualPort();
    }

    void startTurn(String session) {
      JsonObject info = new JsonObject().put("id", "msg_a").put("sessionID", session).put("role", "assistant");
      emit("session.status", new JsonObject().put("sessionID", session)
          .put("status", new JsonObject().put("type", "busy")));
      emit("message.updated", new JsonObject().put("sessionID", session).put("info", info));
      emit("message.part.updated", new JsonObject().put("sessionID", session).put("part", new JsonObject()
          .put("id", "prt_1").put("messageID", "msg_a").put("sessionID", session).put("type", "text")
          .put("text", "")));
    }

    void delta(String session, String text) {
      emit("message.part.delta", new JsonObject().put("sessionID", session).put("messageID", "msg_a")
          .put("partID", "prt_1").put("field", "text").put("delta", text));
    }

    void emit(String type, JsonObject properties) {
      String frame = "data: " + event(type, properties) + "\n\n";
      vertx.runOnContext(v -> streams.forEach(s -> s.write(frame)));
    }

    static String event(String type, JsonObject properties) {
      return new JsonObject().put("type", type).put("properties", properties).encode();
    }

    static void json(HttpServerResponse resp, String body) {
      resp.putHeader("content-type", "application/json").end(body);
    }

    void close() throws Exception {
      server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
