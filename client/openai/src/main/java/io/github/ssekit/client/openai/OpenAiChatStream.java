package io.github.ssekit.client.openai;

import io.github.ssekit.client.RedirectException;
import io.github.ssekit.client.SseConnectionException;
import io.github.ssekit.client.SseIdleTimeoutException;
import io.github.ssekit.client.UnexpectedContentTypeException;
import io.github.ssekit.openai.chat.ChatChunk;
import io.github.ssekit.openai.chat.ChatDeltaListener;
import io.github.ssekit.openai.chat.ChatResult;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import java.util.concurrent.Flow;

/**
 * One Chat Completions stream of an {@link OpenAiClient}, consumed in one of three ways:
 * <ul>
 *   <li>listeners, then {@link #result()}, which sends the request. Listeners run on the stream's Vert.x event loop,
 *       in stream order, and must not block it; a listener that throws cancels the stream and fails the result with
 *       its exception.
 *   <li>{@link #iterator()}: the chunks pulled on your own (plain or virtual) thread, the result after the last.
 *   <li>{@link #publisher()}: the chunks as a {@link Flow.Publisher}.
 * </ul>
 * The iterator and the publisher end at the protocol's end ({@code [DONE]}, or the end of the body), and their
 * demand reaches the connection: while the consumer takes no chunk, the stream stops reading and TCP holds the
 * server back. Listeners registered before still see everything; {@link #result()} still completes.
 *
 * <p>The {@link #result()} future:
 * <ul>
 *   <li>succeeds with the assembled {@link ChatResult} when the stream ends: {@code [DONE]} (the connection is then
 *       released at once), or the end of the body. Provider errors sent inside the stream are in
 *       {@link ChatResult#errors()}; every tolerated deviation is in {@link ChatResult#diagnostics()} (each code
 *       once, with its count).
 *   <li>succeeds with the partial result when the stream ends early: cut before a finish reason, it is
 *       {@link ChatResult#truncated() truncated}; a lost connection or an idle timeout is also the last entry of
 *       {@link ChatResult#errors()}; after {@link #cancel()}, it holds what arrived.
 *   <li>fails when no stream was accepted: {@link OpenAiHttpException} for an error status, with the provider's
 *       error object; {@link UnexpectedContentTypeException}, {@link SseConnectionException},
 *       {@link SseIdleTimeoutException}, {@link RedirectException} otherwise.
 * </ul>
 */
public interface OpenAiChatStream {

  /**
   * Sees every decoded chunk, after it was applied to the result. Runs on the stream's event loop: it must not
   * block.
   */
  OpenAiChatStream onChunk(Handler<ChatChunk> handler);

  /**
   * Sees each content, reasoning, refusal and tool-argument fragment as it arrives
   * ({@link ChatDeltaListener#content}, {@link ChatDeltaListener#reasoning}, {@link ChatDeltaListener#toolArguments}).
   * Runs on the stream's event loop: it must not block.
   */
  OpenAiChatStream onDelta(ChatDeltaListener listener);

  /**
   * Receives the events named {@code eventName} (such as {@code hermes.tool.progress}); an event name the protocol
   * does not consume is then not reported as {@code sse.ignored-event}. Runs on the stream's event loop: it must not
   * block.
   */
  OpenAiChatStream on(String eventName, Handler<SseEvent> handler);

  /**
   * Sees the first occurrence of each diagnostic code as it is found, in the order of
   * {@link ChatResult#diagnostics()} (which has each code once, with its count): a provider that sends
   * {@code "role":""} in every chunk calls it once, not once per chunk. The decoder's and the dispatcher's before the
   * chunk they belong to; those the accumulator finds while assembling (a tool call whose id changed) and at the end
   * of the stream (a missing {@code [DONE]}), before the result completes. Every occurrence:
   * {@link #onEveryDiagnostic}. Runs on the stream's event loop: it must not block.
   */
  OpenAiChatStream onDiagnostic(Handler<Diagnostic> handler);

  /**
   * Sees every occurrence of every diagnostic as it is found, in stream order (after {@link #onDiagnostic}'s handler):
   * for those who want each one, such as a log of every deviating chunk. The result keeps the occurrences one by one
   * only up to {@link OpenAiClientOptions#setDiagnosticLimits}; this handler sees all of them.
   */
  OpenAiChatStream onEveryDiagnostic(Handler<Diagnostic> handler);

  /**
   * Sends the request (on the first call) and returns the future of the assembled result. Listeners must be
   * registered before: registering one afterwards throws {@link IllegalStateException}.
   */
  Future<ChatResult> result();

  /**
   * Sends the request and returns the chunks as a blocking iterator, for a plain or virtual thread; see
   * {@link OpenAiStreamIterator}. Use it instead of {@link #result()} (which stays available) and of
   * {@link #publisher()}; listeners registered before it still run.
   *
   * @throws IllegalStateException on a Vert.x event loop thread, after {@link #result()}, or when the chunks were
   *     already taken
   */
  OpenAiStreamIterator<ChatChunk, ChatResult> iterator();

  /**
   * The chunks as a {@link Flow.Publisher} for one subscriber; subscribing sends the request. {@code request(n)}
   * reaches the connection; the publisher completes at {@code [DONE]} (or the end of the body) and errors with the
   * stream's failure, as {@link OpenAiStreamIterator#hasNext()} throws it; {@code cancel()} cancels the stream.
   * Signals come from the stream's event loop. {@link #result()} completes after the last chunk.
   *
   * @throws IllegalStateException after {@link #result()}, or when the chunks were already taken
   */
  Flow.Publisher<ChatChunk> publisher();

  /**
   * Stops the stream: its connection is closed, no listener is called afterwards, and {@link #result()} completes
   * with what arrived. Before {@link #result()}, nothing will be sent. Callable from any thread, any number of times.
   */
  void cancel();
}
