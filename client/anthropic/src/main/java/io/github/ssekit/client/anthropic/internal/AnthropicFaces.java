package io.github.ssekit.client.anthropic.internal;

import io.github.ssekit.anthropic.AnthropicEvent;
import io.github.ssekit.anthropic.MessagesResult;
import io.github.ssekit.client.anthropic.AnthropicMessagesStream;
import io.github.ssekit.client.anthropic.AnthropicStreamIterator;
import io.github.ssekit.client.internal.BindingStreamCall;
import io.github.ssekit.client.internal.DerivedStream;
import io.vertx.core.Future;
import io.vertx.core.Handler;

/** The public stream type of the Anthropic binding over the transport's generic {@link BindingStreamCall}. */
final class AnthropicFaces {
  private AnthropicFaces() {}

  /** The Messages face of a call: the event handler and the text handler are one value handler of the call. */
  static final class Messages extends BindingStreamCall.Face<AnthropicMessagesStream, AnthropicEvent, MessagesResult,
      Void> implements AnthropicMessagesStream {
    private Handler<AnthropicEvent> events;
    private Handler<String> text;

    Messages(BindingStreamCall<AnthropicEvent, MessagesResult, Void> call) {
      super(call, "AnthropicMessagesStream");
    }

    @Override
    protected AnthropicMessagesStream self() {
      return this;
    }

    @Override
    public synchronized AnthropicMessagesStream onEvent(Handler<AnthropicEvent> handler) {
      events = handler;
      install();
      return this;
    }

    @Override
    public synchronized AnthropicMessagesStream onText(Handler<String> handler) {
      text = handler;
      install();
      return this;
    }

    private void install() {
      Handler<AnthropicEvent> each = events;
      Handler<String> texts = text;
      call.valueHandler(event -> {
        if (texts != null && event instanceof AnthropicEvent.ContentBlockDelta delta) {
          delta.delta().text().filter(t -> !t.isEmpty()).ifPresent(texts::handle);
        }
        if (each != null) {
          each.handle(event);
        }
      });
    }

    @Override
    public AnthropicStreamIterator iterator() {
      return call.iterator(PullIterator::new);
    }
  }

  /** The pull consumer's iterator as the binding's public type. */
  private static final class PullIterator extends BindingStreamCall.ResultIterator<AnthropicEvent, MessagesResult>
      implements AnthropicStreamIterator {
    PullIterator(DerivedStream<AnthropicEvent> values, Runnable cancel, int capacity,
        Future<MessagesResult> result) {
      super(values, cancel, capacity, result);
    }
  }
}
