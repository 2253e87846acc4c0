package io.github.ssekit.client.openai;

import io.github.ssekit.client.SseClient;
import io.github.ssekit.client.openai.internal.OpenAiClientImpl;
import io.github.ssekit.openai.chat.ChatRequest;
import io.github.ssekit.openai.responses.ResponsesRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Streams from an OpenAI-compatible provider: Chat Completions ({@code POST {baseUrl}/chat/completions}) and the
 * Responses API ({@code POST {baseUrl}/responses}), over an {@link SseClient}, decoded leniently by the
 * protocol-openai module.
 *
 * <p>From plain Java, with no Vert.x to know about (the client owns one, with daemon threads, released by
 * {@link #close()}), pulling the chunks on your own thread:
 *
 * <pre>{@code
 * try (OpenAiClient client = OpenAiClient.create(new OpenAiClientOptions()
 *         .setBaseUrl("https://api.openai.com/v1").setApiKey(System.getenv("OPENAI_API_KEY")));
 *     OpenAiStreamIterator<ChatChunk, ChatResult> chunks =
 *         client.streamChat(ChatRequest.builder("gpt-4o-mini").user("Hello!").build()).iterator()) {
 *   chunks.forEachRemaining(chunk -> System.out.print(chunk.text()));
 *   System.out.println(chunks.result().usage());
 * }
 * }</pre>
 *
 * <p>Inside a Vert.x application, on its {@code Vertx} (never closed by the client), with listeners on the event
 * loop:
 *
 * <pre>{@code
 * OpenAiClient client = OpenAiClient.create(vertx, new OpenAiClientOptions()
 *     .setBaseUrl("https://api.openai.com/v1").setApiKey(System.getenv("OPENAI_API_KEY")));
 * client.streamChat(ChatRequest.builder("gpt-4o-mini").user("Hello!").build())
 *     .onDelta(ChatDeltaListener.content(System.out::print))      // text as it arrives
 *     .on("hermes.tool.progress", event -> progress(event.data())) // a provider's named events
 *     .result()                                                    // sends the request
 *     .onSuccess(result -> use(result.message(), result.usage(), result.diagnostics()))
 *     .onFailure(err -> report(err));                              // OpenAiHttpException for a 401, ...
 * }</pre>
 *
 * <p>Every request is sent with {@code "stream": true} (and, for Chat Completions,
 * {@code stream_options.include_usage} unless the request sets it), {@code Authorization: Bearer <key>} when a key
 * is set, the client's headers, then the request's. POST requests are never resent: a stream that breaks ends with
 * what arrived. The API key never appears in a message or {@code toString()}.
 *
 * <p>Thread-safe; share one client, and close it when done: {@link #close()} waits, {@link #closeAsync()} does not.
 * A client on its own Vert.x that is never closed does not keep the JVM alive.
 */
public interface OpenAiClient extends AutoCloseable {

  /**
   * A client for the provider described by {@code options} (copied), on a Vert.x instance of its own (daemon
   * threads), released by {@link #close()}.
   */
  static OpenAiClient create(OpenAiClientOptions options) {
    return OpenAiClientImpl.owningVertx(options);
  }

  /**
   * A client for the provider described by {@code options} (copied), on the caller's {@code vertx}, which the client
   * never closes.
   */
  static OpenAiClient create(Vertx vertx, OpenAiClientOptions options) {
    return new OpenAiClientImpl(vertx, options);
  }

  /** A Chat Completions stream of {@code request}; nothing is sent before its result, iterator or publisher is used. */
  default OpenAiChatStream streamChat(ChatRequest request) {
    return streamChat(request, new OpenAiRequestOptions());
  }

  /** A Chat Completions stream of {@code request} with per-request options. */
  OpenAiChatStream streamChat(ChatRequest request, OpenAiRequestOptions requestOptions);

  /** A Responses API stream of {@code request}; nothing is sent before its result, iterator or publisher is used. */
  default OpenAiResponsesStream streamResponses(ResponsesRequest request) {
    return streamResponses(request, new OpenAiRequestOptions());
  }

  /** A Responses API stream of {@code request} with per-request options. */
  OpenAiResponsesStream streamResponses(ResponsesRequest request, OpenAiRequestOptions requestOptions);

  /** The options in use (a copy). */
  OpenAiClientOptions options();

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
