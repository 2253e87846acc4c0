package io.github.ssekit.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ssekit.client.internal.EventLoop;
import io.github.ssekit.client.opencode.OpenCodeClient;
import io.github.ssekit.client.opencode.OpenCodeClientOptions;
import io.github.ssekit.client.opencode.OpenCodeHttpException;
import io.github.ssekit.opencode.ModelRef;
import io.github.ssekit.opencode.model.MessageWithParts;
import io.github.ssekit.opencode.model.PermissionRequest;
import io.github.ssekit.opencode.model.QuestionRequest;
import io.github.ssekit.opencode.model.Session;
import io.github.ssekit.opencode.model.SessionStatus;
import io.github.ssekit.opencode.request.PermissionReply;
import io.github.ssekit.opencode.request.PromptBody;
import io.github.ssekit.opencode.request.SessionCreateBody;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code ssekit web}: a small web app that relays OpenCode sessions to a chat page over SSE as they stream.
 *
 * <p>One verticle, one event loop: every browser stream, upstream stream and HTTP call of the relay is handled
 * there, without a thread per stream. Endpoints (JSON in and out):
 *
 * <ul>
 *   <li>{@code GET /} the page ({@code chat.html}, {@code chat.js}, {@code chat.css}; no build step).
 *   <li>{@code GET /api/info}: the default model, suggested models, whether this is the demo.
 *   <li>{@code POST /api/session} {@code {"directory"?}}: a new OpenCode session; {@code GET /api/session?session=}
 *       a known one (a session the relay does not know yet but OpenCode does is adopted, its history loaded).
 *   <li>{@code GET /api/events?session=}: the session's events as SSE, written with ssekit's encoder, each with an
 *       ID: a browser that reconnects with {@code Last-Event-ID} gets exactly what it missed from the session's
 *       bounded replay buffer, or a {@code snapshot} of the whole session when it is too far behind.
 *   <li>{@code POST /api/prompt} {@code {"session","text","model"?}}, {@code POST /api/abort} {@code {"session"}},
 *       {@code POST /api/permission} {@code {"session","id","reply":"once"|"always"|"reject"}},
 *       {@code POST /api/question} {@code {"session","id","answers":[["label or text", ...], ...]}} (one answer per
 *       question) or {@code {"session","id","reject":true}}.
 * </ul>
 *
 * <p>One upstream {@code /event} stream per directory is shared by all the sessions and tabs of that directory
 * ({@link Upstream}); it is connected before a prompt is sent. Only loopback host names are answered (no DNS
 * rebinding), and a POST must be JSON from the page's own origin (no cross-site requests).
 */
public final class ChatRelay {
  static final int MAX_BODY = 1024 * 1024;
  static final int MAX_PROMPT = 100_000;
  /** The most questions, and options picked per question, an answer may hold. */
  static final int MAX_QUESTIONS = 100;
  private static final int BROWSER_WRITE_QUEUE = 4 * 1024 * 1024;
  private static final Pattern SESSION_ID = Pattern.compile("ses[A-Za-z0-9_-]{1,120}");
  private static final Map<String, Asset> ASSETS = Map.of(
      "/", asset("chat.html", "text/html; charset=utf-8"),
      "/chat.js", asset("chat.js", "text/javascript; charset=utf-8"),
      "/chat.css", asset("chat.css", "text/css; charset=utf-8"));

  private final ChatRelayOptions options;
  private final RelayStats stats = new RelayStats();
  private final RelayVerticle verticle = new RelayVerticle();
  private Vertx vertx;

  private ChatRelay(ChatRelayOptions options) {
    this.options = options;
  }

  /** Starts a relay on {@code vertx}; completes once it listens. */
  public static Future<ChatRelay> start(Vertx vertx, ChatRelayOptions options) {
    ChatRelay relay = new ChatRelay(options);
    relay.vertx = vertx;
    return vertx.deployVerticle(relay.verticle).map(id -> relay);
  }

  /** The port it listens on. */
  public int port() {
    return verticle.server.actualPort();
  }

