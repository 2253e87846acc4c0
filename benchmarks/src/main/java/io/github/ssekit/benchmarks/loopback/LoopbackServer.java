package io.github.ssekit.benchmarks.loopback;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The SSE server of workload 6, a process of its own, on 127.0.0.1 only: {@code /rate?per=N} sends each stream N
 * events a second (10 by default; streams are spread over the slots of a {@value #TICK_MS} ms tick, so that the
 * load is even); {@code /flood} writes as fast as each connection drains; {@code /idle} sends a comment and then
 * nothing. Each event's data starts with {@code {"t":} and the server's {@link System#nanoTime()} at the write,
 * then a Chat Completions chunk (about 200 bytes in all). Usage: {@code LoopbackServer PORT_FILE [EVENT_LOOPS]};
 * it writes its port to PORT_FILE and runs until killed, or for at most an hour.
 */
public final class LoopbackServer {
  static final int TICK_MS = 5;
  private static final String CHUNK = ",\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion.chunk\","
      + "\"created\":1741569952,\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"delta\":"
      + "{\"content\":\" token\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n";

  private LoopbackServer() {}

  public static void main(String[] args) throws Exception {
    Path portFile = Path.of(args[0]);
    int loops = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
    // All instances listen on one port (Vert.x balances its connections over them): a free one, found first.
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    int chosen = port;
    String first = vertx.deployVerticle(() -> new Streams(chosen), new DeploymentOptions().setInstances(loops))
        .await();
    Files.writeString(portFile, Integer.toString(port));
    System.out.println("loopback server on 127.0.0.1:" + port + " (" + first + ", " + loops + " event loops)");
    Thread.sleep(TimeUnit.HOURS.toMillis(1)); // bounded: the benchmark kills it long before
    vertx.close().await();
  }

  static Buffer event(long seq) {
    return Buffer.buffer("data: {\"t\":" + System.nanoTime() + ",\"seq\":" + seq + CHUNK);
  }

  /** One event loop's share of the connections. */
  static final class Streams extends AbstractVerticle {
    private final int port;
    /** Per rate (events a second per stream): one list of connections per tick slot of its period. */
    private final Map<Integer, List<List<HttpServerResponse>>> schedules = new HashMap<>();
    private final Map<Integer, Integer> nextSlot = new HashMap<>();
    private long tick;
    private long seq;

    Streams(int port) {
      this.port = port;
    }

    @Override
    public void start(Promise<Void> started) {
      HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port)
              .setTcpNoDelay(true))
          .requestHandler(this::handle);
      server.listen().<Void>mapEmpty().onComplete(started);
      vertx.setPeriodic(TICK_MS, t -> {
        long now = tick++;
        for (List<List<HttpServerResponse>> slots : schedules.values()) {
          List<HttpServerResponse> due = slots.get((int) (now % slots.size()));
          for (int i = 0; i < due.size(); i++) {
            HttpServerResponse response = due.get(i);
            if (!response.writeQueueFull()) {
              response.write(event(seq++));
            }
          }
        }
      });
    }

    private void handle(HttpServerRequest request) {
      HttpServerResponse response = request.response()
          .setChunked(true)
          .putHeader("Content-Type", "text/event-stream")
          .putHeader("Cache-Control", "no-cache");
      response.write(":\n\n"); // sends the headers now
      switch (request.path()) {
        case "/rate" -> {
          String per = request.getParam("per");
          int rate = per == null ? 10 : Math.max(1, Math.min(200, Integer.parseInt(per)));
          List<List<HttpServerResponse>> slots = schedules.computeIfAbsent(rate, r -> {
            List<List<HttpServerResponse>> list = new ArrayList<>();
            for (int i = 0; i < Math.max(1, 1000 / r / TICK_MS); i++) {
              list.add(new ArrayList<>());
            }
            return list;
          });
          int next = nextSlot.merge(rate, 1, Integer::sum);
          List<HttpServerResponse> slot = slots.get(next % slots.size());
          slot.add(response);
          response.closeHandler(v -> slot.remove(response));
        }
        case "/flood" -> flood(response);
        default -> { } // /idle: nothing more
      }
    }

    /**
     * Writes until the connection's queue is full, then again when it drains; at most 256 events per turn of the
     * event loop, so that a connection that closed meanwhile (whose writes fail without filling the queue) is
     * noticed at the next turn.
     */
    private void flood(HttpServerResponse response) {
      Runnable[] fill = new Runnable[1];
      fill[0] = () -> {
        int n = 0;
        while (!response.closed() && !response.writeQueueFull() && n++ < 256) {
          response.write(event(seq++));
        }
        if (response.closed()) {
          return;
        }
        if (response.writeQueueFull()) {
          response.drainHandler(v -> fill[0].run());
        } else {
          vertx.runOnContext(v -> fill[0].run());
        }
      };
      fill[0].run();
    }
  }
}
