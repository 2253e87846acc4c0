package io.github.ssekit.client.internal;

import io.github.ssekit.client.HttpStatusException;
import io.github.ssekit.client.RedirectException;
import io.github.ssekit.client.SseDeadlineException;
import io.github.ssekit.client.SseRequest;
import io.github.ssekit.client.SseStream;
import io.github.ssekit.client.StreamStats;
import io.github.ssekit.client.UnexpectedContentTypeException;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.protocol.ProtocolConversation;
import io.github.ssekit.sse.protocol.ProtocolListener;
import io.github.ssekit.sse.protocol.SseProtocol;
import io.github.ssekit.sse.protocol.StreamAccumulator;
import io.github.ssekit.sse.protocol.StrictMode;
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
 * Drives one stream of a protocol binding (OpenAI Chat Completions and Responses, Anthropic Messages): sends the POST
 * through the transport ({@link SseClientImpl}), feeds the response's events into sse-core's
 * {@link ProtocolConversation} (which does all the protocol work: dispatch, accumulation, listeners, diagnostics), and
 * completes the result future when the stream ends, breaks or is cancelled. Bytes in, calls out: what is left here is
 * transport (the connection, the response size limit, threads), and the caller's handlers as one listener of the
 * conversation. What differs between bindings comes in as functions: the protocol, its strict-mode refusal, the
 * accumulator, the {@link ResultWiring}, and the typed HTTP error.
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
public final class BindingStreamCall<T, R, D> {
  private final BindingClient owner;
  private final Vertx vertx;
  private final SseClientImpl sse;
  private final SseRequest request;
  private final SseProtocol<T> protocol;
  private final Function<? super Diagnostic, ? extends StrictMode.Refusal> refusal;
  private final Predicate<T> endsStream;
  private final Function<D, StreamAccumulator<T, R>> accumulators;
  private final ResultWiring<T, R> wiring;
  private final Function<HttpStatusException, ? extends Throwable> httpErrors;
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
  private ProtocolConversation<T, R> conversation;
  private SseStream stream;
  private boolean finished;
  private long received;
  /** A value that ends the stream (see {@code endsStream}) was decoded. */
  private boolean lastValueSeen;

  /**
   * @param owner the binding's client: its transport, its response size limit, and its open streams, which this one
   *     joins while it runs
   * @param protocol the lenient protocol
   * @param refusal the protocol's strict-mode refusal (the conversation is lenient; its builder needs one)
   * @param endsStream whether a value is the protocol's last (a Responses terminal event); an end marker the protocol
   *     reports itself ({@code [DONE]}, {@code message_stop}) needs none
   * @param accumulators a fresh accumulator for the delta listener registered (or {@code noDeltas}), keeping
   *     diagnostics up to the client's limits
   * @param httpErrors the binding's typed error for an HTTP error status (a refused redirect and a wrong
   *     Content-Type keep their own types)
   */
  public BindingStreamCall(BindingClient owner, SseRequest request, SseProtocol<T> protocol,
      Function<? super Diagnostic, ? extends StrictMode.Refusal> refusal, Predicate<T> endsStream,
      Function<D, StreamAccumulator<T, R>> accumulators, D noDeltas, ResultWiring<T, R> wiring,
      Function<HttpStatusException, ? extends Throwable> httpErrors) {
    this.owner = owner;
    this.sse = owner.sse();
    this.vertx = sse.vertx();
    this.request = request;
    this.protocol = protocol;
    this.refusal = refusal;
    this.endsStream = endsStream;
    this.accumulators = accumulators;
    this.deltas = noDeltas;
    this.wiring = wiring;
    this.httpErrors = httpErrors;
  }

  public synchronized void valueHandler(Handler<T> handler) {
    checkNotStarted();
    this.valueHandler = handler;
  }

  public synchronized void deltas(D listener) {
    Objects.requireNonNull(listener, "listener");
    checkNotStarted();
    this.deltas = listener;
  }

  public synchronized void diagnosticHandler(Handler<Diagnostic> handler) {
    checkNotStarted();
    this.diagnosticHandler = handler;
  }

  public synchronized void everyDiagnosticHandler(Handler<Diagnostic> handler) {
    checkNotStarted();
    this.everyDiagnosticHandler = handler;
  }

  public synchronized void named(String eventName, Handler<SseEvent> handler) {
    checkNotStarted();
    named.put(Objects.requireNonNull(eventName, "eventName"), Objects.requireNonNull(handler, "handler"));
  }

  private void checkNotStarted() {
    if (started) {
      throw new IllegalStateException("register listeners before result(): the request was already sent");
    }
  }

