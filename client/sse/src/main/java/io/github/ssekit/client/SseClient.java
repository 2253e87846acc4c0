package io.github.ssekit.client;

import io.github.ssekit.client.internal.SseClientImpl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Opens Server-Sent Event streams from any endpoint over a Vert.x 5 core {@code HttpClient}, with backpressure,
 * idle timeouts, redirects and reconnection.
 *
 * <pre>{@code
 * try (SseClient client = SseClient.create()) {             // no Vert.x to set up: the client owns one
 *   SseRequest request = SseRequest.get("https://example.com/events").header("Authorization", "Bearer ...").build();
 *   try (EventIterator events = client.connect(request).await().iterator()) {  // on a plain or virtual thread
 *     events.forEachRemaining(event -> System.out.println(event.data()));
 *   }
 * }
 * }</pre>
 *
 * <p>Inside a Vert.x application, pass its {@link Vertx}: streams then run on the caller's event loop, and the
 * client never closes that instance.
 *
 * <pre>{@code
 * SseClient client = SseClient.create(vertx, new SseClientOptions().setIdleTimeout(Duration.ofSeconds(30)));
 * client.connect(SseRequest.get("https://example.com/events").header("Authorization", "Bearer ...").build())
 *     .onSuccess(stream -> stream.handler(event -> System.out.println(event.data())))
 *     .onFailure(err -> ...); // HttpStatusException: status, headers and body of a 401, for instance
 * }</pre>
 *
 * <p>One client owns one HTTP client and its connection pool; share it between streams and close it when done.
 * It sends {@code Accept: text/event-stream} unless the request sets {@code Accept}. TLS certificates and host
 * names are verified unless {@link SseClientOptions#setHttpClientOptions} says otherwise.
 *
 * <p><b>Closing.</b> {@link #close()} (also through try-with-resources) waits until the streams are cancelled and the
 * connections closed; {@link #closeAsync()} starts the same and returns its future, for code on an event loop. A
 * client made without a {@code Vertx} owns one, which closing releases; its threads are daemon threads, so a client
 * that is never closed does not keep the JVM alive.
 */
public interface SseClient extends AutoCloseable {

  /** A client with default options on a Vert.x instance of its own, released by {@link #close()}. */
  static SseClient create() {
    return create(new SseClientOptions());
  }

  /**
   * A client with {@code options} (copied) on a Vert.x instance of its own (daemon threads), released by
   * {@link #close()}.
   */
  static SseClient create(SseClientOptions options) {
    return SseClientImpl.owningVertx(options);
  }

  /** A client with default options on the caller's {@code vertx}, which the client never closes. */
  static SseClient create(Vertx vertx) {
    return create(vertx, new SseClientOptions());
  }

  /** A client with {@code options} (copied) on the caller's {@code vertx}, which the client never closes. */
  static SseClient create(Vertx vertx, SseClientOptions options) {
    return new SseClientImpl(vertx, options);
  }

  /**
   * Sends {@code request} and completes with the stream once the server answered 200 with
   * {@code text/event-stream} (following redirects), or with a 204 (then the stream just ends). Any other outcome
   * fails the future: {@link HttpStatusException} (a 401 with its body), {@link UnexpectedContentTypeException},
   * {@link RedirectException}, {@link SseConnectionException}, {@link SseIdleTimeoutException} (no response head
   * within the idle timeout). The first connection is not retried, so a wrong URL or key shows at once;
   * reconnection starts once a stream was accepted.
   *
   * <p>The stream's callbacks run on the caller's event loop when called from one, else on an event loop of
   * the client's Vert.x.
   */
  Future<SseStream> connect(SseRequest request);

  /** The options in use (a copy). */
  SseClientOptions options();

  /**
   * Cancels every open stream, closes the HTTP client and its connections, and releases the client's own Vert.x (if
   * it made one), then returns. Called on a Vert.x event loop, which must not block, it only starts all that, as
   * {@link #closeAsync()} does.
   */
  @Override
  void close();

  /** Starts what {@link #close()} does; the future completes once it is done. */
  Future<Void> closeAsync();
}
