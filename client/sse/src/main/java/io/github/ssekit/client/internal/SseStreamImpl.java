package io.github.ssekit.client.internal;

import io.github.ssekit.client.EventIterator;
import io.github.ssekit.client.HttpStatusException;
import io.github.ssekit.client.ObservedStream;
import io.github.ssekit.client.ReconnectAttempt;
import io.github.ssekit.client.RedirectException;
import io.github.ssekit.client.RetryAttempt;
import io.github.ssekit.client.SseClientOptions;
import io.github.ssekit.client.SseConnectionException;
import io.github.ssekit.client.SseDeadlineException;
import io.github.ssekit.client.SseIdleTimeoutException;
import io.github.ssekit.client.SseRequest;
import io.github.ssekit.client.SseStream;
import io.github.ssekit.client.StreamStats;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.SseHandler;
import io.github.ssekit.sse.SseParser;
import io.github.ssekit.sse.protocol.ResponseMetadata;
import io.netty.buffer.ByteBuf;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.buffer.BufferInternal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One stream's connection state machine ({@link State}): connection attempts, the accepted response feeding the
 * parser, the queue of events between parser and consumer, reconnection, and the terminal signal. What a response
 * means is {@link Acceptance}'s, which redirect is followed {@link RedirectPolicy}'s, when to read
 * {@link FlowControl}'s, idleness {@link IdleClock}'s, and error bodies are read by {@link BoundedBody}.
 *
 * <p>All state is confined to one {@link EventLoop}. Public methods called from elsewhere hop onto it. Callbacks
 * of a connection carry the {@link #generation} they were made for; once that connection is abandoned (ended,
 * failed, timed out, cancelled) the generation moves on and its late callbacks are ignored.
 */
final class SseStreamImpl implements SseStream {

  private enum State {
    /** The first request (or one of its redirects) is in flight: its outcome completes {@code connect}. */
    OPENING,
    /** A reconnection's request (or one of its redirects) is in flight. */
    CONNECTING,
    /** An accepted response is feeding the parser. */
    STREAMING,
    /**
     * The response ended or failed before a consumer was attached: what follows (a reconnection or the end) waits
     * for one, so that it is observed.
     */
    PARKED,
    /** Waiting for the reconnection delay. */
    WAITING,
    /** Ended or failed; the terminal signal waits for queued events to be delivered. */
    ENDING,
    /** The terminal signal was delivered, or the first request failed. */
    DONE,
    CANCELLED
  }

  private static final String EVENT_STREAM = "text/event-stream";
  private static final String LAST_EVENT_ID = "Last-Event-ID";

  private final SseClientImpl client;
  private final Vertx vertx;
  private final EventLoop loop;
  private final SseClientOptions options;
  private final SseRequest request;
  private final Hop firstHop;
  private final Duration idleTimeout;
  private final SseParser parser;
  private final RedirectPolicy redirects;
  private final FlowControl flow;
  private final IdleClock idle;
  private final RetryPolicy retries;
  private final StreamRecorder recorder;
  /**
   * Whether each parsed event goes to the recorder as a token: only for a plain stream (a binding counts its own
   * values) that is observed. Decided once, so that an unobserved stream's per-event path reads no clock and makes
   * no call for figures nobody reads.
   */
  private final boolean countsEvents;
  private final Duration deadline;
  private final Promise<SseStream> accepted = Promise.promise();
  private final ArrayDeque<SseEvent> pending = new ArrayDeque<>();

  private State state = State.OPENING;
  private int generation;
  private HttpClientRequest currentRequest;
  /** The end ({@code null}) or failure of the response, while {@link State#PARKED}. */
  private SseException parkedCause;
  private Throwable terminalFailure;
  private long reconnectTimerId = -1;
  private long deadlineTimerId = -1;
  private int reconnectsWithoutEvent;

  private boolean consumerAttached;
  private long demand = Long.MAX_VALUE;
  private boolean pumping;
  private boolean pumpAgain;
  private Handler<SseEvent> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  private Handler<ReconnectAttempt> reconnectHandler;
  private Handler<SseException> warningHandler;