  /** Sends the request on the first call; the future of the result. */
  public synchronized Future<R> result() {
    if (!started) {
      started = true;
      promise = Promise.promise();
      if (loop == null) {
        loop = EventLoop.of(vertx);
      }
      recorder = StreamRecorder.forBinding(sse.options().getObserver(), wiring.stream());
      ProtocolConversation<T, R> fresh = newConversation();
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
  private ProtocolConversation<T, R> newConversation() {
    ProtocolConversation.Builder<T> builder = ProtocolConversation.builder(protocol, refusal);
    if (valueHandler != null || diagnosticHandler != null) {
      builder.listener(new Caller<>(valueHandler, diagnosticHandler));
    }
    if (everyDiagnosticHandler != null) {
      builder.onEveryDiagnostic(everyDiagnosticHandler::handle);
    }
    StreamRecorder observed = recorder;
    if (observed.observing()) {
      // only when an observer reads the figures: otherwise each value would pay for the isToken test and the clock
      Predicate<T> isToken = wiring.isToken();
      builder.onEveryDiagnostic(diagnostic -> observed.diagnostic(diagnostic.code()));
      builder.listener(value -> {
        if (isToken.test(value)) {
          observed.token();
        }
      });
    }
    builder.listener(value -> {
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
   * The values as a blocking iterator (the binding's type, made by {@code iterators}): sends the request.
   *
   * @throws IllegalStateException on an event loop, after {@link #result()}, or when the values were taken already
   */
  public <I> I iterator(PullIterators<T, R, I> iterators) {
    BlockingIterator.checkMayBlock("iterator()");
    DerivedStream<T> pulled = takeValues("iterator()");
    Future<R> result = result();
    return iterators.create(pulled, this::cancel, BlockingIterator.lookAhead(sse.options().getMaxPendingEvents()),
        result);
  }

  /**
   * The values as a publisher for one subscriber; subscribing sends the request.
   *
   * @throws IllegalStateException after {@link #result()}, or when the values were taken already
   */
  public Flow.Publisher<T> publisher() {
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
  public void cancel() {
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
    // on this call's loop: the stream, the conversation and the recorder (which has no lock) share its thread
    sse.connect(request, recorder, loop).onComplete(ar -> loop.execute(() -> {
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
      return httpErrors.apply(status);
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
    if (recorder.observing()) {
      OptionalLong[] usage = wiring.usage().apply(result);
      recorder.usage(usage[0].orElse(-1), usage[1].orElse(-1));
    }
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
    return "BindingStreamCall[" + request + "]";
  }

  /**
   * Makes a binding's iterator type over the pulled values.
   *
   * @param <T> the values
   * @param <R> the result
   * @param <I> the binding's iterator type
   */
  @FunctionalInterface
  public interface PullIterators<T, R, I> {
    /** The iterator over {@code values}, which {@code cancel} stops, reading {@code capacity} ahead. */
    I create(DerivedStream<T> values, Runnable cancel, int capacity, Future<R> result);
  }

  /**
   * The pull consumer's iterator: the transport's blocking iterator over the values, and the result. A binding
   * subclasses it to implement its public iterator type.
   *
   * @param <T> the values
   * @param <R> the result
   */
  public static class ResultIterator<T, R> extends BlockingIterator<T> {
    private final Future<R> result;

    /** See {@link PullIterators#create}. */
    public ResultIterator(DerivedStream<T> values, Runnable cancel, int capacity, Future<R> result) {
      super(values, cancel, capacity);
      this.result = result;
    }

    /** The result once the iteration is over. */
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
   * What the public stream types of the bindings share: each method hands over to the call and returns the face
   * (the self type {@code S}, so that it implements each binding's stream interface). The binding adds its value
   * handler ({@code onChunk}, {@code onEvent}) and its iterator.
   *
   * @param <S> the binding's stream type
   * @param <T> the values
   * @param <R> the result
   * @param <D> the delta listener
   */
  public abstract static class Face<S, T, R, D> {
    /** The call this face drives. */
    protected final BindingStreamCall<T, R, D> call;
    private final String name;

    /** A face named {@code name} (for {@code toString()}) of {@code call}. */
    protected Face(BindingStreamCall<T, R, D> call, String name) {
      this.call = call;
      this.name = name;
    }

    /** This face as the binding's type. */
    protected abstract S self();

    /** See the binding's stream type. */
    public S onDelta(D listener) {
      call.deltas(listener);
      return self();
    }

    /** See the binding's stream type. */
    public S on(String eventName, Handler<SseEvent> handler) {
      call.named(eventName, handler);
      return self();
    }

    /** See the binding's stream type. */
    public S onDiagnostic(Handler<Diagnostic> handler) {
      call.diagnosticHandler(handler);
      return self();
    }

    /** See the binding's stream type. */
    public S onEveryDiagnostic(Handler<Diagnostic> handler) {
      call.everyDiagnosticHandler(handler);
      return self();
    }

    /** See the binding's stream type. */
    public Future<R> result() {
      return call.result();
    }

    /** See the binding's stream type. */
    public void cancel() {
      call.cancel();
    }

    /** See the binding's stream type. */
    public Flow.Publisher<T> publisher() {
      return call.publisher();
    }

    @Override
    public String toString() {
      return name + "[" + call + "]";
    }
  }
}
