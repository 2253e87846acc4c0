package io.github.ssekit.client.opencode.internal;

import io.github.ssekit.client.SseClient;
import io.github.ssekit.client.SseConnectionException;
import io.github.ssekit.client.SseRequest;
import io.github.ssekit.client.internal.BoundedBody;
import io.github.ssekit.client.internal.EventLoop;
import io.github.ssekit.client.internal.Metadata;
import io.github.ssekit.client.internal.OwnedVertx;
import io.github.ssekit.client.internal.Redactor;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ssekit.client.opencode.OpenCodeClient;
import io.github.ssekit.client.opencode.OpenCodeClientOptions;
import io.github.ssekit.client.opencode.OpenCodeEventStream;
import io.github.ssekit.client.opencode.OpenCodeHttpException;
import io.github.ssekit.client.opencode.OpenCodeTurn;
import io.github.ssekit.client.opencode.OpenCodeTurnListener;
import io.github.ssekit.opencode.OpenCodeJson;
import io.github.ssekit.opencode.OpenCodeProtocol;
import io.github.ssekit.opencode.OpenCodeRoutes;
import io.github.ssekit.opencode.model.MessageWithParts;
import io.github.ssekit.opencode.model.PermissionRequest;
import io.github.ssekit.opencode.model.QuestionRequest;
import io.github.ssekit.opencode.model.Session;
import io.github.ssekit.opencode.model.SessionStatus;
import io.github.ssekit.opencode.request.PermissionReply;
import io.github.ssekit.opencode.request.PermissionReplyBody;
import io.github.ssekit.opencode.request.PromptBody;
import io.github.ssekit.opencode.request.QuestionReplyBody;
import io.github.ssekit.opencode.request.SessionCreateBody;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.protocol.DiagnosticLimits;
import io.github.ssekit.sse.protocol.ResponseMetadata;
import io.vertx.core.MultiMap;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The {@link OpenCodeClient}: a Vert.x HTTP client for the JSON calls, an {@link SseClient} for the event streams, on
 * the caller's Vert.x or on one of its own ({@link OwnedVertx}), which it closes last.
 */
public final class OpenCodeClientImpl implements OpenCodeClient {
  private final OpenCodeClientOptions options;
  private final Optional<String> authorization;
  private final Vertx vertx;
  private final HttpClient http;
  private final SseClient sse;
  private final long connectTimeoutMillis;
  private final int maxErrorBodyBytes;
  private final int maxResponseBodyBytes;
  private final Set<OpenCodeTurnImpl> turns = ConcurrentHashMap.newKeySet();
  private final boolean ownsVertx;
  private volatile boolean closed;

  /** A client on the caller's {@code vertx}, which it never closes. */
  public OpenCodeClientImpl(Vertx vertx, OpenCodeClientOptions options, Optional<String> authorization) {
    this(Objects.requireNonNull(vertx, "vertx"), options, authorization, false);
  }

