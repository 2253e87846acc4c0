package io.github.ssekit.client.openai.internal;

import io.github.ssekit.client.HttpStatusException;
import io.github.ssekit.client.RedirectException;
import io.github.ssekit.client.SseClient;
import io.github.ssekit.client.SseDeadlineException;
import io.github.ssekit.client.SseRequest;
import io.github.ssekit.client.SseStream;
import io.github.ssekit.client.StreamStats;
import io.github.ssekit.client.UnexpectedContentTypeException;
import io.github.ssekit.client.internal.BlockingIterator;
import io.github.ssekit.client.internal.DerivedStream;
import io.github.ssekit.client.internal.EventLoop;
import io.github.ssekit.client.internal.ReadStreamPublisher;
import io.github.ssekit.client.internal.SseClientImpl;
import io.github.ssekit.client.internal.StreamRecorder;
import io.github.ssekit.client.openai.OpenAiChatStream;
import io.github.ssekit.client.openai.OpenAiResponsesStream;
import io.github.ssekit.client.openai.OpenAiStreamIterator;
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
import java.util.OptionalLong;
import java.util.concurrent.Flow;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Drives one OpenAI stream of the client, Chat Completions and Responses alike: sends the POST through the
 * transport ({@link SseClientImpl}), feeds the response's events into protocol-openai's {@link OpenAiConversation} (which does all
 * the protocol work: dispatch, accumulation, listeners, diagnostics), and completes the result future when the
 * stream ends, breaks or is cancelled. Bytes in, calls out: what is left here is transport (the connection, the
 * response size limit, threads), and the caller's handlers as one listener of the conversation.
 *
 * <p>The typed values can also be pulled ({@link #iterator}, {@link #publisher}): then a {@link DerivedStream} of them,
 * whose demand is the SSE stream's, feeds the transport's own blocking iterator and Flow adapter, and a consumer that
 * takes nothing stops the SSE stream, whose flow control stops reading TCP.
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
  private final SseClientImpl sse;
  private final SseRequest request;
  private final SseProtocol<T> protocol;
  private final Predicate<T> endsStream;
  private final Function<D, StreamAccumulator<T, R>> accumulators;
  private final ResultWiring<T, R> wiring;
  private StreamRecorder recorder;

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
  /** The values for the pull consumer (an iterator or a publisher), if one was made: used on the loop. */
  private DerivedStream<T> values;

  // on the loop
  private OpenAiConversation<T, R> conversation;
  private SseStream stream;
  private boolean finished;
  private long received;
  /** A value that ends the stream (see {@code endsStream}) was decoded. */
  private boolean lastValueSeen;

  /**
   * @param protocol the lenient protocol
   * @param endsStream whether a value is the protocol's last (a Responses terminal event); an end marker the protocol
   *     reports itself ({@code [DONE]}) needs none
   * @param accumulators a fresh accumulator for the delta listener registered (or {@code noDeltas}), keeping
   *     diagnostics up to the client's limits
   */
  OpenAiStreamCall(OpenAiClientImpl owner, Vertx vertx, SseClientImpl sse, SseRequest request,
      SseProtocol<T> protocol, Predicate<T> endsStream, Function<D, StreamAccumulator<T, R>> accumulators, D noDeltas,
      ResultWiring<T, R> wiring) {
    this.owner = owner;
    this.vertx = vertx;
    this.sse = sse;
    this.request = request;
    this.protocol = protocol;
    this.endsStream = endsStream;
    this.accumulators = accumulators;
    this.deltas = noDeltas;
    this.wiring = wiring;
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
      if (loop == null) {
        loop = EventLoop.of(vertx);
      }
      recorder = StreamRecorder.forBinding(sse.options().getObserver(), wiring.stream());
      OpenAiConversation<T, R> fresh = newConversation();
      owner.opened(this);
      boolean cancelled = cancelRequested;
      loop.defer(() -> {
        conversation = fresh;
        if (cancelled) {
          finish(conversation::cancel, null);
        } else {
          connect();
        }
      });
    }
    return promise.future();
  }

  /**
   * The conversation of this stream, with the caller's handlers as its first listener (which sees the first
   * occurrence of each diagnostic code) and its every-occurrence observer, then this call's own listener: it notes
   * the protocol's last value and hands each value to the pull consumer.
   */
  private OpenAiConversation<T, R> newConversation() {
    OpenAiConversation.Builder<T> builder = OpenAiConversation.builder(protocol);
    if (valueHandler != null || diagnosticHandler != null) {
      builder.listener(new Caller<>(valueHandler, diagnosticHandler));
    }
    if (everyDiagnosticHandler != null) {
      builder.onEveryDiagnostic(everyDiagnosticHandler::handle);
    }
    StreamRecorder observed = recorder;
    builder.onEveryDiagnostic(diagnostic -> observed.diagnostic(diagnostic.code()));
    builder.listener(value -> {
      if (wiring.isToken().test(value)) {
        observed.token();
      }
      if (endsStream.test(value)) {
        lastValueSeen = true;
      }
      if (values != null) {
        values.offer(value);
      }
    });
    named.forEach((name, handler) -> builder.on(name, handler::handle));
    return builder.build(accumulators.apply(deltas));
  }

  /**
   * The values as a blocking iterator: sends the request.
   *
   * @throws IllegalStateException on an event loop, after {@link #result()}, or when the values were taken already
   */
  OpenAiStreamIterator<T, R> iterator() {
    BlockingIterator.checkMayBlock("iterator()");
    DerivedStream<T> pulled = takeValues("iterator()");
    Future<R> result = result();
    return new PullIterator<>(pulled, this::cancel, BlockingIterator.lookAhead(sse.options().getMaxPendingEvents()),
        result);
  }

  /**
   * The values as a publisher for one subscriber; subscribing sends the request.
   *
   * @throws IllegalStateException after {@link #result()}, or when the values were taken already
   */
  Flow.Publisher<T> publisher() {
    DerivedStream<T> pulled = takeValues("publisher()");
    EventLoop on = loop();
    // a signal the publisher makes itself (a refused request(n)) is queued on the loop, never overlapping the stream's
    Flow.Publisher<T> adapter = new ReadStreamPublisher<>(pulled, () -> {
      cancel();
      return Future.succeededFuture();
    }, on::defer);
    return subscriber -> {
      result();
      adapter.subscribe(subscriber);
    };
  }

  /** The values, on the loop the stream will run on (chosen now, as {@link #result()} would). */
  private synchronized DerivedStream<T> takeValues(String what) {
    if (started) {
      throw new IllegalStateException(what + " must come before result(): the request was already sent");
    }
    if (values != null) {
      throw new IllegalStateException(what + ": the values were already taken by iterator() or publisher(); use one");
    }
    if (loop == null) {
      loop = EventLoop.of(vertx);
    }
    values = new DerivedStream<>(loop);
    return values;
  }

  private synchronized EventLoop loop() {
    return loop;
  }

  /** Cancels the stream; the result completes with what arrived. */
  void cancel() {
    EventLoop on;
    synchronized (this) {
      cancelRequested = true;
      on = started ? loop : null; // before the start, the start sees cancelRequested (a publisher chose its loop)
    }
    if (on != null) {
      on.defer(() -> {
        if (!finished) {
          if (stream != null) {
            stream.cancel();
          }
          finish(conversation::cancel, null);
        }
      });
    }
  }

  private void connect() {
    sse.connect(request, recorder).onComplete(ar -> loop.execute(() -> {
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
          .endHandler(v -> finish(conversation::end, null));
      if (values != null) {
        values.attach(accepted); // events as the pull consumer asks for them
      }
      accepted.handler(this::onEvent);
      if (values != null) {
        values.drain();
      }
    }));
  }

  /** One event of the body: to the conversation, unless the response outgrew its limit. */
  private void onEvent(SseEvent event) {
    if (finished) {
      return;
    }
    if (values != null) {
      values.itemArrived();
    }
    try {
      received += event.data().length();
      if (received > owner.maxResponseChars()) {
        // the result grows with the stream: stop a server that never does
        stream.cancel();
        SseException tooLarge = new SseException("the response is larger than maxResponseChars ("
            + owner.maxResponseChars() + " characters of event data): the stream was cancelled");
        finish(() -> conversation.fail(tooLarge), tooLarge);
        return;
      }
      conversation.onEvent(event);
      if (conversation.endReceived() || lastValueSeen) {
        // the protocol's end ([DONE], a terminal event): some servers keep the connection open after it, so release
        // it now
        stream.cancel();
        finish(conversation::end, null);
      } else if (values != null) {
        values.drain();
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
    finish(() -> conversation.fail(cause), cause);
  }

  private Throwable mapFailure(Throwable failure) {
    // a refused redirect and a wrong Content-Type are not the provider's HTTP error: their own types say more
    if (failure instanceof HttpStatusException status && !(failure instanceof UnexpectedContentTypeException)
        && !(failure instanceof RedirectException)) {
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
    recorder.end(stream == null ? StreamStats.Outcome.REJECTED : StreamStats.Outcome.BROKEN, failure);
    promise.tryFail(failure);
    endValues(failure);
  }

  /**
   * Completes with the result {@code ending} produces (a handler may throw while the last diagnostics go out); then
   * the pull consumer ends, or fails with {@code failure} (the transport's, which the result records as its last
   * error), so the result is known when it sees the end.
   */
  private void finish(Supplier<R> ending, Throwable failure) {
    if (finished) {
      return;
    }
    finished = true;
    owner.closed(this);
    R result;
    try {
      result = ending.get();
    } catch (RuntimeException e) {
      recorder.end(StreamStats.Outcome.BROKEN, e);
      promise.tryFail(e);
      endValues(e);
      return;
    }
    if (stream != null) {
      result = wiring.withMetadata().apply(result, stream.responseMetadata());
    }
    OptionalLong[] usage = wiring.usage().apply(result);
    recorder.usage(usage[0].orElse(-1), usage[1].orElse(-1));
    recorder.end(outcome(failure), failure);
    promise.tryComplete(result);
    endValues(failure);
  }

  private synchronized StreamStats.Outcome outcome(Throwable failure) {
    if (failure instanceof SseDeadlineException) {
      return StreamStats.Outcome.DEADLINE;
    }
    if (failure != null) {
      return StreamStats.Outcome.BROKEN;
    }
    return cancelRequested ? StreamStats.Outcome.CANCELLED : StreamStats.Outcome.COMPLETED;
  }

  private void endValues(Throwable failure) {
    if (values != null) {
      values.end(failure);
    }
  }

  @Override
  public String toString() {
    return "OpenAiStreamCall[" + request + "]";
  }

  /** The pull consumer's iterator: the transport's blocking iterator over the values, and the result. */
  private static final class PullIterator<T, R> extends BlockingIterator<T> implements OpenAiStreamIterator<T, R> {
    private final Future<R> result;

    PullIterator(DerivedStream<T> values, Runnable cancel, int capacity, Future<R> result) {
      super(values, cancel, capacity);
      this.result = result;
    }

    @Override
    public R result() {
      return resultOnceFinished(result, "result");
    }
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

    public OpenAiStreamIterator<T, R> iterator() {
      return call.iterator();
    }

    public Flow.Publisher<T> publisher() {
      return call.publisher();
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