  /** The page's URL: {@code http://127.0.0.1:PORT/}. */
  public String url() {
    String host = options.getHost().contains(":") ? "[" + options.getHost() + "]" : options.getHost();
    return "http://" + host + ":" + port() + "/";
  }

  /** What it did so far. */
  public RelayStats stats() {
    return stats;
  }

  /**
   * Closes every browser connection, as a network drop would: the pages' EventSources reconnect after the retry
   * delay with {@code Last-Event-ID} and resume where they were. Completes once the connections are closed.
   */
  public Future<Void> dropBrowserConnections() {
    Promise<Void> done = Promise.promise();
    verticle.context().runOnContext(v -> {
      verticle.channels.values().forEach(SessionChannel::closeBrowsers);
      done.complete();
    });
    return done.future();
  }

  /** Stops listening, closes the browser and upstream streams and the OpenCode clients. */
  public Future<Void> close() {
    if (verticle.deploymentID() == null) {
      return Future.succeededFuture();
    }
    return vertx.undeploy(verticle.deploymentID());
  }

  /** An error as the page shows it: the OpenCode error's message when there is one. */
  static String describe(Throwable error) {
    if (error instanceof OpenCodeHttpException http) {
      return "HTTP " + http.status() + http.error().map(e -> ": " + e.nameOrEmpty()
          + e.message().map(m -> " " + m).orElse("")).orElse("");
    }
    return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
  }

  private record Asset(byte[] bytes, String contentType) {}