  private OpenCodeClientImpl(Vertx vertx, OpenCodeClientOptions options, Optional<String> authorization,
      boolean ownsVertx) {
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.options = options;
    this.authorization = authorization;
    var sseOptions = options.getSseClientOptions();
    this.maxErrorBodyBytes = sseOptions.getMaxErrorBodyBytes();
    this.maxResponseBodyBytes = options.getMaxResponseBodyBytes();
    this.connectTimeoutMillis = sseOptions.getConnectTimeout().toMillis();
    // the core client, not WebClient: WebClient buffers whole bodies without a limit
    this.http = vertx.createHttpClient(sseOptions.getHttpClientOptions()
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeoutMillis)));
    this.sse = SseClient.create(vertx, sseOptions);
  }

  /** A client on a Vert.x instance of its own, which {@link #closeAsync()} closes last. */
  public static OpenCodeClientImpl owningVertx(OpenCodeClientOptions options, Optional<String> authorization) {
    Vertx own = OwnedVertx.create();
    try {
      return new OpenCodeClientImpl(own, options, authorization, true);
    } catch (RuntimeException e) {
      own.close();
      throw e;
    }
  }

  @Override
  public OpenCodeClientOptions options() {
    return new OpenCodeClientOptions(options);
  }

  @Override
  public Future<ObjectNode> health() {
    return call(HttpMethod.GET, OpenCodeRoutes.HEALTH, null).map(read(OpenCodeJson::readObject));
  }

  @Override
  public Future<Session> createSession() {
    return createSession(SessionCreateBody.builder().build());
  }

  @Override
  public Future<Session> createSession(SessionCreateBody body) {
    return call(HttpMethod.POST, OpenCodeRoutes.SESSIONS, OpenCodeJson.toBytes(body)).map(read(OpenCodeJson::readSession));
  }

  @Override
  public Future<List<Session>> listSessions() {
    return call(HttpMethod.GET, OpenCodeRoutes.SESSIONS, null).map(read(OpenCodeJson::readSessions));
  }

  @Override
  public Future<Session> getSession(String sessionID) {
    return route(() -> OpenCodeRoutes.session(sessionID))
        .compose(path -> call(HttpMethod.GET, path, null)).map(read(OpenCodeJson::readSession));
  }

  @Override
  public Future<Boolean> deleteSession(String sessionID) {
    return route(() -> OpenCodeRoutes.session(sessionID))
        .compose(path -> call(HttpMethod.DELETE, path, null)).map(read(OpenCodeJson::readBoolean));
  }

  @Override
  public Future<Boolean> abort(String sessionID) {
    return route(() -> OpenCodeRoutes.abort(sessionID))
        .compose(path -> call(HttpMethod.POST, path, null)).map(read(OpenCodeJson::readBoolean));
  }

  @Override
  public Future<Map<String, SessionStatus>> sessionStatuses() {
    return call(HttpMethod.GET, OpenCodeRoutes.SESSION_STATUS, null).map(read(OpenCodeJson::readSessionStatuses));
  }

  @Override
  public Future<List<MessageWithParts>> messages(String sessionID) {
    return route(() -> OpenCodeRoutes.messages(sessionID))
        .compose(path -> call(HttpMethod.GET, path, null)).map(read(OpenCodeJson::readMessages));
  }

  @Override
  public Future<MessageWithParts> prompt(String sessionID, PromptBody body) {
    Objects.requireNonNull(body, "body");
    return route(() -> OpenCodeRoutes.prompt(sessionID))
        .compose(path -> call(HttpMethod.POST, path, OpenCodeJson.toBytes(body), options.getPromptTimeout()))
        .map(read(OpenCodeJson::readMessageWithParts));
  }

  @Override
  public Future<Void> promptAsync(String sessionID, PromptBody body) {
    return promptAccepted(sessionID, body).mapEmpty();
  }

  /**
   * {@code POST /session/{id}/prompt_async}: the status and headers of the response that accepted the prompt, with the
   * credentials sent cut out (what a turn's reply carries).
   */
  Future<ResponseMetadata> promptAccepted(String sessionID, PromptBody body) {
    Objects.requireNonNull(body, "body");
    return route(() -> OpenCodeRoutes.promptAsync(sessionID))
        .compose(path -> exchange(HttpMethod.POST, path, OpenCodeJson.toBytes(body), options.getRequestTimeout()))
        .map(Answer::metadata);
  }

  @Override
  public OpenCodeTurn streamPrompt(String sessionID, PromptBody body, OpenCodeTurnListener listener) {
    return startTurn(sessionID, body, listener, false);
  }

  @Override
  public OpenCodeTurn pullPrompt(String sessionID, PromptBody body, OpenCodeTurnListener listener) {
    return startTurn(sessionID, body, listener, true);
  }

  private OpenCodeTurn startTurn(String sessionID, PromptBody body, OpenCodeTurnListener listener, boolean pulled) {
    if (sessionID == null || sessionID.isBlank()) {
      throw new IllegalArgumentException("sessionID must not be blank");
    }
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(listener, "listener");
    OpenCodeTurnImpl turn = new OpenCodeTurnImpl(this, sessionID, body, listener, pulled);
    turns.add(turn);
    turn.reply().onComplete(ar -> turns.remove(turn));
    if (closed) {
      turn.fail(new SseConnectionException("the client is closed", null));
    } else {
      turn.start();
    }
    return turn;
  }

  @Override
  public Future<List<PermissionRequest>> permissions() {
    return call(HttpMethod.GET, OpenCodeRoutes.PERMISSIONS, null).map(read(OpenCodeJson::readPermissionRequests));
  }

  @Override
  public Future<Boolean> replyToPermission(String requestID, PermissionReply reply) {
    Objects.requireNonNull(reply, "reply");
    return route(() -> OpenCodeRoutes.permissionReply(requestID))
        .compose(path -> call(HttpMethod.POST, path, OpenCodeJson.toBytes(PermissionReplyBody.of(reply))))
        .map(read(OpenCodeJson::readBoolean));
  }

  @Override
  public Future<List<QuestionRequest>> questions() {
    return call(HttpMethod.GET, OpenCodeRoutes.QUESTIONS, null).map(read(OpenCodeJson::readQuestionRequests));
  }

  @Override
  public Future<Boolean> replyToQuestion(String requestID, List<List<String>> answers) {
    Objects.requireNonNull(answers, "answers");
    return route(() -> OpenCodeRoutes.questionReply(requestID))
        .compose(path -> call(HttpMethod.POST, path, OpenCodeJson.toBytes(new QuestionReplyBody(answers))))
        .map(read(OpenCodeJson::readBoolean));
  }

  @Override
  public Future<Boolean> rejectQuestion(String requestID) {
    return route(() -> OpenCodeRoutes.questionReject(requestID))
        .compose(path -> call(HttpMethod.POST, path, null)).map(read(OpenCodeJson::readBoolean));
  }

  @Override
  public Future<ObjectNode> config() {
    return call(HttpMethod.GET, "/config", null).map(read(OpenCodeJson::readObject));
  }

  @Override
  public Future<ObjectNode> providers() {
    return call(HttpMethod.GET, "/config/providers", null).map(read(OpenCodeJson::readObject));
  }

  @Override
  public Future<Boolean> disposeInstance() {
    return call(HttpMethod.POST, OpenCodeRoutes.INSTANCE_DISPOSE, null).map(read(OpenCodeJson::readBoolean));
  }

  @Override
  public Future<OpenCodeEventStream> events() {
    return openEvents(OpenCodeRoutes.EVENT);
  }

  @Override
  public Future<OpenCodeEventStream> globalEvents() {
    return openEvents(OpenCodeRoutes.GLOBAL_EVENT);
  }

  @Override
  public void close() {
    OwnedVertx.awaitClose(closeAsync());
  }

  @Override
  public Future<Void> closeAsync() {
    closed = true;
    List<Future<?>> cancelled = new ArrayList<>();
    for (OpenCodeTurnImpl turn : turns) {
      turn.fail(new SseConnectionException("the client is closed", null));
    }
    cancelled.add(sse.closeAsync());
    Future<Void> httpClosed = Future.join(cancelled).transform(ar -> http.close());
    return ownsVertx ? httpClosed.transform(ar -> vertx.close()) : httpClosed;
  }

  @Override
  public String toString() {
    return "OpenCodeClient[" + options + "]";
  }

  private Future<OpenCodeEventStream> openEvents(String path) {
    if (closed) {
      return Future.failedFuture(new SseConnectionException("the client is closed", null));
    }
    SseRequest.Builder request = SseRequest.get(url(path)).reconnect(true).idleTimeout(options.getEventIdleTimeout());
    headers().forEach(request::header);
    return sse.connect(request.build())
        .map(stream -> new OpenCodeEventStreamImpl(stream, OpenCodeProtocol.create()));
  }

  Duration turnDeadline() {
    return options.getTurnDeadline();
  }

  int maxReplyChars() {
    return options.getMaxReplyChars();
  }

  /** How many diagnostic occurrences a turn's reply keeps one by one. */
  DiagnosticLimits diagnosticLimits() {
    return options.getDiagnosticLimits();
  }

  /** How many events a stream of this client holds for a consumer that does not take them. */
  int maxPendingEvents() {
    return options.getSseClientOptions().getMaxPendingEvents();
  }

  Vertx vertx() {
    return vertx;
  }

  /** The absolute URL of {@code path}, with the directory parameter when a directory is set. */
  String url(String path) {
    String withDirectory = options.getDirectory().map(d -> OpenCodeRoutes.inDirectory(path, d)).orElse(path);
    return options.getBaseUrl() + withDirectory;
  }

  /** The headers every call sends: authorization and directory. */
  Map<String, String> headers() {
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    authorization.ifPresent(a -> headers.put("Authorization", a));
    options.getDirectory().ifPresent(d -> headers.put(OpenCodeRoutes.DIRECTORY_HEADER,
        URLEncoder.encode(d, StandardCharsets.UTF_8).replace("+", "%20")));
    return headers;
  }

  private Future<Buffer> call(HttpMethod method, String path, byte[] body) {
    return call(method, path, body, options.getRequestTimeout());
  }

  private Future<Buffer> call(HttpMethod method, String path, byte[] body, Duration timeout) {
    return exchange(method, path, body, timeout).map(Answer::body);
  }

  /** A 2xx answer: its body, and what {@link #metadata()} needs. */
  private record Answer(Buffer body, int status, MultiMap responseHeaders, Map<String, String> sentHeaders) {
    /** The status and headers, with the credentials sent (and {@code Set-Cookie} values) cut out. */
    ResponseMetadata metadata() {
      return Metadata.of(status, Redactor.of(sentHeaders).apply(responseHeaders), 0);
    }
  }

  private Future<Answer> exchange(HttpMethod method, String path, byte[] body, Duration timeout) {
    if (closed) {
      return Future.failedFuture(new SseConnectionException("the client is closed", null));
    }
    String url = url(path);
    String what = method + " " + SseRequest.redactedUri(URI.create(url));
    Map<String, String> headers = headers();
    RequestOptions request = new RequestOptions().setMethod(method).setAbsoluteURI(url).setFollowRedirects(false)
        .setConnectTimeout(connectTimeoutMillis).putHeader("Accept", "application/json");
    headers.forEach(request::putHeader);
    if (body != null) {
      request.putHeader("Content-Type", "application/json");
    }
    Promise<Answer> result = Promise.promise();
    HttpClientRequest[] sent = new HttpClientRequest[1];
    // the whole call, body included, within the timeout: a server that stalls mid-body must not hold it for ever
    long timer = vertx.setTimer(timeout.toMillis(), t -> {
      if (result.tryFail(new SseConnectionException(what + " failed: no complete answer within "
          + timeout.toMillis() + " ms", null)) && sent[0] != null) {
        sent[0].reset();
      }
    });
    // On an event loop, so the body handler is set in the very callback that receives the response: from another
    // thread a future's callback can run after Vert.x delivered (and dropped) the body of a small answer.
    EventLoop.of(vertx).execute(() -> http.request(request)
        .compose(req -> {
          sent[0] = req;
          return body == null ? req.send() : req.send(Buffer.buffer(body));
        })
        .compose(response -> {
          boolean ok = response.statusCode() / 100 == 2;
          return BoundedBody.read(response, ok ? maxResponseBodyBytes : maxErrorBodyBytes)
              .map(read -> answer(what, response, read, ok, headers));
        })
        .onComplete(ar -> {
          vertx.cancelTimer(timer);
          if (ar.succeeded()) {
            result.tryComplete(ar.result());
          } else if (ar.cause() instanceof SseException known) {
            result.tryFail(known);
          } else {
            result.tryFail(new SseConnectionException(what + " failed", ar.cause()));
          }
        }));
    return result.future();
  }

  /** A 2xx answer, or else the failure: an error status, or a body over the limit. */
  private Answer answer(String what, HttpClientResponse response, BoundedBody.Result read, boolean ok,
      Map<String, String> headers) {
    int status = response.statusCode();
    if (ok && !read.truncated()) {
      return new Answer(read.bytes(), status, response.headers(), headers);
    }
    if (ok) {
      throw new SseException(what + ": the answer is larger than the limit of " + maxResponseBodyBytes
          + " bytes (OpenCodeClientOptions.setMaxResponseBodyBytes)");
    }
    // a server (or a proxy's error page) may echo the credentials sent: cut them out before they reach a message
    Redactor redact = Redactor.of(headers);
    throw new OpenCodeHttpException("HTTP " + status + " from " + what, status, redact.apply(response.headers()),
        redact.apply(read.bytes().getBytes()), read.truncated());
  }

  private static <T> Function<Buffer, T> read(Function<byte[], T> reader) {
    return buffer -> reader.apply(buffer.getBytes());
  }

  private static Future<String> route(java.util.function.Supplier<String> path) {
    try {
      return Future.succeededFuture(path.get());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
  }
}
