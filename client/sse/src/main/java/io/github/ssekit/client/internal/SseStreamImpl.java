package io.github.ssekit.client.internal;

import io.github.ssekit.client.EventIterator;
import io.github.ssekit.client.HttpStatusException;
import io.github.ssekit.client.ReconnectAttempt;
import io.github.ssekit.client.RedirectException;
import io.github.ssekit.client.SseClientOptions;
import io.github.ssekit.client.SseConnectionException;
import io.github.ssekit.client.SseIdleTimeoutException;
import io.github.ssekit.client.SseRequest;
import io.github.ssekit.client.SseStream;
import io.github.ssekit.client.UnexpectedContentTypeException;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.SseHandler;
import io.github.ssekit.sse.SseParser;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One stream: connection attempts, redirects, the accepted response feeding the parser, the bounded queue of
 * events between parser and consumer, the idle timer, reconnection, and the terminal signal.
 *
 * <p>All state is confined to one event-loop thread. Public methods called from elsewhere hop onto it. Callbacks
 * of a connection carry the {@link #generation} they were made for; once that connection is abandoned (ended,
 * failed, timed out, cancelled) the generation moves on and its late callbacks are ignored.
 */
public final class SseStreamImpl implements SseStream {

  private enum State {
    /** A request (or one of its redirects) is in flight. */
    CONNECTING,
    /** An accepted response is feeding the parser. */
    STREAMING,
    /** Waiting for the reconnection delay. */
    WAITING,
    /** Ended or failed; the terminal signal waits for queued events to be delivered. */
    ENDING,
    /** The terminal signal was delivered. */
    DONE,
    CANCELLED
  }

  private static final String EVENT_STREAM = "text/event-stream";
  private static final String LAST_EVENT_ID = "Last-Event-ID";

  private final SseClientImpl client;
  private final Vertx vertx;
  private final Context context;
  private final SseClientOptions options;
  private final SseRequest request;
  private final Buffer body;
  private final Duration idleTimeout;
  private final SseParser parser;
  private final Promise<SseStream> accepted = Promise.promise();
  private final ArrayDeque<SseEvent> pending = new ArrayDeque<>();

  /** The event-loop thread of {@link #context}, known once the stream ran on it. */
  private volatile Thread loopThread;

  private State state = State.CONNECTING;
  private boolean everAccepted;
  private int generation;
  private HttpClientRequest currentRequest;
  private HttpClientResponse currentResponse;
  /** Whether {@link #currentResponse} is paused: reading resumes at the low-water mark, stops at the high one. */
  private boolean transportPaused;
  private int transportPauses;
  private int transportResumes;
  private long demand = Long.MAX_VALUE;
  private Handler<SseEvent> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  private Handler<ReconnectAttempt> reconnectHandler;
  private Handler<SseException> warningHandler;
  private Throwable terminalFailure;
  private long idleTimerId = -1;
  /** Whether idleness counts now (a consumer wants events from a streaming response); the timer may outlive it. */
  private boolean idleClockRunning;
  private long lastActivityNanos;
  private long reconnectTimerId = -1;
  private int reconnectsWithoutEvent;
  private boolean pumping;
  private boolean pumpAgain;
  private boolean consumerAttached;
  /** The end or failure of the connection, held until a consumer is attached. */
  private Runnable parkedUntilAttached;

  private volatile String lastEventId;
  private volatile MultiMap responseHeaders = MultiMap.caseInsensitiveMultiMap();

  SseStreamImpl(SseClientImpl client, Context context, SseRequest request) {
    this.client = client;
    this.vertx = client.vertx();
    this.context = context;
    this.options = client.optionsShared();
    this.request = request;
    this.body = request.body().orElse(null);
    this.idleTimeout = request.idleTimeout().orElse(options.getIdleTimeout());
    this.lastEventId = request.lastEventId();
    this.parser = SseParser.builder()
        .handler(new ParserEvents())
        .maxEventSize(options.getMaxEventSize())
        .lastEventId(request.lastEventId())
        .build();
  }

  Future<SseStream> start() {
    onLoop(() -> attempt(request.uri(), request.method(), body, request.headers(), 0));
    return accepted.future();
  }

  // ---- connection attempts --------------------------------------------------------------------------------

