package io.github.ssekit.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.client.SseClientOptions;
import io.github.ssekit.client.opencode.OpenCodeClientOptions;
import io.github.ssekit.opencode.ModelRef;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseParser;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay over real HTTP on loopback, in front of a scripted OpenCode server; browsers are plain SSE readers. */
class ChatRelayTest {
  static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newBuilder()
      .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
  ScriptedOpenCode opencode;
  Vertx vertx;
  ChatRelay relay;
  HttpClient sseClient;

  @BeforeEach
  void start() throws Exception {
    opencode = new ScriptedOpenCode();
    vertx = Vertx.vertx();
    OpenCodeClientOptions upstream = new OpenCodeClientOptions(opencode.url())
        .setSseClientOptions(new SseClientOptions().setReconnectDelay(Duration.ofMillis(100)));
    relay = ChatRelay.start(vertx, new ChatRelayOptions(upstream).setPort(0)
        .setModel(ModelRef.of("mock", "mock-normal")).setUpstreamGrace(Duration.ofMillis(200)))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    sseClient = vertx.createHttpClient();
  }

  @AfterEach
  void stop() throws Exception {
    relay.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    opencode.close();
  }

  record Answer(int status, JsonObject json, HttpResponse<String> raw) {}

  Answer get(String path) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(relay.url() + path.substring(1))).build(),
        HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.body().startsWith("{") ? new JsonObject(r.body()) : null, r);
  }

  Answer post(String path, JsonObject body) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(relay.url() + path.substring(1)))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(),
        HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), new JsonObject(r.body()), r);
  }

  boolean running(String session) {
    try {
      return get("/api/session?session=" + session).json().getBoolean("running");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  String newSession() throws Exception {
    Answer created = post("/api/session", new JsonObject());
    assertEquals(201, created.status(), created.json()::encode);
    return created.json().getString("session");
  }

  /** A browser tab's event stream. */
  final class Tab {
    final BlockingQueue<SseEvent> events = new LinkedBlockingQueue<>();
    final List<SseEvent> seen = new ArrayList<>();
    final SseParser parser = SseParser.create(events::add);
    HttpClientResponse response;

    Tab(String session, String lastEventId) throws Exception {
      RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
          .setPort(relay.port()).setURI("/api/events?session=" + session);
      if (lastEventId != null) {
        request.putHeader("Last-Event-ID", lastEventId);
      }
      // the body handler is set on the event loop as the response arrives: no chunk can come before it
      response = sseClient.request(request).compose(r -> r.send())
          .map(r -> r.handler(buffer -> parser.feed(buffer.getBytes())))
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertEquals(200, response.statusCode());
      assertEquals("text/event-stream; charset=utf-8", response.getHeader("Content-Type"));
    }

    SseEvent next() throws InterruptedException {
      SseEvent event = events.poll(10, TimeUnit.SECONDS);
      if (event == null) {
        throw new AssertionError("no event within 10 s; seen " + seen);
      }
      seen.add(event);
      return event;
    }

    SseEvent next(String type) throws InterruptedException {
      SseEvent event = next();
      assertEquals(type, event.type(), () -> "got " + event);
      return event;
    }

    /** The next event of {@code type}, past events of other types (status changes, ...). */
    SseEvent skipTo(String type) throws InterruptedException {
      SseEvent event = next();
      while (!event.type().equals(type)) {
        event = next();
      }
      return event;
    }

    void close() {
      response.request().connection().close();
    }
  }

  static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.sleep(10);
    }
  }

  void emitTurn(String session, List<String> pieces) {
    opencode.turnStart(session);
    for (String piece : pieces) {
      delta(session, piece);
    }
  }

  void delta(String session, String text) {
    opencode.delta(session, text);
  }

  void idle(String session) {
    opencode.emit("session.idle", new JsonObject().put("sessionID", session));
  }

  static String text(List<SseEvent> events) {
    StringBuilder text = new StringBuilder();
    for (SseEvent e : events) {
      if (e.type().equals("delta")) {
        text.append(new JsonObject(e.data()).getString("text"));
      }
    }
    return text.toString();
  }

  @Test
  void thePageIsServedWithAPolicyThatLetsNoShownTextRunScript() throws Exception {
    Answer page = get("/");
    assertEquals(200, page.status());
    assertTrue(page.raw().body().contains("<script src=\"chat.js\" defer></script>"));
    String csp = page.raw().headers().firstValue("Content-Security-Policy").orElseThrow();
    assertTrue(csp.contains("script-src 'self'") && csp.contains("default-src 'none'"), csp);
    assertEquals("text/javascript; charset=utf-8", get("/chat.js").raw().headers().firstValue("Content-Type")
        .orElseThrow());
    assertEquals(200, get("/chat.css").status());
    assertEquals(404, get("/etc/passwd").status());
    JsonObject info = get("/api/info").json();
    assertEquals("mock/mock-normal", info.getString("model"));
    assertEquals(ChatRelayOptions.DEFAULT_REPLAY_EVENTS, info.getJsonObject("replay").getInteger("events"));
  }

  @Test
  void onlyLoopbackNamesAndSameOriginJsonPostsAreAccepted() throws Exception {
    assertTrue(raw("GET / HTTP/1.1\r\nHost: attacker.example:" + relay.port() + "\r\nConnection: close\r\n\r\n")
        .startsWith("HTTP/1.1 403"), "DNS rebinding");
    assertTrue(raw("GET / HTTP/1.1\r\nHost: localhost:" + relay.port() + "\r\nConnection: close\r\n\r\n")
        .startsWith("HTTP/1.1 200"));
    String form = "session=x";
    assertTrue(raw("POST /api/session HTTP/1.1\r\nHost: 127.0.0.1:" + relay.port()
        + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length()
        + "\r\nConnection: close\r\n\r\n" + form).startsWith("HTTP/1.1 415"), "a cross-site form post");
    assertTrue(raw("POST /api/session HTTP/1.1\r\nHost: 127.0.0.1:" + relay.port()
        + "\r\nOrigin: http://attacker.example\r\nContent-Type: application/json\r\nContent-Length: 2"
        + "\r\nConnection: close\r\n\r\n{}").startsWith("HTTP/1.1 403"), "another origin");
    assertTrue(raw("POST /api/session HTTP/1.1\r\nHost: 127.0.0.1:" + relay.port()
        + "\r\nOrigin: http://127.0.0.1:" + relay.port() + "\r\nContent-Type: application/json\r\nContent-Length: 2"
        + "\r\nConnection: close\r\n\r\n{}").startsWith("HTTP/1.1 201"), "the page itself");
    assertEquals(1, opencode.count("POST /session"), "only the page's own request created a session");
  }

  String raw(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", relay.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void tabsShareOneUpstreamThatIsConnectedBeforeThePromptIsSent() throws Exception {
    String session = newSession();
    Tab one = new Tab(session, null);
    Tab two = new Tab(session, null);
    one.next("snapshot");
    two.next("snapshot");
    Answer sent = post("/api/prompt", new JsonObject().put("session", session).put("text", "Say hello"));
    assertEquals(202, sent.status(), sent.json()::encode);
    assertEquals(1, sent.json().getInteger("turn"));
    one.next("turn");
    two.next("turn");
    waitUntil(() -> opencode.count("POST /session/" + session + "/prompt_async") == 1, "the prompt");
    List<String> upstreamOrder = opencode.requests.stream()
        .filter(r -> r.startsWith("GET /event") || r.contains("/prompt_async")).toList();
    assertEquals(List.of("GET /event?directory=%2Ftmp%2Fscripted",
        "POST /session/" + session + "/prompt_async?directory=%2Ftmp%2Fscripted"), upstreamOrder);
    JsonObject prompt = new JsonObject(opencode.bodies.get(upstreamOrder.get(1)));
    assertEquals(new JsonObject().put("providerID", "mock").put("modelID", "mock-normal"), prompt.getJsonObject("model"));

    emitTurn(session, List.of("Hel", "lo <i>"));
    for (Tab tab : List.of(one, two)) {
      assertEquals("Hel", new JsonObject(tab.skipTo("delta").data()).getString("text"));
      assertEquals("lo <i>", new JsonObject(tab.next("delta").data()).getString("text"));
    }
    idle(session);
    for (Tab tab : List.of(one, two)) {
      assertEquals("done", new JsonObject(tab.skipTo("done").data()).getString("state"));
      assertEquals("Hello <i>", text(tab.seen));
    }
    assertEquals(1, relay.stats().upstreamsOpened());
    assertEquals(1, opencode.count("GET /event"));

    // a second session in the same directory shares that upstream too
    String other = newSession();
    Tab three = new Tab(other, null);
    three.next("snapshot");
    assertEquals(1, relay.stats().upstreamsOpened());
    one.close();
    two.close();
    three.close();
    waitUntil(() -> relay.stats().upstreamsOpen() == 0, "the upstream closed after its grace period");
    waitUntil(() -> opencode.streams.isEmpty(), "the upstream connection closed");
  }

  @Test
  void manyBrowsersFollowASessionWithoutAThreadEach() throws Exception {
    sseClient = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions(),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(300));
    String session = newSession();
    Tab first = new Tab(session, null);
    first.next("snapshot");
    int threadsBefore = Thread.activeCount();
    List<Tab> tabs = new ArrayList<>(List.of(first));
    for (int i = 1; i < 200; i++) {
      tabs.add(new Tab(session, null));
    }
    waitUntil(() -> relay.stats().browsersOpen() == 200, "200 browsers");
    int threadsWith200 = Thread.activeCount();
    post("/api/prompt", new JsonObject().put("session", session).put("text", "hi"));
    waitUntil(() -> opencode.count("POST /session/" + session + "/prompt_async") == 1, "the prompt");
    emitTurn(session, List.of("to ", "all"));
    idle(session);
    for (Tab tab : tabs) {
      tab.skipTo("done");
      assertEquals("to all", text(tab.seen));
    }
    assertEquals(1, opencode.count("GET /event"), "one upstream for all of them");
    assertTrue(threadsWith200 - threadsBefore < 20, () -> "threads: " + threadsBefore + " with one browser, "
        + threadsWith200 + " with 200 (event loops are shared, not one per stream)");
  }

  @Test
  void aBrowserReconnectingWithLastEventIdGetsOnlyWhatItMissed() throws Exception {
    String session = newSession();
    Tab tab = new Tab(session, null);
    tab.next("snapshot");
    post("/api/prompt", new JsonObject().put("session", session).put("text", "hi"));
    tab.next("turn");
    waitUntil(() -> opencode.count("POST /session/" + session + "/prompt_async") == 1, "the prompt");
    emitTurn(session, List.of("one ", "two "));
    tab.skipTo("delta");
    String lastSeen = tab.next("delta").lastEventId();
    tab.close();
    waitUntil(() -> relay.stats().browsersOpen() == 0, "the relay noticed");
    delta(session, "three ");
    delta(session, "four");
    idle(session);
    waitUntil(() -> !running(session), "the turn ended");

    Tab back = new Tab(session, lastSeen);
    List<String> types = new ArrayList<>();
    for (SseEvent e = back.next(); ; e = back.next()) {
      types.add(e.type());
      if (e.type().equals("done")) {
        break;
      }
    }
    assertEquals(List.of("delta", "delta", "done"), types, "no snapshot, nothing seen before");
    assertEquals("three four", text(back.seen));
    assertEquals("one two three four", text(tab.seen) + text(back.seen));
    assertEquals(1, relay.stats().resumes());
    assertEquals(3, relay.stats().eventsReplayed());

    Tab fresh = new Tab(session, "someone-else-7");
    JsonObject snapshot = new JsonObject(fresh.next("snapshot").data());
    JsonObject turn = snapshot.getJsonArray("turns").getJsonObject(0);
    assertEquals("one two three four", turn.getJsonArray("items").getJsonObject(0).getString("text"));
    assertEquals("done", turn.getString("state"));
  }

  @Test
  void questionAnswersAndDismissalsGoToOpenCode() throws Exception {
    String session = newSession();
    Tab tab = new Tab(session, null);
    tab.next("snapshot");
    post("/api/prompt", new JsonObject().put("session", session).put("text", "ask me"));
    tab.next("turn");
    waitUntil(() -> opencode.count("POST /session/" + session + "/prompt_async") == 1, "the prompt");
    for (String id : List.of("que_1", "que_2")) {
      opencode.emit("question.asked", new JsonObject().put("id", id).put("sessionID", session)
          .put("questions", new JsonArray().add(new JsonObject().put("question", "Which?").put("header", "W")
              .put("options", new JsonArray().add(new JsonObject().put("label", "blue").put("description", "b"))))));
      assertEquals(id, new JsonObject(tab.next("question").data()).getString("id"));
    }

    assertEquals(400, post("/api/question", new JsonObject().put("session", session).put("id", "que_1")
        .put("answers", new JsonArray().add("blue"))).status(), "an answer is an array of labels or text");
    assertEquals(409, post("/api/question", new JsonObject().put("session", session).put("id", "que_9")
        .put("answers", new JsonArray().add(new JsonArray().add("blue")))).status());
    Answer answered = post("/api/question", new JsonObject().put("session", session).put("id", "que_1")
        .put("answers", new JsonArray().add(new JsonArray().add("blue"))));
    assertEquals(200, answered.status(), answered.json()::encode);
    assertEquals(new JsonObject().put("answers", new JsonArray().add(new JsonArray().add("blue"))),
        new JsonObject(opencode.bodies.get("POST /question/que_1/reply?directory=%2Ftmp%2Fscripted")));
    Answer dismissed = post("/api/question", new JsonObject().put("session", session).put("id", "que_2")
        .put("reject", true));
    assertEquals(200, dismissed.status(), dismissed.json()::encode);
    assertEquals(1, opencode.count("POST /question/que_2/reject"));
    opencode.emit("question.replied", new JsonObject().put("sessionID", session).put("requestID", "que_1")
        .put("answers", new JsonArray().add(new JsonArray().add("blue"))));
    JsonObject shown = new JsonObject(tab.skipTo("question-replied").data());
    assertEquals(new JsonArray().add(new JsonArray().add("blue")), shown.getJsonArray("answers"));
  }

  @Test
  void permissionRepliesAndAbortsGoToOpenCode() throws Exception {
    String session = newSession();
    Tab tab = new Tab(session, null);
    tab.next("snapshot");
    post("/api/prompt", new JsonObject().put("session", session).put("text", "run it"));
    tab.next("turn");
    waitUntil(() -> opencode.count("POST /session/" + session + "/prompt_async") == 1, "the prompt");
    opencode.emit("permission.asked", new JsonObject().put("id", "per_1").put("sessionID", session)
        .put("permission", "bash").put("patterns", new JsonArray().add("echo hi")).put("always", new JsonArray()));
    assertEquals("per_1", new JsonObject(tab.next("permission").data()).getString("id"));

    assertEquals(400, post("/api/permission", new JsonObject().put("session", session).put("id", "per_1")
        .put("reply", "sure")).status());
    assertEquals(409, post("/api/permission", new JsonObject().put("session", session).put("id", "per_9")
        .put("reply", "once")).status());
    Answer replied = post("/api/permission", new JsonObject().put("session", session).put("id", "per_1")
        .put("reply", "always"));
    assertEquals(200, replied.status(), replied.json()::encode);
    String line = "POST /permission/per_1/reply?directory=%2Ftmp%2Fscripted";
    assertEquals(new JsonObject().put("reply", "always"), new JsonObject(opencode.bodies.get(line)));

    Answer aborted = post("/api/abort", new JsonObject().put("session", session));
    assertEquals(202, aborted.status(), aborted.json()::encode);
    assertEquals(1, opencode.count("POST /session/" + session + "/abort"));
    opencode.emit("session.error", new JsonObject().put("sessionID", session).put("error", new JsonObject()
        .put("name", "MessageAbortedError").put("data", new JsonObject().put("message", "Aborted"))));
    idle(session);
    SseEvent done = tab.skipTo("done");
    assertEquals("aborted", new JsonObject(done.data()).getString("state"));
  }

  @Test
  void badRequestsAreRefusedAndARefusedPromptEndsTheTurnWithTheReason() throws Exception {
    String session = newSession();
    assertEquals(404, post("/api/prompt", new JsonObject().put("session", "ses_nope").put("text", "x")).status());
    assertEquals(400, post("/api/prompt", new JsonObject().put("session", session).put("text", " ")).status());
    assertEquals(400, post("/api/prompt", new JsonObject().put("session", session).put("text", "x")
        .put("model", "no-slash")).status());
    assertEquals(409, post("/api/abort", new JsonObject().put("session", session)).status());
    assertEquals(404, get("/api/events?session=ses_nope").status());
    assertEquals(400, get("/api/session?session=../../etc").status());

    Tab tab = new Tab(session, null);
    tab.next("snapshot");
    // a turn OpenCode accepted runs until the session is idle: a second prompt meanwhile is refused (a refused
    // prompt would end its turn at once, so it cannot show this without a race)
    assertEquals(202, post("/api/prompt", new JsonObject().put("session", session).put("text", "x")).status());
    assertEquals(409, post("/api/prompt", new JsonObject().put("session", session).put("text", "y")).status(),
        "one turn at a time");
    waitUntil(() -> opencode.count("POST /session/" + session + "/prompt_async") == 1, "the prompt");
    emitTurn(session, List.of("ok"));
    idle(session);
    tab.skipTo("done");

    assertEquals(202, post("/api/prompt", new JsonObject().put("session", session).put("text", "x")
        .put("model", "bad/model")).status());
    tab.next("turn");
    JsonObject done = new JsonObject(tab.next("done").data());
    assertEquals("failed", done.getString("state"));
    assertTrue(done.getJsonObject("error").getString("message").contains("Model not found: bad/model"),
        done.encode());
  }

  @Test
  void aPromptToASessionBusyInOpenCodeIsRefusedWith409AndNothingIsSent() throws Exception {
    String session = newSession();
    Tab tab = new Tab(session, null);
    tab.next("snapshot");
    // another client's turn runs in the session (or waits for an answer): OpenCode would store the prompt and never
    // answer it
    opencode.statuses = new JsonObject().put(session, new JsonObject().put("type", "busy")).encode();
    Answer refused = post("/api/prompt", new JsonObject().put("session", session).put("text", "x"));
    assertEquals(409, refused.status(), refused.json()::encode);
    assertTrue(refused.json().getString("error").contains("busy in OpenCode"), refused.json()::encode);
    assertFalse(running(session), "no turn was started");
    assertEquals(0, opencode.count("POST /session/" + session + "/prompt_async"), "nothing was sent");
    opencode.statuses = new JsonObject().put(session, new JsonObject().put("type", "retry").put("attempt", 1)
        .put("message", "rate limited").put("next", 1)).encode();
    Answer retrying = post("/api/prompt", new JsonObject().put("session", session).put("text", "x"));
    assertEquals(409, retrying.status(), "a retrying session is busy too");
    assertTrue(retrying.json().getString("error").contains("busy in OpenCode (retry)"), retrying.json()::encode);

    opencode.statuses = "{}"; // idle again
    assertEquals(202, post("/api/prompt", new JsonObject().put("session", session).put("text", "x")).status());
    assertEquals("x", new JsonObject(tab.skipTo("turn").data()).getString("prompt"), "the first turn the page sees");
    waitUntil(() -> opencode.count("POST /session/" + session + "/prompt_async") == 1, "the prompt");
  }

  @Test
  void whenTheUpstreamReconnectsMidTurnTheTurnEndsFromTheStoredMessages() throws Exception {
    String session = newSession();
    Tab tab = new Tab(session, null);
    tab.next("snapshot");
    post("/api/prompt", new JsonObject().put("session", session).put("text", "hi"));
    waitUntil(() -> opencode.count("POST /session/" + session + "/prompt_async") == 1, "the prompt");
    emitTurn(session, List.of("Hel"));
    tab.skipTo("delta");
    // the rest of the turn happens while the upstream is down: OpenCode stores it, replays nothing
    opencode.stored.put(session, new JsonArray().add(new JsonObject()
        .put("info", new JsonObject().put("id", "msg_u").put("sessionID", session).put("role", "user"))
        .put("parts", new JsonArray())).add(new JsonObject()
        .put("info", new JsonObject().put("id", "msg_a").put("sessionID", session).put("role", "assistant"))
        .put("parts", new JsonArray().add(new JsonObject().put("id", "prt_1").put("messageID", "msg_a")
            .put("sessionID", session).put("type", "text").put("text", "Hello")
            .put("time", new JsonObject().put("start", 1).put("end", 2))))));
    long connects = opencode.count("GET /event");
    opencode.endStreams();
    assertEquals("warn", new JsonObject(tab.skipTo("notice").data()).getString("level"));
    assertEquals("info", new JsonObject(tab.skipTo("notice").data()).getString("level"), "back");
    SseEvent missed = tab.skipTo("delta");
    assertEquals("lo", new JsonObject(missed.data()).getString("text"), "the text missed, once");
    assertEquals("done", new JsonObject(tab.skipTo("done").data()).getString("state"));
    assertEquals("Hello", text(tab.seen));
    assertEquals(connects + 1, opencode.count("GET /event"));
    assertEquals(2, opencode.count("GET /session/status"), "before the prompt (busy?), and to re-read the session");
    assertEquals(1, opencode.count("GET /permission"), "what waits was re-read too");
    assertEquals(1, opencode.count("GET /question"));
    assertEquals(1, relay.stats().upstreamReconnections());
  }

  @Test
  void aSessionTheRelayDoesNotKnowIsAdoptedWithItsHistory() throws Exception {
    opencode.stored.put("ses_old", new JsonArray("""
        [{"info":{"id":"msg_u","sessionID":"ses_old","role":"user"},"parts":[{"id":"p1","type":"text","text":"Hi?"}]},
         {"info":{"id":"msg_a","sessionID":"ses_old","role":"assistant"},
          "parts":[{"id":"p2","type":"text","text":"Hello again."}]}]"""));
    assertEquals(404, get("/api/session?session=ses_unknown").status());
    Answer adopted = get("/api/session?session=ses_old");
    assertEquals(200, adopted.status());
    assertEquals("/tmp/scripted", adopted.json().getString("directory"));
    Tab tab = new Tab("ses_old", null);
    JsonObject turn = new JsonObject(tab.next("snapshot").data()).getJsonArray("turns").getJsonObject(0);
    assertEquals("Hi?", turn.getString("prompt"));
    assertEquals("Hello again.", turn.getJsonArray("items").getJsonObject(0).getString("text"));
  }
}
