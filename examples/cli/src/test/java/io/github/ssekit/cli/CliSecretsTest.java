package io.github.ssekit.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.cli.SseDumpCommandTest.Run;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CLI never prints an API key or the OpenCode password, on any path: success, HTTP errors, errors inside the
 * stream, usage errors, unreachable servers; also when a hostile server echoes the secret back in a body, a header,
 * an error message or an event. {@code ssekit chat} runs in this JVM (its key comes from {@code --api-key} or the
 * replaceable environment); {@code ssekit opencode} and {@code ssekit events} read the password from the real
 * environment, so they run as child processes with {@code OPENCODE_SERVER_PASSWORD} set.
 */
class CliSecretsTest {
  private static final String KEY = "sk-cli-SECRET-41c7d2e9aa";
  private static final String PASSWORD = "pw-cli-SECRET-93be17";
  private static final String BASIC = Base64.getEncoder().encodeToString(("opencode:" + PASSWORD).getBytes(UTF_8));
  private static final long WAIT_SECONDS = 60;

  private static Vertx vertx;
  private static HttpServer server;
  /** What the server does per path; each case sets the paths it uses. */
  private static final Map<String, Consumer<HttpServerRequest>> ROUTES = new ConcurrentHashMap<>();
  private static final List<HttpServerResponse> OPEN_STREAMS = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer()
        .requestHandler(req -> req.body().onSuccess(b -> ROUTES.getOrDefault(req.path(), CliSecretsTest::echo401)
            .accept(req)))
        .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void reset() {
    ROUTES.clear();
    OPEN_STREAMS.forEach(stream -> stream.end());
    OPEN_STREAMS.clear();
    ChatCommand.environment = System::getenv;
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  /** The secret the request carried, in the forms a server might quote it: the header, its token, decoded. */
  private static String secretOf(HttpServerRequest req) {
    String authorization = String.valueOf(req.getHeader("Authorization"));
    String token = authorization.substring(authorization.indexOf(' ') + 1);
    if (authorization.startsWith("Basic ")) {
      String decoded = new String(Base64.getDecoder().decode(token), UTF_8);
      return authorization + " (" + decoded + ", " + decoded.substring(decoded.indexOf(':') + 1) + ")";
    }
    return authorization + " (" + token + ")";
  }

  /** Everything the request carried, echoed: a hostile server's favourite answer. */
  private static String echoOf(HttpServerRequest req) {
    StringBuilder echo = new StringBuilder();
    req.headers().forEach((name, value) -> echo.append(name).append('=').append(value).append("; "));
    return echo + "credentials " + secretOf(req);
  }

  private static void echo401(HttpServerRequest req) {
    req.response().setStatusCode(401).putHeader("content-type", "application/json")
        .putHeader("WWW-Authenticate", "Basic realm=\"" + secretOf(req) + "\"")
        .end(new JsonObject().put("error", new JsonObject().put("message", echoOf(req)).put("type", "auth")
            .put("code", secretOf(req))).put("name", "Unauthorized")
            .put("data", new JsonObject().put("message", echoOf(req))).encode());
  }

  private static void eventStream(HttpServerRequest req, String... events) {
    var response = req.response().setChunked(true).putHeader("content-type", "text/event-stream");
    for (String event : events) {
      response.write("data: " + event + "\n\n");
    }
    response.end();
  }

  private static void assertNothingShown(Run run) {
    // the key's tail: what a server that escapes the key's first letter in JSON leaves for a byte search to find
    for (String secret : List.of(KEY, PASSWORD, BASIC, KEY.substring(1))) {
      assertFalse(run.out().contains(secret), "stdout shows a secret: " + run.out());
      assertFalse(run.err().contains(secret), "stderr shows a secret: " + run.err());
    }
  }

  // ---- the cases ---------------------------------------------------------------------------------------------

  /** One run of the CLI against the echoing server: routes to set, the command line, the exit status expected. */
  record Case(String name, Map<String, Consumer<HttpServerRequest>> routes, boolean child, List<String> args,
      int status) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case chat(String name, Map<String, Consumer<HttpServerRequest>> routes, int status, String... args) {
    return new Case(name, routes, false, List.of(args), status);
  }

  private static Case child(String name, Map<String, Consumer<HttpServerRequest>> routes, int status, String... args) {
    return new Case(name, routes, true, List.of(args), status);
  }

  static Stream<Case> cases() {
    String base = "http://127.0.0.1:0/v1"; // replaced by the server's URL when run
    Consumer<HttpServerRequest> streamError = req -> eventStream(req,
        "{\"error\":{\"message\":\"bad key " + KEY + "\",\"type\":\"auth\",\"code\":\"" + KEY + "\"}}");
    String escapedKey = "\\u0073" + KEY.substring(1); // a JSON escape of its first letter: no byte search finds it
    String escapedError = "{\"error\":{\"message\":\"bad key " + escapedKey + "\",\"type\":\"" + escapedKey
        + "\",\"code\":\"" + escapedKey + "\",\"param\":\"" + escapedKey + "\"}}";
    Consumer<HttpServerRequest> escaped401 = req -> req.response().setStatusCode(401)
        .putHeader("content-type", "application/json").end(escapedError);
    Consumer<HttpServerRequest> escapedStreamError = req -> eventStream(req, escapedError, "[DONE]");
    Consumer<HttpServerRequest> anthropicStreamError = req -> req.response().setChunked(true)
        .putHeader("content-type", "text/event-stream")
        .end("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"content\":[]}}\n\n"
            + "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"" + escapedKey + "\",\"message\":"
            + "\"bad key " + escapedKey + " " + KEY + "\"}}\n\n");
    Consumer<HttpServerRequest> typeStreamError = req -> eventStream(req,
        "{\"error\":{\"message\":\"m\",\"type\":\"" + KEY + "\"}}", "[DONE]");
    Consumer<HttpServerRequest> brokenChunks = req -> eventStream(req,
        "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}],\"key\":\"" + KEY + "\"",
        "not json " + KEY, "[DONE]");
    // the event stream stays open; the prompt makes the turn fail with an error that quotes the credentials
    Consumer<HttpServerRequest> events = req -> {
      HttpServerResponse stream = req.response().setChunked(true).putHeader("content-type", "text/event-stream");
      stream.write("data: {\"type\":\"server.connected\",\"properties\":{}}\n\n");
      OPEN_STREAMS.add(stream);
    };
    Consumer<HttpServerRequest> failingTurn = req -> {
      req.response().setStatusCode(204).end();
      String error = "{\"type\":\"session.error\",\"properties\":{\"sessionID\":\"ses_x\",\"error\":{\"name\":"
          + "\"APIError\",\"data\":{\"message\":\"rejected " + PASSWORD + " " + BASIC + "\",\"statusCode\":401}}}}";
      String idle = "{\"type\":\"session.idle\",\"properties\":{\"sessionID\":\"ses_x\"}}";
      vertx.setTimer(20, t -> OPEN_STREAMS.forEach(stream -> stream.write("data: " + error + "\n\ndata: " + idle
          + "\n\n")));
    };
    return Stream.of(
        chat("chat: HTTP 401 echoing the key", Map.of(), 1,
            "chat", "--base-url", base, "--model", "m", "--api-key", KEY, "hi"),
        chat("chat --json: HTTP 401 echoing the key", Map.of(), 1,
            "chat", "--base-url", base, "--model", "m", "--api-key", KEY, "--json", "hi"),
        chat("chat --responses: HTTP 401 echoing the key", Map.of(), 1,
            "chat", "--base-url", base, "--model", "m", "--api-key", KEY, "--responses", "hi"),
        chat("chat: key from OPENAI_API_KEY, HTTP 401 echoing it", Map.of(), 1,
            "chat", "--base-url", base, "--model", "m", "ENV", "hi"),
        chat("chat --protocol anthropic: HTTP 401 echoing the key", Map.of(), 1,
            "chat", "--protocol", "anthropic", "--base-url", base, "--model", "m", "--api-key", KEY, "hi"),
        chat("chat --protocol anthropic --json: key from ANTHROPIC_API_KEY, HTTP 401 echoing it", Map.of(), 1,
            "chat", "--protocol", "anthropic", "--base-url", base, "--model", "m", "ENV", "--json", "hi"),
        chat("chat --protocol anthropic --json: HTTP 401 with the key JSON-escaped in every field",
            Map.of("/v1/messages", escaped401), 1,
            "chat", "--protocol", "anthropic", "--base-url", base, "--model", "m", "--api-key", KEY, "--json", "hi"),
        chat("chat --protocol anthropic --json: an event: error with the key, plain and JSON-escaped",
            Map.of("/v1/messages", anthropicStreamError), 1,
            "chat", "--protocol", "anthropic", "--base-url", base, "--model", "m", "--api-key", KEY, "--json", "hi"),
        chat("chat: an error event inside the stream echoing the key",
            Map.of("/v1/chat/completions", streamError), 1,
            "chat", "--base-url", base, "--model", "m", "--api-key", KEY, "hi"),
        chat("chat --json: an error event inside the stream echoing the key",
            Map.of("/v1/chat/completions", streamError), 1,
            "chat", "--base-url", base, "--model", "m", "--api-key", KEY, "--json", "hi"),
        chat("chat --json: HTTP 401 with the key JSON-escaped in every field",
            Map.of("/v1/chat/completions", escaped401), 1,
            "chat", "--base-url", base, "--model", "m", "--api-key", KEY, "--json", "hi"),
        chat("chat --responses --json: HTTP 401 with the key JSON-escaped in every field",
            Map.of("/v1/responses", escaped401), 1,
            "chat", "--base-url", base, "--model", "m", "--api-key", KEY, "--responses", "--json", "hi"),
        chat("chat --json: an error inside the stream with the key JSON-escaped in every field",
            Map.of("/v1/chat/completions", escapedStreamError), 1,
            "chat", "--base-url", base, "--model", "m", "--api-key", KEY, "--json", "hi"),
        chat("chat --json: an error inside the stream with the key as its type",
            Map.of("/v1/chat/completions", typeStreamError), 1,
            "chat", "--base-url", base, "--model", "m", "--api-key", KEY, "--json", "hi"),
        chat("chat --json: malformed chunks quoting the key (diagnostics)",
            Map.of("/v1/chat/completions", brokenChunks), 1,
            "chat", "--base-url", base, "--model", "m", "--api-key", KEY, "--json", "hi"),
        chat("chat: unreachable server", Map.of(), 1,
            "chat", "--base-url", "http://127.0.0.1:1/v1", "--model", "m", "--api-key", KEY, "hi"),
        chat("chat: the key in the base URL's query (usage error)", Map.of(), 2,
            "chat", "--base-url", "https://h/v1?key=" + KEY, "--model", "m", "--api-key", KEY, "hi"),
        chat("chat: the key as the base URL's user info (usage error)", Map.of(), 2,
            "chat", "--base-url", "https://u:" + KEY + "@h/v1", "--model", "m", "hi"),
        chat("chat: a malformed base URL holding the key (usage error)", Map.of(), 2,
            "chat", "--base-url", "https://h/v1 " + KEY, "--model", "m", "hi"),
        chat("chat: a command line picocli rejects", Map.of(), 2,
            "chat", "--api-key", KEY, "--model"),
        child("opencode: session creation answered 401 echoing the password", Map.of(), 1,
            "opencode", "--url", "BASE", "--model", "p/m", "hi"),
        child("opencode --json: the event stream answered 401 echoing the password", Map.of(), 1,
            "opencode", "--url", "BASE", "--model", "p/m", "--session", "ses_x", "--json", "hi"),
        child("opencode: the turn fails with an error echoing the password",
            Map.of("/event", events, "/session/ses_x/prompt_async", failingTurn), 1,
            "opencode", "--url", "BASE", "--model", "p/m", "--session", "ses_x", "hi"),
        child("opencode --json: the turn fails with an error echoing the password",
            Map.of("/event", events, "/session/ses_x/prompt_async", failingTurn), 1,
            "opencode", "--url", "BASE", "--model", "p/m", "--session", "ses_x", "--json", "hi"),
        child("opencode: the password as the URL's user info (usage error)", Map.of(), 2,
            "opencode", "--url", "http://opencode:" + PASSWORD + "@127.0.0.1:1", "--model", "p/m", "hi"),
        child("events: the stream answered 401 echoing the password", Map.of(), 1,
            "events", "--url", "BASE"),
        child("events --global: the stream answered 401 echoing the password", Map.of(), 1,
            "events", "--url", "BASE", "--global"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void neverPrintsASecret(Case c) throws Exception {
    ROUTES.putAll(c.routes());
    List<String> args = new ArrayList<>();
    for (String arg : c.args()) {
      args.add(arg.replace("http://127.0.0.1:0/v1", url("/v1")).replace("BASE", url("")));
    }
    Run run;
    if (c.child()) {
      run = runChild(args);
    } else if (args.remove("ENV")) {
      ChatCommand.environment = name -> name.equals("OPENAI_API_KEY") || name.equals("ANTHROPIC_API_KEY") ? KEY : null;
      run = SseDumpCommandTest.run(new byte[0], args.toArray(String[]::new));
    } else {
      run = SseDumpCommandTest.run(new byte[0], args.toArray(String[]::new));
    }
    assertEquals(c.status(), run.status(), "exit status; stderr: " + run.err());
    assertNothingShown(run);
    if (c.status() == 1) {
      assertFalse(run.err().isBlank(), "a failure says why");
    }
  }

  /** {@code ssekit ARGS} in a child JVM with the password in its environment, as a user would run it. */
  private static Run runChild(List<String> args) throws Exception {
    return ChildJvm.run(SsekitCommand.class, args, environment -> {
      environment.put("OPENCODE_SERVER_PASSWORD", PASSWORD);
      environment.remove("OPENCODE_SERVER_USERNAME");
    }, WAIT_SECONDS);
  }
}
