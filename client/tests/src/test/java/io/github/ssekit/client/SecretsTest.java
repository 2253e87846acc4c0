package io.github.ssekit.client;

import static io.github.ssekit.client.testing.ScriptedServer.eventStream;
import static io.github.ssekit.client.testing.Sink.await;
import static io.github.ssekit.client.testing.Sink.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.anthropic.AnthropicStreamException;
import io.github.ssekit.anthropic.MessagesRequest;
import io.github.ssekit.client.anthropic.AnthropicClient;
import io.github.ssekit.client.anthropic.AnthropicClientOptions;
import io.github.ssekit.client.anthropic.AnthropicHttpException;
import io.github.ssekit.client.openai.OpenAiClient;
import io.github.ssekit.client.openai.OpenAiClientOptions;
import io.github.ssekit.client.openai.OpenAiHttpException;
import io.github.ssekit.client.openai.OpenAiRequestOptions;
import io.github.ssekit.client.opencode.OpenCodeClient;
import io.github.ssekit.client.opencode.OpenCodeClientOptions;
import io.github.ssekit.client.opencode.OpenCodeHttpException;
import io.github.ssekit.client.opencode.testing.OpenCodeFakeServer;
import io.github.ssekit.client.testing.Sink;
import io.github.ssekit.openai.ProviderStreamException;
import io.github.ssekit.openai.chat.ChatRequest;
import io.github.ssekit.openai.responses.ResponsesRequest;
import io.github.ssekit.sse.SseException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * API keys and passwords never show: not in {@code toString()}, not in exceptions (message, cause chain, stack
 * trace, body, headers), not in log records, even when the server echoes them back, and not in the messages of
 * rejected arguments.
 */
