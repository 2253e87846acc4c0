package io.github.ssekit.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The JDK's HTTP server on 127.0.0.1, serving the harness page, its configuration, each generated stream (in its
 * chunks, each flushed on its own, with a pause between chunks for slow streams) and taking the page's results.
 */
final class HarnessServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PARALLEL = 16;

  private final List<StreamGenerator.Stream> streams;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "differential-http");
    t.setDaemon(true);
    return t;
  });
  private final Map<Integer, JsonNode> results = new ConcurrentHashMap<>();
  private final Map<Integer, Integer> requests = new ConcurrentHashMap<>();
  /** The {@code Last-Event-ID} header of each reconnection, as UTF-8 ("" when absent). */
  private final Map<Integer, String> reconnections = new ConcurrentHashMap<>();
  private final CountDownLatch done;
  private volatile String pageError;

  HarnessServer(List<StreamGenerator.Stream> streams) throws IOException {
    this.streams = streams;
    this.done = new CountDownLatch(streams.size());
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The address of the harness page. */
  String pageUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /** Waits until the page has posted the results of every stream (or failed); false on timeout. */
  boolean await(long timeout, TimeUnit unit) throws InterruptedException {
    return done.await(timeout, unit);
  }

  Map<Integer, JsonNode> results() {
    return results;
  }

  /** The {@code Last-Event-ID} of each stream's reconnection, by stream ("" for none). */
  Map<Integer, String> reconnections() {
    return reconnections;
  }

  /** An error the page reported, if any. */
  String pageError() {
    return pageError;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/")) {
        byte[] page;
        try (InputStream in = HarnessServer.class.getResourceAsStream("harness.html")) {
          page = in.readAllBytes();
        }
        send(exchange, 200, "text/html; charset=utf-8", page);
      } else if (path.equals("/config")) {
        List<Integer> reconnecting = streams.stream().filter(StreamGenerator.Stream::reconnect)
            .map(StreamGenerator.Stream::index).toList();
        byte[] config = JSON.writeValueAsBytes(Map.of("streams", streams.size(), "names", StreamGenerator.NAMES,
            "parallel", PARALLEL, "reconnect", reconnecting));
        send(exchange, 200, "application/json", config);
      } else if (path.startsWith("/stream/")) {
        int index = Integer.parseInt(path.substring("/stream/".length()));
        if (requests.merge(index, 1, Integer::sum) == 1) {
          stream(exchange, streams.get(index));
        } else {
          // The reconnection: note the last event ID the browser sends, and refuse with 204, which stops it for good.
          String header = exchange.getRequestHeaders().getFirst("Last-Event-ID");
          // the JDK's server reads header bytes as ISO-8859-1; the browser sent UTF-8
          reconnections.merge(index, header == null ? "" : new String(header.getBytes(StandardCharsets.ISO_8859_1),
              StandardCharsets.UTF_8), (a, b) -> a + " | " + b);
          send(exchange, 204, null, null);
        }
      } else if (path.startsWith("/result/") && exchange.getRequestMethod().equals("POST")) {
        int index = Integer.parseInt(path.substring("/result/".length()));
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        if (results.putIfAbsent(index, body) == null) {
          done.countDown();
        }
        send(exchange, 204, null, null);
      } else if (path.equals("/log") && exchange.getRequestMethod().equals("POST")) {
        pageError = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        while (done.getCount() > 0) {
          done.countDown();
        }
        send(exchange, 204, null, null);
      } else {
        send(exchange, 404, null, null); // the favicon
      }
    }
  }

  private static void stream(HttpExchange exchange, StreamGenerator.Stream stream) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(200, 0); // chunked: each flush below is one HTTP chunk
    OutputStream body = exchange.getResponseBody();
    for (byte[] chunk : stream.chunks()) {
      body.write(chunk);
      body.flush();
      if (stream.slow()) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // so the browser reads the chunks apart
      }
    }
    body.close();
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    if (type != null) {
      exchange.getResponseHeaders().set("Content-Type", type);
    }
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    if (body == null) {
      exchange.sendResponseHeaders(status, -1);
    } else {
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
