package io.github.ssekit.client.openai;

import io.github.ssekit.openai.responses.ResponsesDeltaListener;
import io.github.ssekit.openai.responses.ResponsesEvent;
import io.github.ssekit.openai.responses.ResponsesResult;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import java.util.concurrent.Flow;

/**
 * One Responses API stream of an {@link OpenAiClient}: listeners and {@link #result()}, {@link #iterator()} or
 * {@link #publisher()}, as {@link OpenAiChatStream} has. The stream ends at its terminal event,
 * {@code response.completed}, {@code .incomplete} or {@code .failed} (the connection is then released at once), or
 * with the end of the body (a stream without a terminal event is {@link ResponsesResult#truncated() truncated}).
 * Listeners run on the stream's event loop and must not block it.
 */
public interface OpenAiResponsesStream {

  /** Sees every decoded event, after it was applied to the result. Runs on the event loop: must not block. */
  OpenAiResponsesStream onEvent(Handler<ResponsesEvent> handler);

  /** Sees each text, reasoning, refusal and function-argument fragment as it arrives; must not block. */
  OpenAiResponsesStream onDelta(ResponsesDeltaListener listener);

  /** Receives the events named {@code eventName}; see {@link OpenAiChatStream#on}. */
  OpenAiResponsesStream on(String eventName, Handler<SseEvent> handler);

  /** Sees the first occurrence of each diagnostic code; see {@link OpenAiChatStream#onDiagnostic}. */
  OpenAiResponsesStream onDiagnostic(Handler<Diagnostic> handler);

  /** Sees every occurrence of every diagnostic; see {@link OpenAiChatStream#onEveryDiagnostic}. */
  OpenAiResponsesStream onEveryDiagnostic(Handler<Diagnostic> handler);

  /**
   * Sends the request (on the first call) and returns the future of the assembled result; see
   * {@link OpenAiChatStream#result()}.
   */
  Future<ResponsesResult> result();

  /**
   * Sends the request and returns the events as a blocking iterator that ends after the terminal event; see
   * {@link OpenAiChatStream#iterator()}.
   */
  OpenAiStreamIterator<ResponsesEvent, ResponsesResult> iterator();

  /** The events as a {@link Flow.Publisher} that completes after the terminal event; see {@link OpenAiChatStream#publisher()}. */
  Flow.Publisher<ResponsesEvent> publisher();

  /** Stops the stream; see {@link OpenAiChatStream#cancel()}. */
  void cancel();
}