class SecretsTest extends LoopbackTest {
  private static final String KEY = "sk-proj-SECRET-7f3a9c1e5b";
  private static final String PASSWORD = "hunter2-SECRET-pw";
  private static final String BASIC = Base64.getEncoder()
      .encodeToString(("opencode:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

  /** Fails when any text shows the key, the password or the encoded basic credentials. */
  private static void assertNoSecret(String where, String text) {
    for (String secret : List.of(KEY, PASSWORD, BASIC)) {
      assertFalse(text.contains(secret), where + " shows a secret: " + text);
    }
  }

  /** Everything an exception can show: message, toString, stack trace with causes, body and headers. */
  private static void assertNoSecret(Throwable error) {
    StringWriter trace = new StringWriter();
    error.printStackTrace(new PrintWriter(trace));
    assertNoSecret("stack trace", trace.toString());
    for (Throwable t = error; t != null; t = t.getCause()) {
      assertNoSecret("message of " + t.getClass().getSimpleName(), String.valueOf(t.getMessage()));
      if (t instanceof HttpStatusException http) {
        assertNoSecret("body", http.body());
        assertNoSecret("body bytes", new String(http.bodyBytes(), StandardCharsets.UTF_8));
        assertNoSecret("headers", http.headers().entries().toString());
      }
      if (t instanceof AnthropicHttpException anthropic) {
        assertNoSecret("error message", anthropic.errorMessage());
        anthropic.error().ifPresent(a -> assertNoSecret("server error", a.raw() + a.getMessage()));
      }
      if (t instanceof OpenAiHttpException openAi) {
        assertNoSecret("provider message", openAi.providerMessage());
        openAi.providerError().ifPresent(p -> assertNoSecret("provider error", p.rawJson() + p.getMessage()));
      }
    }
  }

  private SseRequest withCredentials(String path) {
    return SseRequest.get(server.url(path + "?api_key=" + KEY))
        .header("Authorization", "Bearer " + KEY)
        .header("X-Api-Key", KEY)
        .header("Cookie", "session=" + PASSWORD)
        .header("Proxy-Authorization", "Basic " + BASIC)
        .reconnect(false)
        .build();
  }

  // ---- toString ----------------------------------------------------------------------------------------------

  @Test
  void noToStringShowsACredential() throws Exception {
    server.on("/ok", req -> eventStream(req).end("data: x\n\n"));
    SseStream stream = await(client().connect(withCredentials("/ok")));
    OpenAiClientOptions openAi = new OpenAiClientOptions().setApiKey(KEY)
        .putHeader("Authorization", "Bearer " + KEY).putHeader("api-key", KEY).putHeader("X-Goog-Api-Key", KEY);
    OpenAiClient openAiClient = OpenAiClient.create(vertx, openAi);
    AnthropicClientOptions anthropic = new AnthropicClientOptions().setApiKey(KEY).putHeader("x-api-key", KEY)
        .putHeader("Authorization", "Bearer " + KEY);
    AnthropicClient anthropicClient = AnthropicClient.create(vertx, anthropic);
    OpenCodeClientOptions openCode = new OpenCodeClientOptions(server.url("")).setPassword(PASSWORD);
    OpenCodeClient openCodeClient = OpenCodeClient.create(vertx, openCode);
    try {
      List<Object> shown = List.of(withCredentials("/ok"), stream, openAi, new OpenAiClientOptions(openAi),
          openAiClient, openAiClient.options(), openAiClient.streamChat(ChatRequest.builder("m").user("hi").build()),
          new OpenAiRequestOptions().putHeader("Authorization", "Bearer " + KEY).putHeader("x-api-key", KEY),
          openCode, new OpenCodeClientOptions(openCode), openCodeClient, openCodeClient.options(), anthropic,
          new AnthropicClientOptions(anthropic), anthropicClient, anthropicClient.options(),
          anthropicClient.streamMessages(MessagesRequest.builder("m", 16).user("hi").build()));
      for (Object object : shown) {
        assertNoSecret(object.getClass().getSimpleName() + ".toString()", object.toString());
      }
      assertTrue(openAi.toString().contains("<redacted>"), openAi.toString());
      assertTrue(openCode.toString().contains("password set"), openCode.toString());
      Sink.attach(stream).awaitEnd();
    } finally {
      await(openAiClient.closeAsync());
      await(openCodeClient.closeAsync());
      await(anthropicClient.closeAsync());
    }
  }

  // ---- servers that echo what they were sent -----------------------------------------------------------------

  /** A server that puts every credential it received into its answer's body and headers. */
  private static Consumer<HttpServerRequest> echoing(int status, String contentType) {
    return req -> {
      StringBuilder echo = new StringBuilder("you sent:");
      req.headers().forEach((name, value) -> echo.append(' ').append(name).append('=').append(value));
      echo.append(" query=").append(req.query());
      var response = req.response().setStatusCode(status).putHeader("content-type", contentType)
          .putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\", token=\"" + KEY + "\"")
          .putHeader("X-Echo", String.valueOf(req.getHeader("Authorization")));
      if (status / 100 == 3) {
        response.putHeader("Location", "ftp://nowhere/" + KEY);
      }
      response.end(echo.toString());
    };
  }

  static Stream<Object[]> echoes() {
    return Stream.of(
        new Object[] {401, "application/json", HttpStatusException.class},
        new Object[] {500, "text/plain", HttpStatusException.class},
        new Object[] {200, "text/html", UnexpectedContentTypeException.class},
        new Object[] {302, "text/plain", RedirectException.class});
  }

  @ParameterizedTest(name = "HTTP {0} {1}")
  @MethodSource("echoes")
  void anEchoedCredentialIsCutOutOfTheException(int status, String contentType, Class<? extends Throwable> type)
      throws Exception {
    server.on("/echo", req -> echoing(status, contentType).accept(req));
    HttpStatusException e = (HttpStatusException) awaitFailure(client().connect(withCredentials("/echo")), type);
    assertNoSecret(e);
    assertTrue(e.body().contains("Authorization=<redacted> X-Api-Key=<redacted>"),
        "the echo is kept, the secrets cut: " + e.body());
    assertTrue(e.headers().get("WWW-Authenticate").contains("<redacted>"), e.headers().toString());
  }

  @Test
  void openAiErrorsDoNotShowAnEchoedKey() throws Exception {
    server.on("/v1/chat/completions", req -> req.response().setStatusCode(401)
        .putHeader("content-type", "application/json")
        .end("{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + ".\",\"type\":\"invalid_request_error\","
            + "\"code\":\"invalid_api_key\"}}"));
    OpenAiClient client = OpenAiClient.create(vertx, new OpenAiClientOptions().setBaseUrl(server.url("/v1"))
        .setApiKey(KEY).setSseClientOptions(fastOptions()));
    try {
      OpenAiHttpException e = awaitFailure(client.streamChat(ChatRequest.builder("m").user("hi").build()).result(),
          OpenAiHttpException.class);
      assertNoSecret(e);
      assertEquals("Incorrect API key provided: <redacted>.", e.providerMessage());
      assertEquals("invalid_api_key", e.code().orElseThrow());
    } finally {
      await(client.closeAsync());
    }
  }

  /** The key as a server can write it in JSON so that no byte search finds it: its first letter escaped. */
  private static final String ESCAPED_KEY = "\\u0073" + KEY.substring(1);

  /** Fails when any text shows the key, also in its escaped form (its tail is what the escape leaves). */
  private static void assertNoDecodedSecret(String where, String text) {
    assertNoSecret(where, text);
    assertFalse(text.contains(KEY.substring(1)), where + " shows the escaped key: " + text);
  }

  /** Every field of a provider's error, after decoding. */
  private static void assertNoDecodedSecret(ProviderStreamException error) {
    assertNoDecodedSecret("message", error.getMessage());
    assertNoDecodedSecret("toString", error.toString());
    assertNoDecodedSecret("provider message", error.providerMessage());
    assertNoDecodedSecret("type", error.type().orElse(""));
    assertNoDecodedSecret("code", error.code().orElse(""));
    assertNoDecodedSecret("param", error.param().orElse(""));
    assertNoDecodedSecret("raw JSON", error.rawJson());
  }

  /** An error object that holds the key, JSON-escaped, in every field. */
  private static final String ESCAPED_ERROR = "{\"message\":\"Incorrect API key provided: " + ESCAPED_KEY
      + "\",\"type\":\"" + ESCAPED_KEY + "\",\"code\":\"" + ESCAPED_KEY + "\",\"param\":\"" + ESCAPED_KEY
      + "\",\"" + ESCAPED_KEY + "\":1}";

  static Stream<Object[]> escapedErrorBodies() {
    return Stream.of(
        new Object[] {"an OpenAI error object", "{\"error\":" + ESCAPED_ERROR + "}", 64 * 1024},
        new Object[] {"a flat error object", ESCAPED_ERROR, 64 * 1024},
        new Object[] {"an error body cut inside the JSON", "{\"error\":" + ESCAPED_ERROR + ",\"pad\":\""
            + "x".repeat(4096) + "\"}", 1024});
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("escapedErrorBodies")
  void anHttpErrorBodyQuotingTheKeyInEscapedFormShowsItNowhere(String what, String body, int maxErrorBodyBytes)
      throws Exception {
    server.on("/v1/chat/completions", req -> req.response().setStatusCode(401)
        .putHeader("content-type", "application/json").end(body));
    OpenAiClient client = OpenAiClient.create(vertx, new OpenAiClientOptions().setBaseUrl(server.url("/v1"))
        .setApiKey(KEY).setSseClientOptions(fastOptions().setMaxErrorBodyBytes(maxErrorBodyBytes)));
    try {
      OpenAiHttpException e = awaitFailure(client.streamChat(ChatRequest.builder("m").user("hi").build()).result(),
          OpenAiHttpException.class);
      assertNoSecret(e);
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      assertNoDecodedSecret("stack trace", trace.toString());
      assertNoDecodedSecret("getMessage", e.getMessage());
      assertNoDecodedSecret("toString", e.toString());
      assertNoDecodedSecret("providerMessage", e.providerMessage());
      assertNoDecodedSecret("type", e.type().orElse(""));
      assertNoDecodedSecret("code", e.code().orElse(""));
      assertNoDecodedSecret("body", e.body());
      e.providerError().ifPresent(SecretsTest::assertNoDecodedSecret);
      assertEquals(401, e.status());
      if (maxErrorBodyBytes > body.length()) {
        assertEquals("Incorrect API key provided: <redacted>", e.providerMessage());
        assertEquals("<redacted>", e.type().orElseThrow());
      }
    } finally {
      await(client.closeAsync());
    }
  }

  static Stream<Object[]> escapedAnthropicErrorBodies() {
    return Stream.of(
        new Object[] {"an Anthropic error", "{\"type\":\"error\",\"error\":" + ESCAPED_ERROR + "}", 64 * 1024},
        new Object[] {"an Anthropic error cut inside the JSON", "{\"type\":\"error\",\"error\":" + ESCAPED_ERROR
            + ",\"pad\":\"" + "x".repeat(4096) + "\"}", 1024});
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("escapedAnthropicErrorBodies")
  void anAnthropicHttpErrorQuotingTheKeyInEscapedFormShowsItNowhere(String what, String body, int maxErrorBodyBytes)
      throws Exception {
    server.on("/v1/messages", req -> req.response().setStatusCode(401)
        .putHeader("content-type", "application/json").end(body));
    AnthropicClient client = AnthropicClient.create(vertx, new AnthropicClientOptions().setBaseUrl(server.url("/v1"))
        .setApiKey(KEY).setSseClientOptions(fastOptions().setMaxErrorBodyBytes(maxErrorBodyBytes)));
    try {
      AnthropicHttpException e = awaitFailure(client.streamMessages(MessagesRequest.builder("m", 16).user("hi")
          .build()).result(), AnthropicHttpException.class);
      assertNoSecret(e);
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      assertNoDecodedSecret("stack trace", trace.toString());
      assertNoDecodedSecret("getMessage", e.getMessage());
      assertNoDecodedSecret("errorMessage", e.errorMessage());
      assertNoDecodedSecret("errorType", e.errorType().orElse(""));
      assertNoDecodedSecret("body", e.body());
      e.error().ifPresent(a -> assertNoDecodedSecret("raw", a.raw()));
      assertEquals(401, e.status());
      if (maxErrorBodyBytes > body.length()) {
        assertEquals("Incorrect API key provided: <redacted>", e.errorMessage());
        assertEquals("<redacted>", e.errorType().orElseThrow());
      }
    } finally {
      await(client.closeAsync());
    }
  }

  @Test
  void anAnthropicInStreamErrorQuotingTheKeyShowsItInNoField() throws Exception {
    server.on("/v1/messages", req -> eventStream(req).end("event: error\ndata: {\"type\":\"error\",\"error\":"
        + ESCAPED_ERROR + "}\n\n"));
    AnthropicClient client = AnthropicClient.create(vertx, new AnthropicClientOptions().setBaseUrl(server.url("/v1"))
        .setApiKey(KEY).setSseClientOptions(fastOptions()));
    try {
      List<SseException> errors = await(client.streamMessages(MessagesRequest.builder("m", 16).user("hi").build())
          .result()).errors();
      AnthropicStreamException error = assertInstanceOf(AnthropicStreamException.class, errors.get(0));
      assertNoDecodedSecret("message", error.getMessage());
      assertNoDecodedSecret("toString", error.toString());
      assertNoDecodedSecret("errorMessage", error.errorMessage().orElse(""));
      assertNoDecodedSecret("errorType", error.errorType().orElse(""));
      assertNoDecodedSecret("raw", error.raw());
      assertEquals("<redacted>", error.errorType().orElseThrow());
    } finally {
      await(client.closeAsync());
    }
  }

  static Stream<Object[]> inStreamErrors() {
    return Stream.of(
        new Object[] {"chat, an error object", false, "data: {\"error\":" + ESCAPED_ERROR + "}\n\ndata: [DONE]\n\n"},
        new Object[] {"chat, the key as written", false, "data: {\"error\":{\"message\":\"m\",\"type\":\"" + KEY
            + "\"}}\n\ndata: [DONE]\n\n"},
        new Object[] {"responses, an error event", true, "event: error\ndata: {\"type\":\"error\",\"error\":"
            + ESCAPED_ERROR + "}\n\n"});
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inStreamErrors")
  void anInStreamErrorQuotingTheKeyShowsItInNoField(String what, boolean responses, String stream) throws Exception {
    String path = responses ? "/v1/responses" : "/v1/chat/completions";
    server.on(path, req -> eventStream(req).end(stream));
    OpenAiClient client = OpenAiClient.create(vertx, new OpenAiClientOptions().setBaseUrl(server.url("/v1"))
        .setApiKey(KEY).setSseClientOptions(fastOptions()));
    try {
      List<SseException> errors = responses
          ? await(client.streamResponses(ResponsesRequest.builder("m").input("hi").build()).result()).errors()
          : await(client.streamChat(ChatRequest.builder("m").user("hi").build()).result()).errors();
      assertFalse(errors.isEmpty(), "the error is kept");
      ProviderStreamException error = assertInstanceOf(ProviderStreamException.class, errors.get(0));
      assertNoDecodedSecret(error);
      assertEquals("<redacted>", error.type().orElseThrow());
    } finally {
      await(client.closeAsync());
    }
  }

  @Test
  void openCodeErrorsDoNotShowAnEchoedPassword() throws Exception {
    try (OpenCodeFakeServer openCode = OpenCodeFakeServer.start(vertx)) {
      openCode.on(HttpMethod.GET, "/session", req -> req.response().setStatusCode(401)
          .putHeader("content-type", "application/json")
          .putHeader("X-Echo", String.valueOf(req.getHeader("Authorization")))
          .end("{\"name\":\"Unauthorized\",\"data\":{\"message\":\"bad credentials opencode:" + PASSWORD
              + " (" + req.getHeader("Authorization") + ")\"}}"));
      OpenCodeClient client = OpenCodeClient.create(vertx, new OpenCodeClientOptions(openCode.url())
          .setPassword(PASSWORD).setRequestTimeout(Duration.ofSeconds(5)));
      try {
        OpenCodeHttpException e = awaitFailure(client.listSessions(), OpenCodeHttpException.class);
        assertNoSecret(e);
        assertEquals(401, e.status());
        assertEquals("bad credentials <redacted> (<redacted>)", e.error().orElseThrow().message().orElseThrow());
        assertEquals("Basic " + BASIC, openCode.seen().get(0).headers().get("Authorization"), "sent, all the same");
      } finally {
        await(client.closeAsync());
      }
    }
  }

  // ---- logs --------------------------------------------------------------------------------------------------

  /** Collects every log record of Vert.x, Netty and ssekit, at every level, while it is installed. */
  private static final class LogCapture extends Handler implements AutoCloseable {
    private static final List<String> LOGGERS = List.of("", "io.vertx", "io.netty", "io.github.ssekit");
    final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final List<Level> saved = new ArrayList<>();
    // held strongly: JUL keeps loggers weakly, and a collected logger would forget its level
    private final List<Logger> loggers = new ArrayList<>();

    LogCapture() {
      setLevel(Level.ALL);
      for (String name : LOGGERS) {
        Logger logger = Logger.getLogger(name);
        loggers.add(logger);
        saved.add(logger.getLevel());
        logger.setLevel(Level.ALL);
      }
      Logger.getLogger("").addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
      records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      Logger.getLogger("").removeHandler(this);
      for (int i = 0; i < loggers.size(); i++) {
        loggers.get(i).setLevel(saved.get(i));
      }
    }
  }

  @Test
  void nothingLoggedShowsACredential() throws Exception {
    server.on("/ok", req -> eventStream(req).end("data: fine\n\n"));
    server.on("/echo", req -> echoing(401, "application/json").accept(req));
    server.on("/stall", req -> eventStream(req).write("data: first\n\n"));
    server.on("/away", req -> req.response().setStatusCode(307)
        .putHeader("Location", "http://localhost:" + req.localAddress().port() + "/ok").end());
    try (LogCapture logs = new LogCapture()) {
      Logger.getLogger("io.github.ssekit.test").fine("capture works");
      SseClient client = client(fastOptions().setIdleTimeout(Duration.ofMillis(300)));
      Sink.attach(await(client.connect(withCredentials("/ok")))).awaitEnd();
      awaitFailure(client.connect(withCredentials("/echo")), HttpStatusException.class);
      Sink.attach(await(client.connect(withCredentials("/stall")))).awaitFailure(SseIdleTimeoutException.class);
      Sink.attach(await(client.connect(withCredentials("/away")))).awaitEnd();
      awaitFailure(client.connect(SseRequest.get("http://127.0.0.1:1/refused").header("Authorization", "Bearer " + KEY)
          .build()), SseConnectionException.class);
      OpenCodeClient openCode = OpenCodeClient.create(vertx, new OpenCodeClientOptions(server.url(""))
          .setPassword(PASSWORD).setRequestTimeout(Duration.ofSeconds(5)));
      awaitFailure(openCode.listSessions(), OpenCodeHttpException.class);
      await(openCode.closeAsync());

      assertTrue(logs.records.stream().anyMatch(r -> "capture works".equals(r.getMessage())), "the capture works");
      for (LogRecord record : logs.records) {
        StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
        if (record.getParameters() != null) {
          for (Object parameter : record.getParameters()) {
            text.append(' ').append(parameter);
          }
        }
        assertNoSecret("log record of " + record.getLoggerName(), text.toString());
        if (record.getThrown() != null) {
          assertNoSecret(record.getThrown());
        }
      }
    }
  }

  // ---- rejected arguments ------------------------------------------------------------------------------------

  static Stream<Object[]> rejectedArguments() {
    return Stream.of(
        new Object[] {"credentials in a stream URI", (Runnable) () -> SseRequest.get("http://u:" + KEY + "@h/")},
        new Object[] {"a malformed stream URI", (Runnable) () -> SseRequest.get("http://h/a b?key=" + KEY)},
        new Object[] {"a non-http stream URI", (Runnable) () -> SseRequest.get("ftp://u:" + KEY + "@h/")},
        new Object[] {"a header value with CR LF", (Runnable) () -> SseRequest.get("http://h/")
            .header("Authorization", "Bearer " + KEY + "\r\nX-Injected: 1")},
        new Object[] {"credentials in a base URL", (Runnable) () -> new OpenAiClientOptions()
            .setBaseUrl("https://u:" + KEY + "@h/v1")},
        new Object[] {"a query in a base URL", (Runnable) () -> new OpenAiClientOptions()
            .setBaseUrl("https://h/v1?key=" + KEY)},
        new Object[] {"a malformed base URL", (Runnable) () -> new OpenAiClientOptions()
            .setBaseUrl("https://h/v1 " + KEY)},
        new Object[] {"an API key with CR LF", (Runnable) () -> new OpenAiClientOptions()
            .setApiKey(KEY + "\r\nX-Injected: 1")},
        new Object[] {"a header with CR LF", (Runnable) () -> new OpenAiClientOptions()
            .putHeader("X-Api-Key", KEY + "\n")},
        new Object[] {"a request header with CR LF", (Runnable) () -> new OpenAiRequestOptions()
            .putHeader("X-Api-Key", KEY + "\n")},
        new Object[] {"credentials in an OpenCode URL", (Runnable) () -> new OpenCodeClientOptions(
            "http://opencode:" + PASSWORD + "@127.0.0.1:4096")},
        new Object[] {"a malformed OpenCode URL", (Runnable) () -> new OpenCodeClientOptions(
            "http://127.0.0.1:4096/ " + PASSWORD)});
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejectedArguments")
  void aRejectedArgumentIsNotEchoed(String what, Runnable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertNoSecret(e);
  }
}