  // lastEventId stays volatile although it is written per event that changes the ID: lastEventId() may be called
  // from any thread, and the parser calls onLastEventId only on a change, so a stream without IDs never writes it
  private volatile String lastEventId;
  private volatile MultiMap responseHeaders = MultiMap.caseInsensitiveMultiMap();
  private volatile int responseStatus;
  private volatile int readRetries;

  /**
   * @param recorder a binding's recorder of this stream's figures, or {@code null} for one of the transport's own
   */
  SseStreamImpl(SseClientImpl client, EventLoop loop, SseRequest request, StreamRecorder recorder) {
    this.client = client;
    this.vertx = client.vertx();
    this.loop = loop;
    this.options = client.optionsShared();
    this.request = request;
    this.firstHop = Hop.first(request);
    this.idleTimeout = request.idleTimeout().orElse(options.getIdleTimeout());
    this.lastEventId = request.lastEventId();
    this.parser = SseParser.builder()
        .handler(new ParserEvents())
        .maxEventBytes(options.getMaxEventBytes())
        .lastEventId(request.lastEventId())
        .build();
    this.redirects = new RedirectPolicy(options.getMaxRedirects());
    this.flow = new FlowControl(options.getMaxPendingEvents());
    this.retries = new RetryPolicy(options, request);
    this.recorder = recorder != null ? recorder : StreamRecorder.forTransport(options.getObserver(),
        new ObservedStream("sse", "stream", Optional.empty(), request.uri().getHost(), port(request.uri())));
    this.countsEvents = !this.recorder.ownedByBinding() && this.recorder.observing();
    this.deadline = request.deadline().orElse(options.getDeadline());
    this.idle = new IdleClock(vertx, idleTimeout,
        () -> connectionLost(new SseIdleTimeoutException(idleTimeout, SseRequest.redactedUri(request.uri()))));
  }

