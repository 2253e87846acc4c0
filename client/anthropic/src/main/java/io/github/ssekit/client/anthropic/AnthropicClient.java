package io.github.ssekit.client.anthropic;

import io.github.ssekit.anthropic.MessagesRequest;
import io.github.ssekit.client.SseClient;
import io.github.ssekit.client.anthropic.internal.AnthropicClientImpl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Streams from Anthropic's Messages API or an Anthropic-compatible server ({@code POST {baseUrl}/messages}), over an
 * {@link SseClient}, decoded leniently by the protocol-anthropic module.
 *
 * <p>From plain Java, with no Vert.x to know about (the client owns one, with daemon threads, released by
 * {@link #close()}), pulling the events on your own thread:
 *
 * <pre>{@code
 * try (AnthropicClient client = AnthropicClient.create(new AnthropicClientOptions()
 *         .setApiKey(System.getenv("ANTHROPIC_API_KEY")));
 *     AnthropicStreamIterator events = client.streamMessages(
 *         MessagesRequest.builder("claude-sonnet-4-5", 1024).user("Hello!").build()).iterator()) {
 *   events.forEachRemaining(event -> { });
 *   System.out.println(events.result().text());
 * }
 * }</pre>
 *
 * <p>Inside a Vert.x application, on its {@code Vertx} (never closed by the client), with listeners on the event
 * loop:
 *
 * <pre>{@code
 * AnthropicClient client = AnthropicClient.create(vertx, new AnthropicClientOptions().setApiKey(key));
 * client.streamMessages(MessagesRequest.builder("claude-sonnet-4-5", 1024).user("Hello!").build())
 *     .onText(System.out::print)                                   // text as it arrives
 *     .result()                                                    // sends the request
 *     .onSuccess(result -> use(result.message(), result.error(), result.diagnostics()))
 *     .onFailure(err -> report(err));                              // AnthropicHttpException for a 401, ...
 * }</pre>
 *
 * <p>Every request is sent with {@code "stream": true}, {@code x-api-key: <key>} when a key is set,
 * {@code anthropic-version}, the client's headers. POST requests are resent only when they failed before the stream
 * was accepted (a 429, a 529 overloaded, a 5xx: the transport's retries); a stream that breaks ends with what
 * arrived. The API key never appears in a message or {@code toString()}.
 *
 * <p>Thread-safe; share one client, and close it when done: {@link #close()} waits, {@link #closeAsync()} does not.
 */
public interface AnthropicClient extends AutoCloseable {

  /**
   * A client for the server described by {@code options} (copied), on a Vert.x instance of its own (daemon
   * threads), released by {@link #close()}.
   */
  static AnthropicClient create(AnthropicClientOptions options) {
    return AnthropicClientImpl.owningVertx(options);
  }

  /**
   * A client for the server described by {@code options} (copied), on the caller's {@code vertx}, which the client
   * never closes.
   */
  static AnthropicClient create(Vertx vertx, AnthropicClientOptions options) {
    return new AnthropicClientImpl(vertx, options);
  }

  /** A Messages stream of {@code request}; nothing is sent before its result, iterator or publisher is used. */
  AnthropicMessagesStream streamMessages(MessagesRequest request);

  /** The options in use (a copy). */
  AnthropicClientOptions options();

  /**
   * Cancels every open stream (their results complete with what arrived), closes the connections and releases the
   * client's own Vert.x (if it made one), then returns. On a Vert.x event loop, which must not block, it only starts
   * all that, as {@link #closeAsync()} does.
   */
  @Override
  void close();

  /** Starts what {@link #close()} does; the future completes once it is done. */
  Future<Void> closeAsync();
}
