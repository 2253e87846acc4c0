package io.github.ssekit.client.openai.internal;

import io.github.ssekit.client.openai.OpenAiResponsesStream;
import io.github.ssekit.openai.responses.ImmutableResponsesResult;
import io.github.ssekit.openai.responses.ResponsesAccumulator;
import io.github.ssekit.openai.responses.ResponsesDeltaListener;
import io.github.ssekit.openai.responses.ResponsesEvent;
import io.github.ssekit.openai.responses.ResponsesResult;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.protocol.ProtocolListener;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import java.util.List;
import java.util.Objects;

/** An {@link OpenAiResponsesStream}: an {@link OpenAiStreamCall} assembled by a {@link ResponsesAccumulator}. */
final class OpenAiResponsesStreamImpl implements OpenAiResponsesStream {
  private final OpenAiStreamCall<ResponsesEvent, ResponsesResult> call;
  private volatile ResponsesDeltaListener deltas = ResponsesDeltaListener.NONE;

  OpenAiResponsesStreamImpl(OpenAiStreamCall<ResponsesEvent, ResponsesResult> call) {
    this.call = call;
  }

  @Override
  public OpenAiResponsesStream onEvent(Handler<ResponsesEvent> handler) {
    call.valueHandler(handler);
    return this;
  }

  @Override
  public OpenAiResponsesStream onDelta(ResponsesDeltaListener listener) {
    Objects.requireNonNull(listener, "listener");
    synchronized (call) {
      call.checkNotStarted();
      deltas = listener;
    }
    return this;
  }

  @Override
  public OpenAiResponsesStream on(String eventName, Handler<SseEvent> handler) {
    call.named(eventName, handler);
    return this;
  }

  @Override
  public OpenAiResponsesStream onDiagnostic(Handler<Diagnostic> handler) {
    call.diagnosticHandler(handler);
    return this;
  }

  @Override
  public Future<ResponsesResult> result() {
    return call.result(() -> new Assembly(new ResponsesAccumulator(false, deltas)));
  }

  @Override
  public void cancel() {
    call.cancel();
  }

  @Override
  public String toString() {
    return "OpenAiResponsesStream[" + call + "]";
  }

  private record Assembly(ResponsesAccumulator accumulator) implements OpenAiStreamCall.Assembly<ResponsesEvent, ResponsesResult> {
    @Override
    public ProtocolListener<ResponsesEvent> listener() {
      return accumulator;
    }

    @Override
    public ResponsesResult finish() {
      return accumulator.finish();
    }

    @Override
    public ResponsesResult withError(ResponsesResult result, SseException error) {
      return ImmutableResponsesResult.builder().from(result).addErrors(error).build();
    }

    @Override
    public List<Diagnostic> diagnostics(ResponsesResult result) {
      return result.diagnostics();
    }
  }
}
