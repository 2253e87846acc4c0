package io.github.ssekit.client;

import io.github.ssekit.client.internal.SseClientImpl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Opens Server-Sent Event streams from any endpoint over a Vert.x 5 core {@code HttpClient}, with backpressure,
 * idle timeouts, redirects and reconnection.
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
 */
public interface SseClient {

  /** A client with default options. */
  static SseClient create(Vertx vertx) {
    return create(vertx, new SseClientOptions());
  }

  /** A client with {@code options} (copied). */
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
   * {@code vertx}.
   */
  Future<SseStream> connect(SseRequest request);

  /** The options in use (a copy). */
  SseClientOptions options();

  /** Cancels every open stream and closes the HTTP client and its connections. */
  Future<Void> close();
}
