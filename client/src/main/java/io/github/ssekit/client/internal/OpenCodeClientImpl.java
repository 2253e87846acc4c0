package io.github.ssekit.client.internal;

import io.github.ssekit.client.OpenCodeClient;
import io.github.ssekit.client.OpenCodeClientOptions;
import io.github.ssekit.client.OpenCodeEventStream;
import io.github.ssekit.client.OpenCodeHttpException;
import io.github.ssekit.client.OpenCodeTurn;
import io.github.ssekit.client.OpenCodeTurnListener;
import io.github.ssekit.client.SseClient;
import io.github.ssekit.client.SseConnectionException;
import io.github.ssekit.client.SseRequest;
import io.github.ssekit.opencode.OpenCodeJson;
import io.github.ssekit.opencode.OpenCodeProtocol;
import io.github.ssekit.opencode.OpenCodeRoutes;
import io.github.ssekit.opencode.model.MessageWithParts;
import io.github.ssekit.opencode.model.PermissionRequest;
import io.github.ssekit.opencode.model.Session;
import io.github.ssekit.opencode.model.SessionStatus;
import io.github.ssekit.opencode.request.PermissionReply;
import io.github.ssekit.opencode.request.PermissionReplyBody;
import io.github.ssekit.opencode.request.PromptBody;
import io.github.ssekit.opencode.request.SessionCreateBody;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** The {@link OpenCodeClient}: a Vert.x WebClient for the JSON calls, an {@link SseClient} for the event streams. */
public final class OpenCodeClientImpl implements OpenCodeClient {
  private final OpenCodeClientOptions options;
  private final Optional<String> authorization;
  private final WebClient web;
  private final SseClient sse;
  private final int maxErrorBodySize;
  private final Set<OpenCodeTurnImpl> turns = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  public OpenCodeClientImpl(Vertx vertx, OpenCodeClientOptions options, Optional<String> authorization) {
    Objects.requireNonNull(vertx, "vertx");
    this.options = options;
    this.authorization = authorization;
    var sseOptions = options.getSseOptions();
    this.maxErrorBodySize = sseOptions.getMaxErrorBodySize();
    WebClientOptions webOptions = new WebClientOptions(sseOptions.getHttpClientOptions())
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, sseOptions.getConnectTimeout().toMillis()))
        .setFollowRedirects(false)
        .setUserAgentEnabled(true);
    this.web = WebClient.create(vertx, webOptions);
    this.sse = SseClient.create(vertx, sseOptions);
  }

  @Override
  public OpenCodeClientOptions options() {
    return new OpenCodeClientOptions(options);
  }

  @Override
  public Future<JsonObject> health() {
    return call(HttpMethod.GET, OpenCodeRoutes.HEALTH, null).map(b -> new JsonObject(b));
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
    Objects.requireNonNull(body, "body");
    return route(() -> OpenCodeRoutes.promptAsync(sessionID))
        .compose(path -> call(HttpMethod.POST, path, OpenCodeJson.toBytes(body))).mapEmpty();
  }

  @Override
  public OpenCodeTurn streamPrompt(String sessionID, PromptBody body, OpenCodeTurnListener listener) {
    if (sessionID == null || sessionID.isBlank()) {
      throw new IllegalArgumentException("sessionID must not be blank");
    }
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(listener, "listener");
    OpenCodeTurnImpl turn = new OpenCodeTurnImpl(this, sessionID, body, listener);
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
  public Future<JsonObject> config() {
    return call(HttpMethod.GET, "/config", null).map(b -> new JsonObject(b));
  }

  @Override
  public Future<JsonObject> providers() {
    return call(HttpMethod.GET, "/config/providers", null).map(b -> new JsonObject(b));
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
  public Future<Void> close() {
    closed = true;
    List<Future<?>> cancelled = new ArrayList<>();
    for (OpenCodeTurnImpl turn : turns) {
      turn.fail(new SseConnectionException("the client is closed", null));
    }
    cancelled.add(sse.close());
    return Future.join(cancelled).transform(ar -> {
      web.close();
      return Future.<Void>succeededFuture();
    });
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
    if (closed) {
      return Future.failedFuture(new SseConnectionException("the client is closed", null));
    }
    String url = url(path);
    String what = method + " " + SseRequest.redactedUri(URI.create(url));
    HttpRequest<Buffer> request = web.requestAbs(method, url).timeout(timeout.toMillis())
        .putHeader("Accept", "application/json");
    headers().forEach(request::putHeader);
    Future<HttpResponse<Buffer>> sent;
    if (body == null) {
      sent = request.send();
    } else {
      sent = request.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body));
    }
    return sent.transform(ar -> {
      if (ar.failed()) {
        return Future.failedFuture(new SseConnectionException(what + " failed", ar.cause()));
      }
      HttpResponse<Buffer> response = ar.result();
      byte[] bytes = response.body() == null ? new byte[0] : response.body().getBytes();
      if (response.statusCode() / 100 == 2) {
        return Future.succeededFuture(Buffer.buffer(bytes));
      }
      boolean truncated = bytes.length > maxErrorBodySize;
      byte[] kept = truncated ? Arrays.copyOf(bytes, maxErrorBodySize) : bytes;
      return Future.failedFuture(new OpenCodeHttpException("HTTP " + response.statusCode() + " from " + what,
          response.statusCode(), response.headers(), kept, truncated));
    });
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
