package io.github.ssekit.client.anthropic;

import io.github.ssekit.anthropic.AnthropicEvent;
import io.github.ssekit.anthropic.AnthropicStreamException;
import io.github.ssekit.anthropic.MessagesResult;
import io.github.ssekit.client.RedirectException;
import io.github.ssekit.client.SseConnectionException;
import io.github.ssekit.client.SseIdleTimeoutException;
import io.github.ssekit.client.UnexpectedContentTypeException;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import java.util.concurrent.Flow;

/**
 * One Messages stream of an {@link AnthropicClient}, consumed in one of three ways:
 * <ul>
 *   <li>listeners, then {@link #result()}, which sends the request. Listeners run on the stream's Vert.x event loop,
 *       in stream order, and must not block it; a listener that throws cancels the stream and fails the result with
 *       its exception.
 *   <li>{@link #iterator()}: the events pulled on your own (plain or virtual) thread, the result after the last.
 *   <li>{@link #publisher()}: the events as a {@link Flow.Publisher}.
 * </ul>
 * The iterator and the publisher end at {@code message_stop} (the connection is then released) or at the end of the
 * body, and their demand reaches the connection.
 *
 * <p>The {@link #result()} future:
 * <ul>
 *   <li>succeeds with the assembled {@link MessagesResult} when the stream ends. An {@code event: error} sent inside
 *       the stream ({@code overloaded_error}, ...) is an {@link AnthropicStreamException} in
 *       {@link MessagesResult#errors()}, with the partial message kept; every tolerated deviation is in
 *       {@link MessagesResult#diagnostics()}; the HTTP response's status, headers and retries in
 *       {@link MessagesResult#responseMetadata()}.
 *   <li>succeeds with the partial result, {@link MessagesResult#truncated() truncated}, when the stream ends before
 *       {@code message_stop}: a lost connection, an idle timeout or the deadline is then the last of its errors;
 *       after {@link #cancel()}, it holds what arrived.
 *   <li>fails when no stream was accepted: {@link AnthropicHttpException} for an error status, with the server's
 *       error object; {@link UnexpectedContentTypeException}, {@link SseConnectionException},
 *       {@link SseIdleTimeoutException}, {@link RedirectException}, {@link io.github.ssekit.client.SseDeadlineException}
 *       otherwise.
 * </ul>
 */
public interface AnthropicMessagesStream {

  /** Sees every decoded event, after it was applied to the result. Runs on the event loop: it must not block. */
  AnthropicMessagesStream onEvent(Handler<AnthropicEvent> handler);

  /** Sees each piece of text ({@code text_delta}) as it arrives. Runs on the event loop: it must not block. */
  AnthropicMessagesStream onText(Handler<String> handler);

  /**
   * Receives the events named {@code eventName} (a gateway's own events); an event name the protocol does not
   * consume is then not reported as {@code sse.ignored-event}. Runs on the event loop: it must not block.
   */
  AnthropicMessagesStream on(String eventName, Handler<SseEvent> handler);

  /**
   * Sees the first occurrence of each diagnostic code as it is found, in the order of
   * {@link MessagesResult#diagnostics()}. Every occurrence: {@link #onEveryDiagnostic}. Runs on the event loop.
   */
  AnthropicMessagesStream onDiagnostic(Handler<Diagnostic> handler);

  /** Sees every occurrence of every diagnostic as it is found, in stream order. Runs on the event loop. */
  AnthropicMessagesStream onEveryDiagnostic(Handler<Diagnostic> handler);

  /**
   * Sends the request (on the first call) and returns the future of the assembled result. Listeners must be
   * registered before: registering one afterwards throws {@link IllegalStateException}.
   */
  Future<MessagesResult> result();

  /**
   * Sends the request and returns the events as a blocking iterator, for a plain or virtual thread.
   *
   * @throws IllegalStateException on a Vert.x event loop thread, after {@link #result()}, or when the events were
   *     already taken
   */
  AnthropicStreamIterator iterator();

  /**
   * The events as a {@link Flow.Publisher} for one subscriber; subscribing sends the request. {@code request(n)}
   * reaches the connection; {@code cancel()} cancels the stream.
   *
   * @throws IllegalStateException after {@link #result()}, or when the events were already taken
   */
  Flow.Publisher<AnthropicEvent> publisher();

  /**
   * Stops the stream: its connection is closed, no listener is called afterwards, and {@link #result()} completes
   * with what arrived. Before {@link #result()}, nothing will be sent. Callable from any thread, any number of times.
   */
  void cancel();
}
