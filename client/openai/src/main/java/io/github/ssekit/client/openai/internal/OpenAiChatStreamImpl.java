package io.github.ssekit.client.openai.internal;

import io.github.ssekit.client.openai.OpenAiChatStream;
import io.github.ssekit.openai.chat.ChatAccumulator;
import io.github.ssekit.openai.chat.ChatChunk;
import io.github.ssekit.openai.chat.ChatDeltaListener;
import io.github.ssekit.openai.chat.ChatResult;
import io.github.ssekit.openai.chat.ImmutableChatResult;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.protocol.ProtocolListener;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import java.util.List;
import java.util.Objects;

/** An {@link OpenAiChatStream}: an {@link OpenAiStreamCall} assembled by a {@link ChatAccumulator}. */
final class OpenAiChatStreamImpl implements OpenAiChatStream {
  private final OpenAiStreamCall<ChatChunk, ChatResult> call;
  private volatile ChatDeltaListener deltas = ChatDeltaListener.NONE;

  OpenAiChatStreamImpl(OpenAiStreamCall<ChatChunk, ChatResult> call) {
    this.call = call;
  }

  @Override
  public OpenAiChatStream onChunk(Handler<ChatChunk> handler) {
    call.valueHandler(handler);
    return this;
  }

  @Override
  public OpenAiChatStream onDelta(ChatDeltaListener listener) {
    Objects.requireNonNull(listener, "listener");
    synchronized (call) {
      call.checkNotStarted();
      deltas = listener;
    }
    return this;
  }

  @Override
  public OpenAiChatStream on(String eventName, Handler<SseEvent> handler) {
    call.named(eventName, handler);
    return this;
  }

  @Override
  public OpenAiChatStream onDiagnostic(Handler<Diagnostic> handler) {
    call.diagnosticHandler(handler);
    return this;
  }

  @Override
  public Future<ChatResult> result() {
    return call.result(() -> new Assembly(new ChatAccumulator(false, deltas)));
  }

  @Override
  public void cancel() {
    call.cancel();
  }

  @Override
  public String toString() {
    return "OpenAiChatStream[" + call + "]";
  }

  private record Assembly(ChatAccumulator accumulator) implements OpenAiStreamCall.Assembly<ChatChunk, ChatResult> {
    @Override
    public ProtocolListener<ChatChunk> listener() {
      return accumulator;
    }

    @Override
    public ChatResult finish() {
      return accumulator.finish();
    }

    @Override
    public ChatResult withError(ChatResult result, SseException error) {
      return ImmutableChatResult.builder().from(result).addErrors(error).build();
    }

    @Override
    public List<Diagnostic> diagnostics(ChatResult result) {
      return result.diagnostics();
    }
  }
}
