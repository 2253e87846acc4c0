package io.github.ssekit.client.internal;

import io.github.ssekit.client.SseClient;
import io.github.ssekit.client.SseClientOptions;
import io.github.ssekit.client.SseConnectionException;
import io.github.ssekit.client.SseRequest;
import io.github.ssekit.client.SseStream;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link SseClient}: one Vert.x HTTP client and the streams opened through it. */
public final class SseClientImpl implements SseClient {
  private final Vertx vertx;
  private final SseClientOptions options;
  private final HttpClientAgent http;
  private final Set<SseStreamImpl> open = ConcurrentHashMap.newKeySet();
  private final boolean decompresses;
  private volatile boolean closed;

  public SseClientImpl(Vertx vertx, SseClientOptions options) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.options = new SseClientOptions(options);
    HttpClientOptions httpOptions = this.options.getHttpClientOptions()
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, this.options.getConnectTimeout().toMillis()));
    PoolOptions pool = new PoolOptions()
        .setHttp1MaxSize(this.options.getMaxConnectionsPerEndpoint())
        .setMaxWaitQueueSize(this.options.getMaxWaitQueueSize());
    this.http = vertx.createHttpClient(httpOptions, pool);
    this.decompresses = httpOptions.isDecompressionSupported();
  }

  @Override
  public Future<SseStream> connect(SseRequest request) {
    Objects.requireNonNull(request, "request");
    if (closed) {
      return Future.failedFuture(new SseConnectionException("the client is closed", null));
    }
    SseStreamImpl stream = new SseStreamImpl(this, EventLoop.of(vertx), request);
    open.add(stream);
    return stream.start();
  }

  @Override
  public SseClientOptions options() {
    return new SseClientOptions(options);
  }

  @Override
  public Future<Void> close() {
    closed = true;
    List<Future<Void>> cancelled = new ArrayList<>();
    for (SseStreamImpl stream : open) {
      cancelled.add(stream.cancel());
    }
    return Future.join(cancelled).transform(ar -> http.close());
  }

  Vertx vertx() {
    return vertx;
  }

  HttpClient http() {
    return http;
  }

  SseClientOptions optionsShared() {
    return options;
  }

  /** Whether Vert.x decodes compressed bodies (off by default: streams then ask for {@code identity}). */
  boolean decompresses() {
    return decompresses;
  }

  boolean isClosed() {
    return closed;
  }

  void forget(SseStreamImpl stream) {
    open.remove(stream);
  }

  /** How many streams are open: a seam for tests of this package ({@code StreamProbe}). */
  int openStreams() {
    return open.size();
  }
}