  private static Asset asset(String name, String contentType) {
    try (InputStream in = ChatRelay.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new Asset(in.readAllBytes(), contentType);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Everything of the relay that lives on its event loop. */
  private final class RelayVerticle extends VerticleBase {
    HttpServer server;
    final Map<String, SessionChannel> channels = new HashMap<>();
    final Map<String, Upstream> upstreams = new HashMap<>();
    final Map<String, OpenCodeClient> clients = new HashMap<>();
    /** Redis mode: the shared store, and each directory's lease and channels on this node; else null and empty. */
    RedisRelayStore store;
    final Map<String, SharedDirectory> sharedDirectories = new HashMap<>();
    final Set<BrowserConnection> browsers = new LinkedHashSet<>();
    final List<String> serverModels = new ArrayList<>();
    long heartbeatTimer = -1;
    long evictionTimer = -1;


    Context context() {
      return context;
    }

    /** The relay's one event loop (the verticle's context), for answers that arrive on other threads. */
    EventLoop loop() {
      return EventLoop.of(context);
    }

    @Override
    public Future<?> start() {
      heartbeatTimer = vertx.setPeriodic(options.getHeartbeat().toMillis(),
          t -> channels.values().forEach(SessionChannel::heartbeat));
      evictionTimer = vertx.setPeriodic(Math.min(60_000, options.getSessionTtl().toMillis()), t -> evict());
      clientFor(null).providers().onSuccess(this::readModels); // best effort: suggestions for the page
      // a connection that sends or is sent nothing for this long is closed: one that never finishes its request head
      // (or never starts it), a keep-alive one nobody uses. An open event stream writes a heartbeat, so it is never
      // idle for two of them.
      long idleMs = Math.max(options.getIdleConnectionTimeout().toMillis(), 2 * options.getHeartbeat().toMillis());
      server = vertx.createHttpServer(new HttpServerOptions().setHost(options.getHost()).setPort(options.getPort())
              .setIdleTimeout((int) Math.min(Integer.MAX_VALUE, idleMs)).setIdleTimeoutUnit(TimeUnit.MILLISECONDS))
          .requestHandler(this::handle);
      if (options.getRedis() == null) {
        return server.listen();
      }
      store = new RedisRelayStore(vertx, options.getRedis(), epoch(), options.getRedisStreamEntries(),
          options.getRedisLease().toMillis());
      store.onAvailability(up -> loop().execute(() -> channels.values().forEach(c -> c.localNotice(
          up ? "info" : "warn", up ? "Redis is back: this page catches up with every node's events."
              : "Redis is unreachable: this page shows only what this node relays until it is back."))));
      return store.start().compose(v -> server.listen()); // Redis unreachable at start: the relay does not start
    }

    /** The directory's lease and channels on this node (Redis mode). */
    SharedDirectory sharedFor(String directory) {
      return sharedDirectories.computeIfAbsent(key(directory), k -> new SharedDirectory(loop(), directory, store,
          upstreamFor(directory), options.getRedisLease().toMillis(), id -> channel(id, directory)));
    }

    /** The session's stream, its answers on the relay's event loop. */
    private SharedLog logFor(String directory, String session) {
      return new SharedLog() {
        @Override
        public Future<String> append(String type, String data, String writer, boolean fenced) {
          return here(store.append(directory, session, type, data, writer, fenced));
        }

        @Override
        public Future<List<RedisRelayStore.Stored>> after(String afterId) {
          return here(store.after(directory, session, afterId));
        }

        @Override
        public void follow(String afterId, java.util.function.Consumer<RedisRelayStore.Stored> sink) {
          store.follow(directory, session, afterId, e -> loop().execute(() -> sink.accept(e)));
        }

        @Override
        public void unfollow() {
          store.unfollow(directory, session);
        }
      };
    }

    @Override
    public Future<?> stop() {
      vertx.cancelTimer(heartbeatTimer);
      vertx.cancelTimer(evictionTimer);
      for (BrowserConnection browser : List.copyOf(browsers)) {
        browser.close();
      }
      upstreams.values().forEach(Upstream::close);
      List<Future<?>> closing = new ArrayList<>();
      sharedDirectories.values().forEach(SharedDirectory::close);
      if (store != null) {
        closing.add(store.close());
      }
      clients.values().forEach(c -> closing.add(c.closeAsync()));
      closing.add(server.close());
      return Future.join(closing);
    }

    private void readModels(ObjectNode providers) {
      for (JsonNode provider : providers.path("providers")) {
        JsonNode models = provider.path("models");
        if (models.isObject()) {
          List<String> names = new ArrayList<>();
          models.fieldNames().forEachRemaining(names::add);
          names.stream().sorted().forEach(m -> serverModels.add(provider.path("id").asText() + "/" + m));
        }
      }
    }

    // ---- HTTP ----

    /**
     * Why a request's target is refused (400), or null: two {@code Host} headers (which one names the relay?), or an
     * absolute-form target ({@code GET http://other.example/ HTTP/1.1}) whose authority is not the {@code Host}'s.
     */
    private String badTarget(HttpServerRequest req) {
      List<String> hosts = req.headers().getAll("Host");
      if (hosts.size() > 1) {
        return "a request must have one Host header";
      }
      String uri = req.uri();
      if (uri.startsWith("/")) {
        return null;
      }
      try {
        String authority = new URI(uri).getRawAuthority();
        if (authority == null || hosts.isEmpty() || !authority.equalsIgnoreCase(hosts.get(0).trim())) {
          return "an absolute request target must name the Host";
        }
        return null;
      } catch (URISyntaxException e) {
        return "a malformed request target";
      }
    }

    private void handle(HttpServerRequest req) {
      String bad = badTarget(req);
      if (bad != null) {
        req.response().putHeader("Connection", "close");
        error(req.response(), 400, bad);
        return;
      }
      if (!loopbackHost(req)) {
        error(req.response(), 403, "this relay answers loopback host names only");
        return;
      }
      String path = req.path();
      HttpMethod method = req.method();
      if (method == HttpMethod.GET && ASSETS.containsKey(path)) {
        serveAsset(req.response(), ASSETS.get(path));
      } else if (method == HttpMethod.GET && path.equals("/api/info")) {
        json(req.response(), 200, info());
      } else if (method == HttpMethod.GET && path.equals("/api/session")) {
        getSession(req);
      } else if (method == HttpMethod.GET && path.equals("/api/events")) {
        events(req);
      } else if (method == HttpMethod.POST && path.startsWith("/api/")) {
        readJson(req).onSuccess(body -> {
          switch (path) {
            case "/api/session" -> createSession(req, body);
            case "/api/prompt" -> prompt(req, body);
            case "/api/abort" -> abort(req, body);
            case "/api/permission" -> permission(req, body);
            case "/api/question" -> question(req, body);
            default -> error(req.response(), 404, "no such endpoint");
          }
        });
      } else if (method == HttpMethod.GET && path.equals("/favicon.ico")) {
        req.response().setStatusCode(204).end();
      } else {
        error(req.response(), 404, "no such endpoint");
      }
    }

    /** Refuses names other than loopback ones: a DNS-rebinding page cannot reach the relay under its own name. */
    private boolean loopbackHost(HttpServerRequest req) {
      HostAndPort authority = req.authority();
      if (authority == null) {
        return false;
      }
      String host = authority.host();
      boolean loopback = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]")
          || host.equals("::1") || host.equals(options.getHost());
      return loopback && (authority.port() == port() || authority.port() < 0 && port() == 80);
    }

    /**
     * The body of a POST as JSON. Only the page's own scripts may post: JSON content (a cross-site form cannot send
     * it without a preflight, which is never granted) and, when the browser says where it comes from, this origin.
     */
    private Future<JsonObject> readJson(HttpServerRequest req) {
      HttpServerResponse resp = req.response();
      String contentType = req.getHeader("Content-Type");
      String origin = req.getHeader("Origin");
      if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
        error(resp, 415, "send application/json");
        return Future.failedFuture("not JSON");
      }
      HostAndPort authority = req.authority();
      String self = "http://" + authority.host() + (authority.port() >= 0 ? ":" + authority.port() : "");
      if (origin != null && !origin.equals(self)) {
        error(resp, 403, "cross-origin requests are not accepted");
        return Future.failedFuture("cross-origin");
      }
      String length = req.getHeader("Content-Length");
      long declared;
      try {
        declared = length == null ? -1 : Long.parseLong(length);
      } catch (NumberFormatException e) {
        declared = -1;
      }
      if (declared < 0 || declared > MAX_BODY) {
        error(resp, declared < 0 ? 411 : 413, "the body needs a Content-Length of at most " + MAX_BODY + " bytes");
        return Future.failedFuture("length");
      }
      // a body that never completes (declared 1 MiB, 10 bytes sent) is not waited for
      long bodyTimer = vertx.setTimer(options.getRequestBodyTimeout().toMillis(), t -> {
        if (!resp.ended()) {
          resp.putHeader("Connection", "close");
          error(resp, 408, "the body did not arrive within " + options.getRequestBodyTimeout().toMillis() + " ms");
        }
        req.connection().close();
      });
      return req.body().transform(ar -> {
        vertx.cancelTimer(bodyTimer);
        if (ar.failed()) {
          return Future.failedFuture(ar.cause());
        }
        try {
          Buffer buffer = ar.result();
          return Future.succeededFuture(buffer.length() == 0 ? new JsonObject() : buffer.toJsonObject());
        } catch (DecodeException | ClassCastException e) {
          error(resp, 400, "the body is not a JSON object");
          return Future.failedFuture(e);
        }
      });
    }

    private void serveAsset(HttpServerResponse resp, Asset asset) {
      resp.putHeader("Content-Type", asset.contentType())
          .putHeader("Cache-Control", "no-cache")
          .putHeader("X-Content-Type-Options", "nosniff")
          .putHeader("Referrer-Policy", "no-referrer")
          // the page's scripts and styles come from here only, and nothing it shows can run script
          .putHeader("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; "
              + "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
          .end(Buffer.buffer(asset.bytes()));
    }

    private JsonObject info() {
      Set<String> models = new LinkedHashSet<>();
      if (options.getModel() != null) {
        models.add(options.getModel().toString());
      }
      models.addAll(options.getModels());
      models.addAll(serverModels);
      return new JsonObject()
          .put("model", options.getModel() == null ? null : options.getModel().toString())
          .put("models", new JsonArray(new ArrayList<>(models)))
          .put("demo", options.isDemo())
          .put("replay", new JsonObject().put("events", options.getReplayEvents()).put("chars",
              options.getReplayChars()));
    }

    private void createSession(HttpServerRequest req, JsonObject body) {
      Object requested = body.getValue("directory");
      if (requested != null && !(requested instanceof String dir && dir.startsWith("/"))) {
        error(req.response(), 400, "directory must be an absolute path");
        return;
      }
      String directory = requested != null ? (String) requested : options.getOpenCode().getDirectory().orElse(null);
      clientFor(directory).createSession(SessionCreateBody.builder().title("ssekit web chat").build())
          .onComplete(ar -> {
            if (ar.failed()) {
              error(req.response(), 502, "OpenCode refused the session: " + describe(ar.cause()));
              return;
            }
            Session session = ar.result();
            Optional<String> id = session.id().filter(i -> SESSION_ID.matcher(i).matches());
            if (id.isEmpty()) {
              error(req.response(), 502, "OpenCode answered a session without a usable ID");
              return;
            }
            SessionChannel channel = channel(id.get(), session.directory().orElse(directory));
            json(req.response(), 201, sessionJson(channel));
          });
    }

    private void getSession(HttpServerRequest req) {
      String id = req.getParam("session");
      if (id == null || !SESSION_ID.matcher(id).matches()) {
        error(req.response(), 400, "no valid session ID");
        return;
      }
      SessionChannel known = channels.get(id);
      if (known != null) {
        json(req.response(), 200, sessionJson(known));
        return;
      }
      adopt(id).onComplete(ar -> {
        if (ar.succeeded()) {
          json(req.response(), 200, sessionJson(ar.result()));
        } else if (ar.cause() instanceof OpenCodeHttpException http && http.status() == 404) {
          error(req.response(), 404, "no such session");
        } else {
          error(req.response(), 502, "could not look the session up: " + describe(ar.cause()));
        }
      });
    }

    /**
     * A session not created here (or the relay restarted): adopted if OpenCode knows it, with its history (in
     * Redis mode, once its stream was read: the history only when the stream holds no turn).
     */
    private Future<SessionChannel> adopt(String id) {
      OpenCodeClient lookup = clientFor(options.getOpenCode().getDirectory().orElse(null));
      return lookup.getSession(id).compose(session -> {
        String directory = session.directory().orElse(options.getOpenCode().getDirectory().orElse(null));
        return clientFor(directory).messages(id).map(messages -> {
          SessionChannel channel = channels.get(id);
          if (channel == null) {
            channel = channel(id, directory);
            SessionChannel created = channel;
            created.whenLoaded(() -> created.loadHistory(messages));
          }
          return channel;
        }).compose(channel -> {
          Promise<SessionChannel> loaded = Promise.promise();
          channel.whenLoaded(() -> loaded.complete(channel));
          return loaded.future();
        });
      });
    }

    private JsonObject sessionJson(SessionChannel channel) {
      return new JsonObject().put("session", channel.sessionID()).put("directory", channel.directory())
          .put("running", channel.running());
    }

    private void events(HttpServerRequest req) {
      String id = String.valueOf(req.getParam("session"));
      SessionChannel channel = channels.get(id);
      if (channel == null && store != null && SESSION_ID.matcher(id).matches()) {
        // Redis mode: a browser that followed the session on another node resumes here
        adopt(id).onComplete(ar -> loop().execute(() -> {
          if (ar.succeeded()) {
            events(req);
          } else {
            error(req.response(), 404, "no such session");
          }
        }));
        return;
      }
      if (channel == null) {
        error(req.response(), 404, "no such session");
        return;
      }
      if (browsers.size() >= options.getMaxBrowsers()) {
        error(req.response(), 503, "too many browsers");
        return;
      }
      String lastEventId = req.getHeader("Last-Event-ID");
      if (lastEventId == null) {
        lastEventId = req.getParam("lastEventId"); // a page reopening its EventSource itself
      }
      HttpServerResponse resp = req.response().setChunked(true)
          .putHeader("Content-Type", "text/event-stream; charset=utf-8")
          .putHeader("Cache-Control", "no-store")
          .putHeader("X-Accel-Buffering", "no")
          .putHeader("X-Content-Type-Options", "nosniff");
      resp.setWriteQueueMaxSize(BROWSER_WRITE_QUEUE);
      BrowserConnection browser = new BrowserConnection(req, channel);
      browsers.add(browser);
      resp.closeHandler(v -> browser.closed());
      stats.browserOpened();
      stats.caughtUp(channel.attach(browser, lastEventId, options.getBrowserRetry().toMillis()));
    }

    private void prompt(HttpServerRequest req, JsonObject body) {
      SessionChannel channel = knownChannel(req, body);
      if (channel == null) {
        return;
      }
      String text = body.getValue("text") instanceof String t ? t : "";
      if (text.isBlank() || text.length() > MAX_PROMPT) {
        error(req.response(), 400, "the prompt must be between 1 and " + MAX_PROMPT + " chars");
        return;
      }
      ModelRef model = options.getModel();
      if (body.getValue("model") instanceof String named && !named.isBlank()) {
        try {
          model = ModelRef.parse(named.trim());
        } catch (IllegalArgumentException e) {
          error(req.response(), 400, e.getMessage());
          return;
        }
      }
      if (channel.running()) {
        error(req.response(), 409, "a turn is running in this session");
        return;
      }
      ModelRef chosen = model;
      // OpenCode stores a prompt sent to a busy session and never answers it (another client's turn runs there, or
      // waits for an answer): refuse it at once, as OpenCodeClient does, rather than show a turn that never ends
      callsFor(channel.directory()).sessionStatuses().onComplete(ar -> {
        if (ar.failed()) {
          error(req.response(), 502, "could not read the session status: " + describe(ar.cause()));
          return;
        }
        SessionStatus status = ar.result().get(channel.sessionID());
        if (status != null && !status.isIdle()) {
          error(req.response(), 409, "the session is busy in OpenCode (" + status.type().map(t -> t.raw())
              .orElse("busy") + "): a turn started elsewhere runs, waits for an answer or retries; send the prompt"
              + " once it is idle");
          return;
        }
        if (channel.running()) { // prompted meanwhile, through this relay
          error(req.response(), 409, "a turn is running in this session");
          return;
        }
        if (store != null) {
          promptShared(req, channel, text, chosen);
          return;
        }
        TurnView turn = startTurn(channel, text, chosen);
        json(req.response(), 202, new JsonObject().put("session", channel.sessionID()).put("turn", turn.number));
      });
    }

    private TurnView startTurn(SessionChannel channel, String text, ModelRef model) {
      TurnView turn = channel.startTurn(text, model); // holds the upstream: subscribed before prompting
      upstreamFor(channel.directory()).ready().onComplete(ar -> loop().execute(() -> {
        if (ar.succeeded()) {
          channel.upstreamConnected(); // the turn sends its prompt now
        } else {
          channel.upstreamFailed(ar.cause());
        }
      }));
      return turn;
    }

    /**
     * Redis mode: the lease holder of the directory drives the turn; on another node the prompt goes to OpenCode
     * from here and the holder adopts the turn as its events come.
     */
    private void promptShared(HttpServerRequest req, SessionChannel channel, String text, ModelRef model) {
      SharedDirectory shared = sharedFor(channel.directory());
      channel.whenLoaded(() -> shared.tick().onComplete(ar -> {
        if (channel.running()) {
          error(req.response(), 409, "a turn is running in this session");
          return;
        }
        TurnView turn = shared.isOwner() ? startTurn(channel, text, model) : channel.startRemoteTurn(text, model);
        json(req.response(), 202, new JsonObject().put("session", channel.sessionID()).put("turn", turn.number));
      }));
    }

    private void abort(HttpServerRequest req, JsonObject body) {
      SessionChannel channel = knownChannel(req, body);
      if (channel == null) {
        return;
      }
      if (!channel.running()) {
        error(req.response(), 409, "no turn is running");
        return;
      }
      channel.abort().onComplete(ar -> {
        if (ar.succeeded()) {
          json(req.response(), 202, new JsonObject().put("aborting", ar.result()));
        } else {
          error(req.response(), 502, "OpenCode refused the abort: " + describe(ar.cause()));
        }
      });
    }

    private void permission(HttpServerRequest req, JsonObject body) {
      SessionChannel channel = knownChannel(req, body);
      if (channel == null) {
        return;
      }
      String id = body.getValue("id") instanceof String s ? s : "";
      Optional<PermissionReply> reply =
          body.getValue("reply") instanceof String r ? PermissionReply.parse(r) : Optional.empty();
      if (reply.isEmpty()) {
        error(req.response(), 400, "reply must be once, always or reject");
        return;
      }
      if (!channel.isPendingPermission(id)) {
        error(req.response(), 409, "no such pending permission request in this session");
        return;
      }
      upstreamFor(channel.directory()).client().replyToPermission(id, reply.get()).onComplete(ar -> {
        if (ar.succeeded()) {
          json(req.response(), 200, new JsonObject().put("accepted", ar.result()));
        } else {
          error(req.response(), 502, "OpenCode refused the reply: " + describe(ar.cause()));
        }
      });
    }

    /** {@code {"session","id","answers":[["label or text", ...], ...]}} answers; {@code "reject":true} dismisses. */
    private void question(HttpServerRequest req, JsonObject body) {
      SessionChannel channel = knownChannel(req, body);
      if (channel == null) {
        return;
      }
      String id = body.getValue("id") instanceof String s ? s : "";
      boolean reject = Boolean.TRUE.equals(body.getValue("reject"));
      List<List<String>> answers = reject ? List.of() : answers(body.getValue("answers"));
      if (!reject && answers == null) {
        error(req.response(), 400, "answers must be an array of arrays of strings, one per question");
        return;
      }
      if (!channel.isPendingQuestion(id)) {
        error(req.response(), 409, "no such pending question in this session");
        return;
      }
      OpenCodeClient client = upstreamFor(channel.directory()).client();
      (reject ? client.rejectQuestion(id) : client.replyToQuestion(id, answers)).onComplete(ar -> {
        if (ar.succeeded()) {
          json(req.response(), 200, new JsonObject().put("accepted", ar.result()));
        } else {
          error(req.response(), 502, "OpenCode refused the answer: " + describe(ar.cause()));
        }
      });
    }

    /** The answers of a question request, or {@code null} when they are not arrays of strings. */
    private static List<List<String>> answers(Object value) {
      if (!(value instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_QUESTIONS) {
        return null;
      }
      List<List<String>> answers = new ArrayList<>();
      for (Object answer : array) {
        if (!(answer instanceof JsonArray picked) || picked.size() > MAX_QUESTIONS) {
          return null;
        }
        List<String> texts = new ArrayList<>();
        for (Object text : picked) {
          if (!(text instanceof String s)) {
            return null;
          }
          texts.add(s);
        }
        answers.add(texts);
      }
      return answers;
    }

    private SessionChannel knownChannel(HttpServerRequest req, JsonObject body) {
      SessionChannel channel = body.getValue("session") instanceof String id ? channels.get(id) : null;
      if (channel == null) {
        error(req.response(), 404, "no such session");
      }
      return channel;
    }

    // ---- sessions, upstreams, clients ----

    private SessionChannel channel(String id, String directory) {
      SessionChannel existing = channels.get(id);
      if (existing != null) {
        return existing;
      }
      SessionChannel[] self = new SessionChannel[1];
      ReplayBuffer buffer = new ReplayBuffer(epoch(), options.getReplayEvents(), options.getReplayChars());
      self[0] = new SessionChannel(id, directory, buffer, hold -> {
        if (store != null) {
          sharedFor(self[0].directory()).hold(self[0], hold);
          return;
        }
        Upstream upstream = upstreamFor(self[0].directory());
        if (hold) {
          upstream.acquire(self[0]);
        } else {
          upstream.release(self[0]);
        }
      }, callsFor(directory), options.getOpenCode().getMaxReplyChars());
      channels.put(id, self[0]);
      if (store != null) {
        self[0].share(logFor(directory, id), options.getReplayEvents(), options.getReplayChars());
        sharedFor(directory).register(self[0]);
      }
      return self[0];
    }

    private Upstream upstreamFor(String directory) {
      return upstreams.computeIfAbsent(key(directory), k -> new Upstream(loop(), directory, clientFor(directory),
          stats, options.getUpstreamGrace().toMillis()));
    }

    private OpenCodeClient clientFor(String directory) {
      return clients.computeIfAbsent(key(directory),
          k -> OpenCodeClient.create(vertx, new OpenCodeClientOptions(options.getOpenCode()).setDirectory(directory)));
    }

    /** The OpenCode calls of the sessions of {@code directory}, answering on the relay's event loop. */
    private TurnCalls callsFor(String directory) {
      OpenCodeClient client = clientFor(directory);
      return new TurnCalls() {
        @Override
        public Future<Void> promptAsync(String sessionID, PromptBody body) {
          return here(client.promptAsync(sessionID, body));
        }

        @Override
        public Future<Boolean> abort(String sessionID) {
          return here(client.abort(sessionID));
        }

        @Override
        public Future<Map<String, SessionStatus>> sessionStatuses() {
          return here(client.sessionStatuses());
        }

        @Override
        public Future<List<MessageWithParts>> messages(String sessionID) {
          return here(client.messages(sessionID));
        }

        @Override
        public Future<List<PermissionRequest>> permissions() {
          return here(client.permissions());
        }

        @Override
        public Future<List<QuestionRequest>> questions() {
          return here(client.questions());
        }
      };
    }

    /** {@code answer}, completed on the relay's event loop. */
    private <T> Future<T> here(Future<T> answer) {
      Promise<T> here = Promise.promise();
      answer.onComplete(ar -> loop().execute(() -> here.handle(ar)));
      return here.future();
    }

    /** Sessions nobody followed for the TTL, with no turn running, are forgotten (OpenCode keeps them). */
    private void evict() {
      long before = System.currentTimeMillis() - options.getSessionTtl().toMillis();
      List<SessionChannel> gone = channels.values().stream()
          .filter(c -> c.idleSinceMillis() > 0 && c.idleSinceMillis() < before && !c.running()).toList();
      for (SessionChannel c : gone) {
        channels.remove(c.sessionID());
        if (store != null) {
          sharedFor(c.directory()).forget(c);
        }
      }
    }


    /** One browser's event stream. */
    private final class BrowserConnection implements BrowserSink {
      final HttpServerRequest req;
      final SessionChannel channel;
      boolean closed;

      BrowserConnection(HttpServerRequest req, SessionChannel channel) {
        this.req = req;
        this.channel = channel;
      }

      @Override
      public void send(String frame) {
        if (closed) {
          return;
        }
        HttpServerResponse resp = req.response();
        if (resp.writeQueueFull()) {
          stats.browserDropped(); // too slow: it reconnects and resumes from the buffer or a snapshot
          close();
          return;
        }
        resp.write(OpenCodePassword.redact(frame));
      }

      @Override
      public void close() {
        if (!closed) {
          closed();
          req.connection().close();
        }
      }

      void closed() {
        if (closed) {
          return;
        }
        closed = true;
        browsers.remove(this);
        channel.detach(this);
        stats.browserClosed();
      }
    }
  }

  private static String key(String directory) {
    return directory == null ? "" : directory;
  }

  private static String epoch() {
    return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
  }

  private static void json(HttpServerResponse resp, int status, JsonObject body) {
    if (resp.ended() || resp.closed()) {
      return;
    }
    resp.setStatusCode(status).putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }

  private static void error(HttpServerResponse resp, int status, String message) {
    json(resp, status, new JsonObject().put("error", OpenCodePassword.redact(message)));
  }

  @Override
  public String toString() {
    return "ChatRelay[" + options + "]";
  }
}
