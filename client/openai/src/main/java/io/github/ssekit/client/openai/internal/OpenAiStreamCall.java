package io.github.ssekit.client.openai.internal;

import io.github.ssekit.client.HttpStatusException;
import io.github.ssekit.client.SseClient;
import io.github.ssekit.client.SseRequest;
import io.github.ssekit.client.SseStream;
import io.github.ssekit.client.UnexpectedContentTypeException;
import io.github.ssekit.client.internal.EventLoop;
import io.github.ssekit.client.openai.OpenAiChatStream;
import io.github.ssekit.client.openai.OpenAiResponsesStream;
import io.github.ssekit.openai.OpenAiConversation;
import io.github.ssekit.openai.chat.ChatChunk;
import io.github.ssekit.openai.chat.ChatDeltaListener;
import io.github.ssekit.openai.chat.ChatResult;
import io.github.ssekit.openai.responses.ResponsesDeltaListener;
import io.github.ssekit.openai.responses.ResponsesEvent;
import io.github.ssekit.openai.responses.ResponsesResult;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.protocol.ProtocolListener;
import io.github.ssekit.sse.protocol.SseProtocol;
import io.github.ssekit.sse.protocol.StreamAccumulator;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Drives one OpenAI stream of the client, Chat Completions and Responses alike: sends the POST through the
 * {@link SseClient}, feeds the response's events into protocol-openai's {@link OpenAiConversation} (which does all
 * the protocol work: dispatch, accumulation, listeners, diagnostics), and completes the result future when the
 * stream ends, breaks or is cancelled. Bytes in, calls out: what is left here is transport (the connection, the
 * response size limit, threads), and the caller's handlers as one listener of the conversation.
 *
 * <p>All state changes after {@link #result} happen on one event loop: the stream's.
 *
 * @param <T> the protocol's value type
 * @param <R> the assembled result
 * @param <D> the delta listener the accumulator takes
 */
final class OpenAiStreamCall<T, R, D> {
  private final OpenAiClientImpl owner;
  private final Vertx vertx;
  private final SseClient sse;
  private final SseRequest request;
  private final SseProtocol<T> protocol;
  private final Function<D, StreamAccumulator<T, R>> accumulators;

  // registered before the start, read on the loop afterwards
  private D deltas;
  private Handler<T> valueHandler;
  private Handler<Diagnostic> diagnosticHandler;
  private Handler<Diagnostic> everyDiagnosticHandler;
  private final Map<String, Handler<SseEvent>> named = new LinkedHashMap<>();

  // guarded by this until the start
  private boolean started;
  private boolean cancelRequested;
  private EventLoop loop;
  private Promise<R> promise;

  // on the loop
  private OpenAiConversation<T, R> conversation;
  private SseStream stream;
  private boolean finished;
  private long received;

  /**
   * @param protocol the lenient protocol
   * @param accumulators a fresh accumulator for the delta listener registered (or {@code noDeltas}), keeping
   *     diagnostics up to the client's limits
   */
  OpenAiStreamCall(OpenAiClientImpl owner, Vertx vertx, SseClient sse, SseRequest request, SseProtocol<T> protocol,
      Function<D, StreamAccumulator<T, R>> accumulators, D noDeltas) {
    this.owner = owner;
    this.vertx = vertx;
    this.sse = sse;
    this.request = request;
    this.protocol = protocol;
    this.accumulators = accumulators;
    this.deltas = noDeltas;
  }

  synchronized void valueHandler(Handler<T> handler) {
    checkNotStarted();
    this.valueHandler = handler;
  }

  synchronized void deltas(D listener) {
    Objects.requireNonNull(listener, "listener");
    checkNotStarted();
    this.deltas = listener;
  }

  synchronized void diagnosticHandler(Handler<Diagnostic> handler) {
    checkNotStarted();
    this.diagnosticHandler = handler;
  }

  synchronized void everyDiagnosticHandler(Handler<Diagnostic> handler) {
    checkNotStarted();
    this.everyDiagnosticHandler = handler;
  }

  synchronized void named(String eventName, Handler<SseEvent> handler) {
    checkNotStarted();
    named.put(Objects.requireNonNull(eventName, "eventName"), Objects.requireNonNull(handler, "handler"));
  }

  private void checkNotStarted() {
    if (started) {
      throw new IllegalStateException("register listeners before result(): the request was already sent");
    }
  }

  /** Sends the request on the first call; the future of the result. */
  synchronized Future<R> result() {
    if (!started) {
      started = true;
      promise = Promise.promise();
      loop = EventLoop.of(vertx);
      OpenAiConversation<T, R> fresh = newConversation();
      owner.opened(this);
      boolean cancelled = cancelRequested;
      loop.defer(() -> {
        conversation = fresh;
        if (cancelled) {
          finish(conversation::cancel);
        } else {
          connect();
        }
      });
    }
    return promise.future();
  }

  /**
   * The conversation of this stream, with the caller's handlers as its one listener (which sees the first occurrence
   * of each diagnostic code) and its every-occurrence observer.
   */
  private OpenAiConversation<T, R> newConversation() {
    OpenAiConversation.Builder<T> builder = OpenAiConversation.builder(protocol);
    if (valueHandler != null || diagnosticHandler != null) {
      builder.listener(new Caller<>(valueHandler, diagnosticHandler));
    }
    if (everyDiagnosticHandler != null) {
      builder.onEveryDiagnostic(everyDiagnosticHandler::handle);
    }
    named.forEach((name, handler) -> builder.on(name, handler::handle));
    return builder.build(accumulators.apply(deltas));
  }

  /** Cancels the stream; the result completes with what arrived. */
  void cancel() {
    EventLoop on;
    synchronized (this) {
      cancelRequested = true;
      on = loop;
    }
    if (on != null) {
      on.defer(() -> {
        if (!finished) {
          if (stream != null) {
            stream.cancel();
          }
          finish(conversation::cancel);
        }
      });
    }
  }

  private void connect() {
    sse.connect(request).onComplete(ar -> loop.execute(() -> {
      if (ar.failed()) {
        fail(mapFailure(ar.cause()));
        return;
      }
      SseStream accepted = ar.result();
      if (finished) {
        accepted.cancel();
        return;
      }
      stream = accepted;
      accepted.exceptionHandler(this::onBroken)
          .warningHandler(this::onWarning)
          .endHandler(v -> finish(conversation::end))
          .handler(this::onEvent);
    }));
  }

  /** One event of the body: to the conversation, unless the response outgrew its limit. */
  private void onEvent(SseEvent event) {
    if (finished) {
      return;
    }
    try {
      received += event.data().length();
      if (received > owner.maxResponseChars()) {
        // the result grows with the stream: stop a server that never does
        stream.cancel();
        SseException tooLarge = new SseException("the response is larger than maxResponseChars ("
            + owner.maxResponseChars() + " characters of event data): the stream was cancelled");
        finish(() -> conversation.fail(tooLarge));
        return;
      }
      conversation.onEvent(event);
      if (conversation.endReceived()) {
        // the protocol's end marker ([DONE]): some servers keep the connection open after it, so release it now
        stream.cancel();
        finish(conversation::end);
      }
    } catch (RuntimeException listenerFailure) {
      broke(listenerFailure);
    }
  }

  /** An error the transport recovered from (an event over its size limit): recorded, and the stream goes on. */
  private void onWarning(SseException warning) {
    if (finished) {
      return;
    }
    try {
      conversation.onError(warning);
    } catch (RuntimeException listenerFailure) {
      broke(listenerFailure);
    }
  }

  /** The transport failed after the stream was accepted: the partial result, the failure last in its errors. */
  private void onBroken(Throwable failure) {
    SseException cause = failure instanceof SseException e ? e : new SseException("the stream failed: " + failure,
        failure);
    finish(() -> conversation.fail(cause));
  }

  private Throwable mapFailure(Throwable failure) {
    if (failure instanceof HttpStatusException status && !(failure instanceof UnexpectedContentTypeException)) {
      return OpenAiErrors.httpException(request, status);
    }
    return failure;
  }

  /** A caller's handler threw: the stream stops and the result fails with what it threw. */
  private void broke(RuntimeException failure) {
    if (stream != null) {
      stream.cancel();
    }
    fail(failure);
  }

  private void fail(Throwable failure) {
    if (finished) {
      return;
    }
    finished = true;
    owner.closed(this);
    promise.tryFail(failure);
  }

  /** Completes with the result {@code ending} produces (a handler may throw while the last diagnostics go out). */
  private void finish(Supplier<R> ending) {
    if (finished) {
      return;
    }
    finished = true;
    owner.closed(this);
    R result;
    try {
      result = ending.get();
    } catch (RuntimeException e) {
      promise.tryFail(e);
      return;
    }
    promise.tryComplete(result);
  }

  @Override
  public String toString() {
    return "OpenAiStreamCall[" + request + "]";
  }

  /** The caller's handlers as a listener of the conversation. */
  private record Caller<T>(Handler<T> values, Handler<Diagnostic> diagnostics) implements ProtocolListener<T> {
    @Override
    public void onValue(T value) {
      if (values != null) {
        values.handle(value);
      }
    }

    @Override
    public void onDiagnostic(Diagnostic diagnostic) {
      if (diagnostics != null) {
        diagnostics.handle(diagnostic);
      }
    }
  }

  /**
   * What the public stream types share, once for both: each method hands over to the call and returns the face
   * (the self type {@code S}, so it implements {@link OpenAiChatStream} and {@link OpenAiResponsesStream} alike).
   */
  private abstract static class Face<S, T, R, D> {
    final OpenAiStreamCall<T, R, D> call;
    private final String name;

    Face(OpenAiStreamCall<T, R, D> call, String name) {
      this.call = call;
      this.name = name;
    }

    abstract S self();

    public S onDelta(D listener) {
      call.deltas(listener);
      return self();
    }

    public S on(String eventName, Handler<SseEvent> handler) {
      call.named(eventName, handler);
      return self();
    }

    public S onDiagnostic(Handler<Diagnostic> handler) {
      call.diagnosticHandler(handler);
      return self();
    }

    public S onEveryDiagnostic(Handler<Diagnostic> handler) {
      call.everyDiagnosticHandler(handler);
      return self();
    }

    public Future<R> result() {
      return call.result();
    }

    public void cancel() {
      call.cancel();
    }

    @Override
    public String toString() {
      return name + "[" + call + "]";
    }
  }

  /** The Chat Completions face of a call. */
  static final class Chat extends Face<OpenAiChatStream, ChatChunk, ChatResult, ChatDeltaListener>
      implements OpenAiChatStream {
    Chat(OpenAiStreamCall<ChatChunk, ChatResult, ChatDeltaListener> call) {
      super(call, "OpenAiChatStream");
    }

    @Override
    OpenAiChatStream self() {
      return this;
    }

    @Override
    public OpenAiChatStream onChunk(Handler<ChatChunk> handler) {
      call.valueHandler(handler);
      return this;
    }
  }

  /** The Responses API face of a call. */
  static final class Responses extends Face<OpenAiResponsesStream, ResponsesEvent, ResponsesResult,
      ResponsesDeltaListener> implements OpenAiResponsesStream {
    Responses(OpenAiStreamCall<ResponsesEvent, ResponsesResult, ResponsesDeltaListener> call) {
      super(call, "OpenAiResponsesStream");
    }

    @Override
    OpenAiResponsesStream self() {
      return this;
    }

    @Override
    public OpenAiResponsesStream onEvent(Handler<ResponsesEvent> handler) {
      call.valueHandler(handler);
      return this;
    }
  }
}
