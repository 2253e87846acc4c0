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

/**
 * The {@link SseClient}: one Vert.x HTTP client and the streams opened through it, on the caller's Vert.x or on one
 * of its own ({@link OwnedVertx}), which it closes last.
 */
public final class SseClientImpl implements SseClient {
  private final Vertx vertx;
  private final SseClientOptions options;
  private final HttpClientAgent http;
  private final Set<SseStreamImpl> open = ConcurrentHashMap.newKeySet();
  private final boolean decompresses;
  private final boolean ownsVertx;
  private volatile boolean closed;

  /** A client on the caller's {@code vertx}, which it never closes. */
  public SseClientImpl(Vertx vertx, SseClientOptions options) {
    this(Objects.requireNonNull(vertx, "vertx"), options, false);
  }

  private SseClientImpl(Vertx vertx, SseClientOptions options, boolean ownsVertx) {
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.options = new SseClientOptions(options);
    HttpClientOptions httpOptions = this.options.getHttpClientOptions()
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, this.options.getConnectTimeout().toMillis()));
    PoolOptions pool = new PoolOptions()
        .setHttp1MaxSize(this.options.getMaxConnectionsPerEndpoint())
        .setMaxWaitQueueSize(this.options.getMaxWaitQueueSize());
    this.http = vertx.createHttpClient(httpOptions, pool);
    this.decompresses = httpOptions.isDecompressionSupported();
  }

  /** A client on a Vert.x instance of its own, which {@link #closeAsync()} closes. */
  public static SseClientImpl owningVertx(SseClientOptions options) {
    Objects.requireNonNull(options, "options");
    Vertx own = OwnedVertx.create();
    try {
      return new SseClientImpl(own, options, true);
    } catch (RuntimeException e) {
      own.close();
      throw e;
    }
  }

  @Override
  public Future<SseStream> connect(SseRequest request) {
    return open(request, null, EventLoop.of(vertx));
  }

  /**
   * A binding's stream on the binding's own {@code loop}, whose figures go to {@code recorder}, which the binding
   * ends. The binding, its stream and the recorder then share one event loop, which the recorder relies on (it has
   * no lock).
   */
  public Future<SseStream> connect(SseRequest request, StreamRecorder recorder, EventLoop loop) {
    return open(request, Objects.requireNonNull(recorder, "recorder"), Objects.requireNonNull(loop, "loop"));
  }

  /** {@code recorder} {@code null}: the transport records and ends the figures itself. */
  private Future<SseStream> open(SseRequest request, StreamRecorder recorder, EventLoop loop) {
    Objects.requireNonNull(request, "request");
    if (closed) {
      return Future.failedFuture(new SseConnectionException("the client is closed", null));
    }
    SseStreamImpl stream = new SseStreamImpl(this, loop, request, recorder);
    open.add(stream);
    return stream.start();
  }

  @Override
  public SseClientOptions options() {
    return new SseClientOptions(options);
  }

  @Override
  public void close() {
    OwnedVertx.awaitClose(closeAsync());
  }

  @Override
  public Future<Void> closeAsync() {
    closed = true;
    List<Future<Void>> cancelled = new ArrayList<>();
    for (SseStreamImpl stream : open) {
      cancelled.add(stream.cancel());
    }
    Future<Void> httpClosed = Future.join(cancelled).transform(ar -> http.close());
    return ownsVertx ? httpClosed.transform(ar -> vertx.close()) : httpClosed;
  }

  /** The Vert.x instance the client runs on: the caller's, or its own. */
  public Vertx vertx() {
    return vertx;
  }

  /** Whether {@link #vertx()} is the client's own, closed with it. */
  public boolean ownsVertx() {
    return ownsVertx;
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
