package io.github.ssekit.client.openai.internal;

import io.github.ssekit.client.internal.BindingStreamCall;
import io.github.ssekit.client.internal.DerivedStream;
import io.github.ssekit.client.openai.OpenAiChatStream;
import io.github.ssekit.client.openai.OpenAiResponsesStream;
import io.github.ssekit.client.openai.OpenAiStreamIterator;
import io.github.ssekit.openai.chat.ChatChunk;
import io.github.ssekit.openai.chat.ChatDeltaListener;
import io.github.ssekit.openai.chat.ChatResult;
import io.github.ssekit.openai.responses.ResponsesDeltaListener;
import io.github.ssekit.openai.responses.ResponsesEvent;
import io.github.ssekit.openai.responses.ResponsesResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;

/** The public stream types of the OpenAI binding over the transport's generic {@link BindingStreamCall}. */
final class OpenAiFaces {
  private OpenAiFaces() {}

  /** The Chat Completions face of a call. */
  static final class Chat extends BindingStreamCall.Face<OpenAiChatStream, ChatChunk, ChatResult, ChatDeltaListener>
      implements OpenAiChatStream {
    Chat(BindingStreamCall<ChatChunk, ChatResult, ChatDeltaListener> call) {
      super(call, "OpenAiChatStream");
    }

    @Override
    protected OpenAiChatStream self() {
      return this;
    }

    @Override
    public OpenAiChatStream onChunk(Handler<ChatChunk> handler) {
      call.valueHandler(handler);
      return this;
    }

    @Override
    public OpenAiStreamIterator<ChatChunk, ChatResult> iterator() {
      return call.iterator(PullIterator::new);
    }
  }

  /** The Responses API face of a call. */
  static final class Responses extends BindingStreamCall.Face<OpenAiResponsesStream, ResponsesEvent, ResponsesResult,
      ResponsesDeltaListener> implements OpenAiResponsesStream {
    Responses(BindingStreamCall<ResponsesEvent, ResponsesResult, ResponsesDeltaListener> call) {
      super(call, "OpenAiResponsesStream");
    }

    @Override
    protected OpenAiResponsesStream self() {
      return this;
    }

    @Override
    public OpenAiResponsesStream onEvent(Handler<ResponsesEvent> handler) {
      call.valueHandler(handler);
      return this;
    }

    @Override
    public OpenAiStreamIterator<ResponsesEvent, ResponsesResult> iterator() {
      return call.iterator(PullIterator::new);
    }
  }

  /** The pull consumer's iterator as the binding's public type. */
  private static final class PullIterator<T, R> extends BindingStreamCall.ResultIterator<T, R>
      implements OpenAiStreamIterator<T, R> {
    PullIterator(DerivedStream<T> values, Runnable cancel, int capacity, Future<R> result) {
      super(values, cancel, capacity, result);
    }
  }
}
