package io.github.ssekit.client.openai;

import io.github.ssekit.openai.responses.ResponsesDeltaListener;
import io.github.ssekit.openai.responses.ResponsesEvent;
import io.github.ssekit.openai.responses.ResponsesResult;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.vertx.core.Future;
import io.vertx.core.Handler;

/**
 * One Responses API stream of an {@link OpenAiClient}: register the listeners, then call {@link #result()}, which
 * sends the request. It behaves as {@link OpenAiChatStream} does; the stream ends with the end of the body (a
 * stream without a terminal {@code response.completed}, {@code .incomplete} or {@code .failed} event is
 * {@link ResponsesResult#truncated() truncated}).
 */
public interface OpenAiResponsesStream {

  /** Sees every decoded event, after it was applied to the result. */
  OpenAiResponsesStream onEvent(Handler<ResponsesEvent> handler);

  /** Sees each text, reasoning, refusal and function-argument fragment as it arrives. */
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

  /** Stops the stream; see {@link OpenAiChatStream#cancel()}. */
  void cancel();
}