  Future<SseStream> start() {
    loop.execute(() -> {
      if (!deadline.isZero() && state == State.OPENING) {
        deadlineTimerId = vertx.setTimer(Math.max(1, deadline.toMillis()), t -> {
          deadlineTimerId = -1;
          deadlineExpired();
        });
      }
      attempt(firstHop);
    });
    return accepted.future();
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  // ---- connection attempts --------------------------------------------------------------------------------

  private void attempt(Hop hop) {
    if (state != State.OPENING && state != State.CONNECTING) {
      return; // cancelled before the attempt ran
    }
    if (client.isClosed()) {
      attemptFailed(new SseConnectionException("the client is closed", null), false, null);
      return;
    }
    int gen = ++generation;
    Future<HttpClientRequest> requested;
    try {
      requested = client.http().request(requestOptions(hop));
    } catch (RuntimeException e) {
      // A request Vert.x refuses to build must fail this stream, not the timer or caller that started it. Its
      // message may quote a header value, which may be a credential: only the exception's class is kept.
      attemptFailed(new SseConnectionException("cannot request " + SseRequest.redactedUri(hop.uri())
          + ": the HTTP client refused the request (" + e.getClass().getSimpleName() + ")", null), false, null);
      return;
    }
    requested.onComplete(ar -> {
      if (gen != generation) {
        if (ar.succeeded()) {
          ar.result().reset();
        }
        return;
      }
      if (ar.failed()) {
        RetryPolicy.Decision retry = retryDecision(true, "no connection", null);
        attemptFailed(new SseConnectionException("cannot connect to " + SseRequest.redactedUri(hop.uri())
            + note(retry), ar.cause()), true, retry);
        return;
      }
      recorder.connected();
      HttpClientRequest req = ar.result();
      currentRequest = req;
      Future<HttpClientResponse> response = hop.body() == null ? req.send() : req.send(hop.body());
      response.onComplete(rar -> {
        if (gen != generation) {
          if (rar.succeeded()) {
            req.reset();
          }
          return;
        }
        if (rar.failed()) {
          currentRequest = null;
          RetryPolicy.Decision retry = retryDecision(true, "no response", null);
          attemptFailed(sendFailure(rar.cause(), hop.uri(), note(retry)), true, retry);
          return;
        }
        onResponse(rar.result(), hop, gen);
      });
    });
  }

  private RequestOptions requestOptions(Hop hop) {
    MultiMap sent = MultiMap.caseInsensitiveMultiMap().addAll(hop.headers());
    if (!sent.contains(HttpHeaders.ACCEPT)) {
      sent.set(HttpHeaders.ACCEPT, EVENT_STREAM);
    }
    if (!client.decompresses() && !sent.contains(HttpHeaders.ACCEPT_ENCODING)) {
      // Without the header any coding is acceptable (RFC 9110), and compressed bytes would reach the parser
      sent.set(HttpHeaders.ACCEPT_ENCODING, HttpHeaders.IDENTITY);
    }
    String id = parser.lastEventId();
    if (!id.isEmpty()) {
      sent.set(LAST_EVENT_ID, headerOctets(id)); // sendable: checked when the reconnection was scheduled
    }
    return new RequestOptions()
        .setMethod(hop.method())
        .setAbsoluteURI(hop.uri().toString())
        .setFollowRedirects(false) // RedirectPolicy decides
        .setHeaders(sent)
        .setConnectTimeout(options.getConnectTimeout().toMillis())
        // Vert.x counts this only until the response head; after it, the stream's IdleClock takes over
        .setIdleTimeout(idleTimeout.toMillis());
  }

  private SseException sendFailure(Throwable cause, URI uri, String note) {
    // Vert.x signals its request idle timeout with an exception class of its impl package (not API): match the name
    if (cause.getClass().getSimpleName().contains("Timeout")) {
      SseIdleTimeoutException e = new SseIdleTimeoutException(idleTimeout,
          SseRequest.redactedUri(uri) + " (waiting for the response head)" + note);
      e.initCause(cause);
      return e;
    }
    return new SseConnectionException("request to " + SseRequest.redactedUri(uri) + " failed" + note, cause);
  }

  private void onResponse(HttpClientResponse resp, Hop hop, int gen) {
    int status = resp.statusCode();
    recorder.responseHead();
    String contentType = resp.getHeader(HttpHeaders.CONTENT_TYPE);
    String encoding = resp.getHeader(HttpHeaders.CONTENT_ENCODING);
    Acceptance.Verdict verdict = Acceptance.verdict(status, contentType, encoding);
    if (verdict == Acceptance.Verdict.STREAM) {
      accept(resp, gen);
      return;
    }
    BoundedBody.readUntilStalled(vertx, resp, options.getMaxErrorBodyBytes(), idleTimeout).onComplete(ar -> {
      if (gen != generation) {
        return;
      }
      currentRequest = null;
      // a server (or a proxy's error page) may echo the credentials sent: cut them out before they reach a message
      Redactor redact = Redactor.of(hop.headers());
      byte[] body = redact.apply(ar.result().bytes().getBytes());
      boolean truncated = ar.result().truncated();
      MultiMap headers = redact.apply(resp.headers());
      String what = "HTTP " + status + " from " + hop.method() + " " + SseRequest.redactedUri(hop.uri());
      switch (verdict) {
        case NO_CONTENT -> {
          accepted.tryComplete(this); // the server asks for no events: an empty stream, not an error
          terminal(null);
        }
        case REDIRECT -> {
          RedirectPolicy.Decision decision = redirects.decide(hop, status, resp.getHeader(HttpHeaders.LOCATION));
          if (decision instanceof RedirectPolicy.Follow follow) {
            attempt(follow.next());
          } else {
            attemptFailed(new RedirectException(what + ": " + ((RedirectPolicy.Refuse) decision).reason(), status,
                headers, body, truncated), false, null);
          }
        }
        default -> {
          boolean errorStatus = verdict == Acceptance.Verdict.ERROR_STATUS;
          RetryPolicy.Decision retry = retryDecision(errorStatus && RetryPolicy.retryableStatus(status),
              "HTTP " + status, resp.headers());
          attemptFailed(Acceptance.rejection(verdict, what + note(retry), status, contentType, encoding, headers,
              body, truncated), errorStatus && options.getRetryableStatuses().contains(status), retry);
        }
      }
    });
  }

  /** Before the stream was first accepted, whether to retry the failed attempt; {@code null} after. */
  private RetryPolicy.Decision retryDecision(boolean retryable, String summary, MultiMap headers) {
    if (state != State.OPENING) {
      return null;
    }
    return retries.decide(retryable, summary, headers, ThreadLocalRandom.current().nextDouble(), Instant.now());
  }

  private static String note(RetryPolicy.Decision retry) {
    return retry == null ? "" : retry.note();
  }

  /**
   * Before the stream was first accepted, a failure is retried if {@code retry} says so, else it fails
   * {@link #start()}; later ones reconnect if they may ({@code reconnectable}), else end the stream.
   */
  private void attemptFailed(SseException error, boolean reconnectable, RetryPolicy.Decision retry) {
    generation++;
    currentRequest = null;
    flow.detach();
    if (state == State.OPENING) {
      if (retry instanceof RetryPolicy.Retry again && !client.isClosed()) {
        scheduleRetry(error, again);
        return;
      }
      SseException last = retries.last(error);
      state = State.DONE;
      stopDeadline();
      client.forget(this);
      recorder.transportEnded(StreamStats.Outcome.REJECTED, last); // before the caller hears of it
      accepted.tryFail(last);
      return;
    }
    if (reconnectable && reconnects()) {
      scheduleReconnect(error);
    } else {
      terminal(error);
    }
  }

  private void scheduleRetry(SseException error, RetryPolicy.Retry retry) {
    retries.retried(error);
    recorder.retry(new RetryAttempt(retry.retry(), retry.delay(), error, retry.retryAfterProblem()));
    if (state != State.OPENING) {
      return; // the observer cancelled the stream
    }
    reconnectTimerId = vertx.setTimer(Math.max(1, retry.delay().toMillis()), t -> {
      reconnectTimerId = -1;
      attempt(firstHop);
    });
  }

  // ---- the deadline ----------------------------------------------------------------------------------------

  /**
   * Before acceptance the connection future fails; after, the connection is closed and the stream ends with the
   * deadline exception once what was received is delivered.
   */
  private void deadlineExpired() {
    boolean beforeAcceptance = state == State.OPENING;
    if (!beforeAcceptance && state != State.STREAMING && state != State.CONNECTING && state != State.WAITING
        && state != State.PARKED) {
      return;
    }
    generation++;
    if (reconnectTimerId >= 0) {
      vertx.cancelTimer(reconnectTimerId);
      reconnectTimerId = -1;
    }
    HttpClientRequest req = currentRequest;
    currentRequest = null;
    flow.detach();
    idle.stop();
    if (req != null) {
      req.reset(); // closes the connection: a half-read response must not go back to the pool
    }
    SseDeadlineException expired = new SseDeadlineException(deadline, SseRequest.redactedUri(request.uri()),
        !beforeAcceptance);
    if (beforeAcceptance) {
      SseException last = retries.last(expired);
      state = State.DONE;
      client.forget(this);
      recorder.transportEnded(StreamStats.Outcome.DEADLINE, last);
      accepted.tryFail(last);
      return;
    }
    parser.end();
    parkedCause = null;
    terminal(expired);
  }

  private void stopDeadline() {
    if (deadlineTimerId >= 0) {
      vertx.cancelTimer(deadlineTimerId);
      deadlineTimerId = -1;
    }
  }

  // ---- the accepted response -------------------------------------------------------------------------------

  private void accept(HttpClientResponse resp, int gen) {
    flow.attach(resp); // paused until a consumer is attached and the queue has room
    resp.handler(chunk -> onChunk(chunk, gen));
    resp.endHandler(v -> onBodyEnd(gen));
    resp.exceptionHandler(err -> onConnectionError(err, gen));
    state = State.STREAMING;
    responseHeaders = MultiMap.caseInsensitiveMultiMap().addAll(resp.headers());
    responseStatus = resp.statusCode();
    parser.reset();
    readRetries = retries.retries();
    accepted.tryComplete(this);
    pump();
  }

  private void onChunk(Buffer chunk, int gen) {
    if (gen != generation) {
      return;
    }
    idle.touch();
    recorder.bytes(chunk.length());
    feed(chunk);
    pump();
  }

  /**
   * Feeds a body buffer to the parser without copying it when it can: Vert.x hands the response body over in heap
   * buffers (it copies each network read out of Netty's pooled memory), so the parser reads their array in place;
   * only another kind of buffer is read through a {@link java.nio.ByteBuffer} view, which the parser copies in
   * slices into its own scratch array.
   */
  private void feed(Buffer chunk) {
    if (chunk instanceof BufferInternal internal) {
      ByteBuf bytes = internal.unwrap();
      if (bytes.hasArray()) {
        parser.feed(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes());
      } else {
        parser.feed(bytes.nioBuffer());
      }
      return;
    }
    parser.feed(chunk.getBytes());
  }

  private void onBodyEnd(int gen) {
    if (gen == generation) {
      connectionLostOrPark(null);
    }
  }

  private void onConnectionError(Throwable err, int gen) {
    if (gen != generation) {
      return;
    }
    SseConnectionException lost = new SseConnectionException(
        "connection to " + SseRequest.redactedUri(request.uri()) + " lost", err);
    // Vert.x reports the error at once, ahead of body chunks it still holds for us because we had not asked for
    // them (no handler yet, or a paused consumer). Take those first: they were received, so they are not lost.
    // Vert.x delivers them from a task it queues on this event loop, so ours, queued next, runs after them.
    // What they may add to the pending queue is bounded by Vert.x's inbound queue. The response is let go first,
    // so no high-water mark pauses it again before they are all in.
    if (!flow.release()) {
      connectionLost(lost);
      return;
    }
    loop.defer(() -> {
      if (gen == generation) {
        connectionLostOrPark(lost);
      }
    });
  }

  /**
   * Acts on the end ({@code cause == null}) or failure of the response now if a consumer is attached, else once
   * one is: a stream neither reconnects nor ends before its handlers are set, so no reconnection goes unobserved.
   */
  private void connectionLostOrPark(SseException cause) {
    if (consumerAttached) {
      connectionLost(cause);
    } else {
      state = State.PARKED;
      parkedCause = cause;
    }
  }

  /** The body ended ({@code cause == null}), the connection failed or went idle: reconnect, or end the stream. */
  private void connectionLost(SseException cause) {
    generation++;
    parser.end(); // an event cut off by the disconnection is discarded, its id not committed
    HttpClientRequest req = currentRequest;
    currentRequest = null;
    flow.detach();
    idle.stop();
    if (cause != null && req != null) {
      req.reset(); // closes the connection rather than returning a broken one to the pool
    }
    if (reconnects()) {
      scheduleReconnect(cause);
    } else {
      terminal(cause);
    }
  }

  // ---- reconnection ----------------------------------------------------------------------------------------

  private boolean reconnects() {
    return request.reconnects() && options.getMaxReconnectAttempts() > 0 && !client.isClosed();
  }

  private void scheduleReconnect(SseException cause) {
    if (!HeaderValues.isSendable(parser.lastEventId())) {
      // Sending another ID, or none, would have the server repeat or skip events: end here, nothing lost or repeated
      terminal(new SseException("cannot resume " + SseRequest.redactedUri(request.uri())
          + ": the last event ID has control characters, which an HTTP header cannot carry", cause));
      return;
    }
    reconnectsWithoutEvent++;
    if (reconnectsWithoutEvent > options.getMaxReconnectAttempts()) {
      terminal(cause != null ? cause : new SseConnectionException("gave up after " + options.getMaxReconnectAttempts()
          + " reconnections in a row without an event from " + SseRequest.redactedUri(request.uri()), null));
      return;
    }
    Duration delay = ReconnectBackoff.delay(reconnectsWithoutEvent, parser.retry(), options,
        ThreadLocalRandom.current().nextDouble());
    if (cause instanceof HttpStatusException status) {
      RetryAfter asked = RetryAfter.parse(status.headers().get("Retry-After"), status.headers().get("retry-after-ms"),
          Instant.now());
      delay = ReconnectBackoff.atLeastRetryAfter(delay, asked, options);
      if (asked.garbage().isPresent() && warningHandler != null) {
        warningHandler.handle(new SseException(asked.garbage().get() + ": reconnecting after the backoff"));
      }
    }
    state = State.WAITING;
    ReconnectAttempt attempt = new ReconnectAttempt(reconnectsWithoutEvent, delay, Optional.ofNullable(cause),
        parser.lastEventId());
    recorder.reconnect(attempt);
    Handler<ReconnectAttempt> observer = reconnectHandler;
    if (observer != null && state == State.WAITING) {
      observer.handle(attempt);
    }
    if (state != State.WAITING) {
      return; // an observer cancelled the stream
    }
    reconnectTimerId = vertx.setTimer(Math.max(1, delay.toMillis()), t -> {
      reconnectTimerId = -1;
      if (state == State.WAITING) {
        state = State.CONNECTING;
        attempt(firstHop);
      }
    });
  }

  // ---- delivery ---------------------------------------------------------------------------------------------

  private void terminal(SseException failure) {
    state = State.ENDING;
    terminalFailure = failure;
    pump();
  }

  /** Moves events to the consumer as far as demand allows, then decides whether to read more and times idleness. */
  private void pump() {
    if (pumping) {
      pumpAgain = true; // a handler or a synchronous fetch re-entered: the outer loop goes round again
      return;
    }
    pumping = true;
    try {
      do {
        pumpAgain = false;
        pumpOnce();
      } while (pumpAgain);
    } finally {
      pumping = false;
    }
  }

  private void pumpOnce() {
    while (handler != null && demand > 0 && !pending.isEmpty() && state != State.CANCELLED) {
      SseEvent event = pending.poll();
      if (demand != Long.MAX_VALUE) {
        demand--;
      }
      handler.handle(event);
    }
    if (state == State.ENDING && pending.isEmpty() && consumerAttached) {
      deliverTerminal();
      return;
    }
    if (state == State.STREAMING) {
      flow.update(pending.size(), consumerAttached);
    }
    // Idleness counts only while a consumer wants events from a streaming response: a paused consumer stops the
    // clock, and resuming starts a full period.
    if (state == State.STREAMING && handler != null && demand > 0) {
      idle.start();
    } else {
      idle.pause();
    }
  }

  private void deliverTerminal() {
    state = State.DONE;
    idle.stop();
    stopDeadline();
    client.forget(this);
    recorder.transportEnded(terminalFailure == null ? StreamStats.Outcome.COMPLETED
        : terminalFailure instanceof SseDeadlineException ? StreamStats.Outcome.DEADLINE
        : StreamStats.Outcome.BROKEN, terminalFailure);
    if (terminalFailure != null) {
      if (exceptionHandler != null) {
        exceptionHandler.handle(terminalFailure);
      }
    } else if (endHandler != null) {
      endHandler.handle(null);
    }
  }

  // ---- public API -------------------------------------------------------------------------------------------

  @Override
  public SseStream handler(Handler<SseEvent> handler) {
    loop.execute(() -> {
      this.handler = handler;
      if (handler != null && !consumerAttached) {
        consumerAttached = true;
        if (state == State.PARKED) {
          SseException cause = parkedCause;
          parkedCause = null;
          connectionLost(cause);
        }
      }
      pump();
    });
    return this;
  }

  // pause() and fetch() may come once per event (a consumer that takes one at a time, a derived stream passing its
  // demand on): on the loop they act at once without the task a hop would need, one allocation per event less.

  @Override
  public SseStream pause() {
    if (loop.inLoop()) {
      setDemand(0);
    } else {
      loop.defer(() -> setDemand(0));
    }
    return this;
  }

  @Override
  public SseStream resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public SseStream fetch(long amount) {
    if (amount < 0) {
      throw new IllegalArgumentException("negative fetch: " + amount);
    }
    if (loop.inLoop()) {
      addDemand(amount);
    } else {
      loop.defer(() -> addDemand(amount));
    }
    return this;
  }

  private void setDemand(long amount) {
    demand = amount;
    pump();
  }

  private void addDemand(long amount) {
    setDemand(demand > Long.MAX_VALUE - amount ? Long.MAX_VALUE : demand + amount);
  }

  @Override
  public SseStream endHandler(Handler<Void> endHandler) {
    loop.execute(() -> this.endHandler = endHandler);
    return this;
  }

  @Override
  public SseStream exceptionHandler(Handler<Throwable> handler) {
    loop.execute(() -> this.exceptionHandler = handler);
    return this;
  }

  @Override
  public SseStream reconnectHandler(Handler<ReconnectAttempt> handler) {
    loop.execute(() -> this.reconnectHandler = handler);
    return this;
  }

  @Override
  public SseStream warningHandler(Handler<SseException> handler) {
    loop.execute(() -> this.warningHandler = handler);
    return this;
  }

  @Override
  public Future<Void> cancel() {
    Promise<Void> done = Promise.promise();
    loop.execute(() -> {
      if (state == State.DONE || state == State.CANCELLED) {
        done.tryComplete();
        return;
      }
      state = State.CANCELLED;
      generation++;
      idle.stop();
      stopDeadline();
      recorder.transportEnded(StreamStats.Outcome.CANCELLED, null);
      if (reconnectTimerId >= 0) {
        vertx.cancelTimer(reconnectTimerId);
        reconnectTimerId = -1;
      }
      pending.clear();
      client.forget(this);
      accepted.tryFail(new SseException("cancelled"));
      HttpClientRequest req = currentRequest;
      currentRequest = null;
      flow.detach();
      if (req == null) {
        done.tryComplete();
      } else {
        req.reset().onComplete(ar -> done.tryComplete());
      }
    });
    return done.future();
  }

  @Override
  public String lastEventId() {
    return lastEventId;
  }

  @Override
  public int retries() {
    return readRetries;
  }

  @Override
  public ResponseMetadata responseMetadata() {
    return Metadata.of(responseStatus, Redactor.of(request.headers()).apply(responseHeaders), readRetries);
  }

  @Override
  public MultiMap responseHeaders() {
    return MultiMap.caseInsensitiveMultiMap().addAll(responseHeaders);
  }

  @Override
  public Flow.Publisher<SseEvent> publisher() {
    return new ReadStreamPublisher<>(this, this::cancel, loop::defer);
  }

  @Override
  public EventIterator iterator() {
    return new BlockingEventIterator(this, BlockingIterator.lookAhead(options.getMaxPendingEvents()));
  }

  @Override
  public Stream<SseEvent> blockingStream() {
    return new BlockingEventIterator(this, BlockingIterator.lookAhead(options.getMaxPendingEvents())).stream();
  }

  @Override
  public String toString() {
    return "SseStream[" + request + ", lastEventId=" + lastEventId + "]";
  }

  // ---- seams for tests of this package (StreamProbe); call from a thread other than the event loop's ---------

  /** Events parsed but not yet delivered. */
  int pendingEvents() {
    return readOnLoop(pending::size);
  }

  /** How often this stream paused and resumed the Vert.x response, over all its connections. */
  int[] transportPausesAndResumes() {
    return readOnLoop(() -> new int[] {flow.pauses(), flow.resumes()});
  }

  private <T> T readOnLoop(Supplier<T> read) {
    Promise<T> result = Promise.promise();
    loop.execute(() -> result.complete(read.get()));
    return result.future().await();
  }

  // ---- helpers ----------------------------------------------------------------------------------------------

  private final class ParserEvents implements SseHandler {
    @Override
    public void onEvent(SseEvent event) {
      pending.add(event);
      if (countsEvents) {
        recorder.token();
      }
      reconnectsWithoutEvent = 0;
    }

    @Override
    public void onLastEventId(String id) {
      lastEventId = id;
    }

    @Override
    public void onError(SseException error) {
      if (warningHandler != null) {
        warningHandler.handle(error);
      }
    }
  }

  /**
   * The HTML standard sends {@code Last-Event-ID} encoded as UTF-8, while HTTP header values travel as octets
   * (Netty writes each char as one byte): a non-ASCII ID goes as its UTF-8 bytes, one char per byte.
   */
  private static String headerOctets(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) >= 0x80) {
        return new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
      }
    }
    return value;
  }
}