  private void attempt(URI uri, HttpMethod method, Buffer requestBody, MultiMap headers, int redirects) {
    if (state == State.CANCELLED || state == State.DONE || state == State.ENDING) {
      return;
    }
    if (client.isClosed()) {
      attemptFailed(new SseConnectionException("the client is closed", null), false);
      return;
    }
    int gen = ++generation;
    state = State.CONNECTING;
    Future<HttpClientRequest> requested;
    try {
      requested = client.http().request(requestOptions(uri, method, headers));
    } catch (RuntimeException e) {
      // A request Vert.x refuses to build must fail this stream, not the timer or caller that started it. Its
      // message may quote a header value, which may be a credential: only the exception's class is kept.
      attemptFailed(new SseConnectionException("cannot request " + SseRequest.redactedUri(uri)
          + ": the HTTP client refused the request (" + e.getClass().getSimpleName() + ")", null), false);
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
        attemptFailed(new SseConnectionException("cannot connect to " + SseRequest.redactedUri(uri), ar.cause()),
            true);
        return;
      }
      HttpClientRequest req = ar.result();
      currentRequest = req;
      Future<HttpClientResponse> response = requestBody == null ? req.send() : req.send(requestBody);
      response.onComplete(rar -> {
        if (gen != generation) {
          if (rar.succeeded()) {
            req.reset();
          }
          return;
        }
        if (rar.failed()) {
          currentRequest = null;
          attemptFailed(sendFailure(rar.cause(), uri), true);
          return;
        }
        onResponse(rar.result(), uri, method, requestBody, headers, redirects, gen);
      });
    });
  }

  private RequestOptions requestOptions(URI uri, HttpMethod method, MultiMap headers) {
    MultiMap sent = MultiMap.caseInsensitiveMultiMap().addAll(headers);
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
        .setMethod(method)
        .setAbsoluteURI(uri.toString())
        .setFollowRedirects(false)
        .setHeaders(sent)
        .setConnectTimeout(options.getConnectTimeout().toMillis())
        // Vert.x counts this only until the response head; after it, our own idle timer takes over
        .setIdleTimeout(idleTimeout.toMillis());
  }

  private SseException sendFailure(Throwable cause, URI uri) {
    // Vert.x signals its request idle timeout with an exception class of its impl package (not API): match the name
    if (cause.getClass().getSimpleName().contains("Timeout")) {
      SseIdleTimeoutException e = new SseIdleTimeoutException(idleTimeout,
          SseRequest.redactedUri(uri) + " (waiting for the response head)");
      e.initCause(cause);
      return e;
    }
    return new SseConnectionException("request to " + SseRequest.redactedUri(uri) + " failed", cause);
  }

  private void onResponse(HttpClientResponse resp, URI uri, HttpMethod method, Buffer requestBody,
      MultiMap headers, int redirects, int gen) {
    int status = resp.statusCode();
    String contentType = resp.getHeader(HttpHeaders.CONTENT_TYPE);
    String encoding = resp.getHeader(HttpHeaders.CONTENT_ENCODING);
    boolean readable = encoding == null || encoding.isBlank() || encoding.trim().equalsIgnoreCase("identity");
    if (status == 200 && isEventStream(contentType) && readable) {
      accept(resp, gen);
      return;
    }
    readCappedBody(resp, gen).onComplete(ar -> {
      if (gen != generation) {
        return;
      }
      currentRequest = null;
      // a server (or a proxy's error page) may echo the credentials sent: cut them out before they reach a message
      Redactor redact = Redactor.of(headers);
      CappedBody errorBody = new CappedBody(redact.apply(ar.result().bytes), ar.result().truncated);
      MultiMap responseHeaders = redact.apply(resp.headers());
      String what = "HTTP " + status + " from " + method + " " + SseRequest.redactedUri(uri);
      if (status == 204) {
        everAccepted(); // the server asks for no events: an empty stream, not an error
        terminal(null);
      } else if (isRedirect(status)) {
        followRedirect(resp, responseHeaders, errorBody, what, uri, method, requestBody, headers, redirects);
      } else if (status == 200 && !readable) {
        // decoded already when decompression is on: a coding left is one the client cannot read (or did not ask for)
        attemptFailed(new UnexpectedContentTypeException(what + " is an event stream in a coding that was not asked"
            + " for (Content-Encoding: " + encoding.trim() + ")", status, responseHeaders, errorBody.bytes,
            errorBody.truncated, contentType == null ? "" : contentType), false);
      } else if (status == 200) {
        attemptFailed(new UnexpectedContentTypeException(
            what + " is not an event stream (Content-Type: " + (contentType == null ? "none" : contentType) + ")",
            status, responseHeaders, errorBody.bytes, errorBody.truncated, contentType == null ? "" : contentType),
            false);
      } else {
        attemptFailed(new HttpStatusException(what, status, responseHeaders, errorBody.bytes, errorBody.truncated),
            options.getRetryableStatuses().contains(status));
      }
    });
  }

  private void followRedirect(HttpClientResponse resp, MultiMap responseHeaders, CappedBody redirectBody, String what,
      URI uri, HttpMethod method, Buffer requestBody, MultiMap headers, int redirects) {
    String location = resp.getHeader(HttpHeaders.LOCATION);
    int status = resp.statusCode();
    if (location == null || location.isBlank()) {
      attemptFailed(new RedirectException(what + ": redirect without Location", status, responseHeaders,
          redirectBody.bytes, redirectBody.truncated), false);
      return;
    }
    if (redirects >= options.getMaxRedirects()) {
      attemptFailed(new RedirectException(what + ": more than " + options.getMaxRedirects() + " redirects", status,
          responseHeaders, redirectBody.bytes, redirectBody.truncated), false);
      return;
    }
    URI next;
    try {
      next = uri.resolve(location.trim());
    } catch (IllegalArgumentException e) {
      next = null;
    }
    String scheme = next == null || next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
    if (next == null || next.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
      attemptFailed(new RedirectException(what + ": unusable Location", status, responseHeaders, redirectBody.bytes,
          redirectBody.truncated), false);
      return;
    }
    if (uri.getScheme().equalsIgnoreCase("https") && scheme.equals("http")) {
      // as Java's HttpClient (Redirect.NORMAL) does: a body and headers meant for TLS never go out in clear text
      attemptFailed(new RedirectException(what + ": refused a redirect from https to http", status, responseHeaders,
          redirectBody.bytes, redirectBody.truncated), false);
      return;
    }
    HttpMethod nextMethod = method;
    Buffer nextBody = requestBody;
    MultiMap nextHeaders = MultiMap.caseInsensitiveMultiMap().addAll(headers);
    // As fetch does: 303 turns into GET; 301 and 302 turn a POST into GET; 307 and 308 keep method and body.
    if ((status == 303 && method != HttpMethod.HEAD) || ((status == 301 || status == 302) && method == HttpMethod.POST)) {
      nextMethod = HttpMethod.GET;
      nextBody = null;
      nextHeaders.remove(HttpHeaders.CONTENT_TYPE).remove(HttpHeaders.CONTENT_LENGTH);
    }
    if (!sameOrigin(uri, next)) {
      // credentials meant for one origin must not travel to another
      nextHeaders.names().stream().filter(SseRequest::isSensitiveHeader).toList().forEach(nextHeaders::remove);
    }
    attempt(next, nextMethod, nextBody, nextHeaders, redirects + 1);
  }

  /** The first attempt's failure fails {@link #start()}; later ones reconnect if they may, else end the stream. */
  private void attemptFailed(SseException error, boolean retryable) {
    generation++;
    currentRequest = null;
    currentResponse = null;
    if (!everAccepted) {
      state = State.DONE;
      client.forget(this);
      accepted.tryFail(error);
      return;
    }
    if (retryable && reconnects()) {
      scheduleReconnect(error);
    } else {
      terminal(error);
    }
  }

  private void everAccepted() {
    if (!everAccepted) {
      everAccepted = true;
      accepted.tryComplete(this);
    }
  }

  // ---- the accepted response -------------------------------------------------------------------------------

  private void accept(HttpClientResponse resp, int gen) {
    resp.pause(); // until a consumer is attached and the queue has room: pumpOnce resumes it
    transportPaused = true;
    resp.handler(chunk -> onChunk(chunk, gen));
    resp.endHandler(v -> onBodyEnd(gen));
    resp.exceptionHandler(err -> onConnectionError(err, gen));
    state = State.STREAMING;
    currentResponse = resp;
    responseHeaders = MultiMap.caseInsensitiveMultiMap().addAll(resp.headers());
    parser.reset();
    everAccepted();
    pump();
  }

  private void onChunk(Buffer chunk, int gen) {
    if (gen != generation) {
      return;
    }
    lastActivityNanos = System.nanoTime();
    parser.feed(chunk.getBytes());
    pump();
  }

  private void onBodyEnd(int gen) {
    if (gen != generation) {
      return;
    }
    whenAttached(gen, () -> connectionLost(null));
  }

  private void onConnectionError(Throwable err, int gen) {
    if (gen != generation) {
      return;
    }
    // Vert.x reports the error at once, ahead of body chunks it still holds for us because we had not asked for
    // them (no handler yet, or a paused consumer). Take those first: they were received, so they are not lost.
    // Vert.x delivers them from a task it queues on this event loop, so ours, queued next, runs after them.
    // What they may add to the pending queue is bounded by Vert.x's inbound queue. The response is let go first,
    // so no high-water mark pauses it again before they are all in.
    SseConnectionException lost = new SseConnectionException(
        "connection to " + SseRequest.redactedUri(request.uri()) + " lost", err);
    HttpClientResponse response = currentResponse;
    if (response == null) {
      connectionLost(lost);
      return;
    }
    currentResponse = null;
    response.resume();
    context.runOnContext(v -> whenAttached(gen, () -> connectionLost(lost)));
  }

  /**
   * Runs {@code action} for connection {@code gen} now if a consumer is attached, else once one is: a stream
   * neither reconnects nor ends before its handlers are set, so no reconnection goes unobserved.
   */
  private void whenAttached(int gen, Runnable action) {
    Runnable guarded = () -> {
      if (gen == generation) {
        action.run();
      }
    };
    if (consumerAttached) {
      guarded.run();
    } else {
      parkedUntilAttached = guarded;
    }
  }

  private void onIdleTimeout() {
    connectionLost(new SseIdleTimeoutException(idleTimeout, SseRequest.redactedUri(request.uri())));
  }

  /** The body ended ({@code cause == null}) or the connection failed: reconnect, or end the stream. */
  private void connectionLost(SseException cause) {
    generation++;
    parser.end(); // an event cut off by the disconnection is discarded, its id not committed
    HttpClientRequest req = currentRequest;
    currentRequest = null;
    currentResponse = null;
    cancelIdleTimer();
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
      delay = ReconnectBackoff.atLeastRetryAfter(delay, status.headers().get("Retry-After"), options);
    }
    state = State.WAITING;
    Handler<ReconnectAttempt> observer = reconnectHandler;
    if (observer != null) {
      observer.handle(new ReconnectAttempt(reconnectsWithoutEvent, delay, Optional.ofNullable(cause),
          parser.lastEventId()));
      if (state != State.WAITING) {
        return; // the observer cancelled the stream
      }
    }
    reconnectTimerId = vertx.setTimer(Math.max(1, delay.toMillis()), t -> {
      reconnectTimerId = -1;
      if (state == State.WAITING) {
        attempt(request.uri(), request.method(), body, request.headers(), 0);
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
    if (state == State.STREAMING && currentResponse != null) {
      flowControl();
    }
    updateIdleTimer();
  }

  /**
   * Reads with hysteresis instead of one {@code fetch(1)} per chunk (each of which costs Vert.x an event-loop
   * task): the response flows while fewer than {@code maxPendingEvents} events wait, is paused once that many do,
   * and resumes when at most half of them are left. A consumer that keeps up empties the queue within each chunk's
   * pump, so its response is resumed once and never paused.
   *
   * <p>The bound: a chunk is delivered only while the response flows, so with fewer than {@code maxPendingEvents}
   * events waiting; its events are all parsed, and Vert.x delivers no further chunk once {@code pause()} returns
   * (it takes effect between chunks, synchronously). So at most {@code maxPendingEvents - 1} plus the events one
   * chunk completes wait; more only on a failed connection, whose already-received chunks are all taken.
   */
  private void flowControl() {
    int queued = pending.size();
    int max = options.getMaxPendingEvents();
    if (transportPaused) {
      // nothing is read before a handler is set, so no warning or reconnection goes unobserved
      if (consumerAttached && queued <= max / 2) {
        transportPaused = false;
        transportResumes++;
        currentResponse.resume();
      }
    } else if (queued >= max) {
      transportPaused = true;
      transportPauses++;
      currentResponse.pause();
    }
  }

  private void deliverTerminal() {
    state = State.DONE;
    cancelIdleTimer();
    client.forget(this);
    if (terminalFailure != null) {
      if (exceptionHandler != null) {
        exceptionHandler.handle(terminalFailure);
      }
    } else if (endHandler != null) {
      endHandler.handle(null);
    }
  }

  // ---- idle timer -------------------------------------------------------------------------------------------

  /**
   * Idleness counts only while a consumer wants events from a streaming response: a paused consumer stops the
   * clock, and resuming starts a full period. A consumer that fetches one event at a time pauses and resumes per
   * event, so this only flips a flag and moves the start; the armed timer checks both when it fires, and is set
   * again only then (or when none is armed), not per event.
   */
  private void updateIdleTimer() {
    boolean shouldRun = state == State.STREAMING && handler != null && demand > 0;
    if (!shouldRun) {
      idleClockRunning = false;
    } else if (!idleClockRunning) {
      idleClockRunning = true;
      lastActivityNanos = System.nanoTime(); // time spent paused does not count
      if (idleTimerId < 0) {
        scheduleIdleCheck(idleTimeout.toNanos(), generation);
      }
    }
  }

  private void scheduleIdleCheck(long inNanos, int gen) {
    long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(inNanos + 999_999));
    idleTimerId = vertx.setTimer(millis, t -> {
      idleTimerId = -1;
      if (gen != generation || state != State.STREAMING || !idleClockRunning) {
        return; // a paused consumer: updateIdleTimer arms the timer again on resumption
      }
      long quiet = System.nanoTime() - lastActivityNanos;
      if (quiet >= idleTimeout.toNanos()) {
        onIdleTimeout();
      } else {
        // bytes arrived meanwhile: check again when the timeout would expire after the latest of them
        scheduleIdleCheck(idleTimeout.toNanos() - quiet, gen);
      }
    });
  }

  private void cancelIdleTimer() {
    idleClockRunning = false;
    if (idleTimerId >= 0) {
      vertx.cancelTimer(idleTimerId);
      idleTimerId = -1;
    }
  }

  // ---- error bodies -----------------------------------------------------------------------------------------

  private record CappedBody(byte[] bytes, boolean truncated) {}

  /**
   * Reads at most the error body cap; a longer body is cut and its request reset, so a huge or endless error
   * body neither fills memory nor holds the connection. Stalls are bounded by the idle timeout.
   */
  private Future<CappedBody> readCappedBody(HttpClientResponse resp, int gen) {
    Promise<CappedBody> done = Promise.promise();
    Buffer collected = Buffer.buffer();
    int cap = options.getMaxErrorBodySize();
    long[] timer = {-1};
    Runnable finish = () -> {
      if (timer[0] >= 0) {
        vertx.cancelTimer(timer[0]);
      }
      done.tryComplete(new CappedBody(collected.getBytes(), collected.length() > cap));
    };
    Runnable restartTimer = () -> {
      if (timer[0] >= 0) {
        vertx.cancelTimer(timer[0]);
      }
      timer[0] = vertx.setTimer(idleTimeout.toMillis(), t -> {
        timer[0] = -1;
        resp.request().reset();
        finish.run();
      });
    };
    resp.handler(chunk -> {
      if (done.future().isComplete()) {
        return;
      }
      restartTimer.run();
      if (collected.length() + chunk.length() > cap) {
        collected.appendBuffer(chunk, 0, cap - collected.length());
        done.tryComplete(new CappedBody(collected.getBytes(), true));
        if (timer[0] >= 0) {
          vertx.cancelTimer(timer[0]);
        }
        resp.request().reset();
        return;
      }
      collected.appendBuffer(chunk);
    });
    resp.endHandler(v -> finish.run());
    resp.exceptionHandler(err -> finish.run());
    restartTimer.run();
    return done.future();
  }

  // ---- public API -------------------------------------------------------------------------------------------

  @Override
  public SseStream handler(Handler<SseEvent> handler) {
    onLoop(() -> {
      this.handler = handler;
      if (handler != null && !consumerAttached) {
        consumerAttached = true;
        Runnable parked = parkedUntilAttached;
        parkedUntilAttached = null;
        if (parked != null) {
          parked.run();
        }
      }
      pump();
    });
    return this;
  }

  @Override
  public SseStream pause() {
    onLoop(() -> {
      demand = 0;
      pump();
    });
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
    onLoop(() -> {
      demand = demand > Long.MAX_VALUE - amount ? Long.MAX_VALUE : demand + amount;
      pump();
    });
    return this;
  }

  @Override
  public SseStream endHandler(Handler<Void> endHandler) {
    onLoop(() -> this.endHandler = endHandler);
    return this;
  }

  @Override
  public SseStream exceptionHandler(Handler<Throwable> handler) {
    onLoop(() -> this.exceptionHandler = handler);
    return this;
  }

  @Override
  public SseStream reconnectHandler(Handler<ReconnectAttempt> handler) {
    onLoop(() -> this.reconnectHandler = handler);
    return this;
  }

  @Override
  public SseStream warningHandler(Handler<SseException> handler) {
    onLoop(() -> this.warningHandler = handler);
    return this;
  }

  @Override
  public Future<Void> cancel() {
    Promise<Void> done = Promise.promise();
    onLoop(() -> {
      if (state == State.DONE || state == State.CANCELLED) {
        done.tryComplete();
        return;
      }
      state = State.CANCELLED;
      generation++;
      cancelIdleTimer();
      if (reconnectTimerId >= 0) {
        vertx.cancelTimer(reconnectTimerId);
        reconnectTimerId = -1;
      }
      pending.clear();
      client.forget(this);
      accepted.tryFail(new SseException("cancelled"));
      HttpClientRequest req = currentRequest;
      currentRequest = null;
      currentResponse = null;
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
  public MultiMap responseHeaders() {
    return MultiMap.caseInsensitiveMultiMap().addAll(responseHeaders);
  }

  @Override
  public Flow.Publisher<SseEvent> publisher() {
    return new ReadStreamPublisher<>(this, this::cancel, task -> context.runOnContext(v -> task.run()));
  }

  @Override
  public EventIterator iterator() {
    return new BlockingEventIterator(this, Math.max(1, Math.min(options.getMaxPendingEvents(), 64)));
  }

  @Override
  public Stream<SseEvent> blockingStream() {
    EventIterator it = iterator();
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false)
        .onClose(it::close);
  }

  /** Events parsed but not yet delivered (for tests of the memory bound). */
  public int pendingEvents() {
    Promise<Integer> count = Promise.promise();
    onLoop(() -> count.complete(pending.size()));
    return count.future().await();
  }

  /**
   * How often this stream paused and resumed the Vert.x response, over all its connections (for tests of the flow
   * control): {@code [pauses, resumes]}.
   */
  public int[] transportPausesAndResumes() {
    Promise<int[]> counts = Promise.promise();
    onLoop(() -> counts.complete(new int[] {transportPauses, transportResumes}));
    return counts.future().await();
  }

  @Override
  public String toString() {
    return "SseStream[" + request + ", lastEventId=" + lastEventId + "]";
  }

  // ---- helpers ----------------------------------------------------------------------------------------------

  /** Runs {@code action} on the stream's event loop: now when already there (so a handler's pause is immediate). */
  private void onLoop(Runnable action) {
    if (Thread.currentThread() == loopThread) {
      action.run();
    } else {
      context.runOnContext(v -> {
        loopThread = Thread.currentThread();
        action.run();
      });
    }
  }

  private final class ParserEvents implements SseHandler {
    @Override
    public void onEvent(SseEvent event) {
      pending.add(event);
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

  /** {@code text/event-stream}, ignoring parameters and case, as the HTML standard says. */
  static boolean isEventStream(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String essence = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
    return essence.equalsIgnoreCase(EVENT_STREAM);
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static boolean sameOrigin(URI a, URI b) {
    return Objects.equals(a.getScheme().toLowerCase(Locale.ROOT), b.getScheme().toLowerCase(Locale.ROOT))
        && a.getHost().equalsIgnoreCase(b.getHost()) && effectivePort(a) == effectivePort(b);
  }

  private static int effectivePort(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
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
