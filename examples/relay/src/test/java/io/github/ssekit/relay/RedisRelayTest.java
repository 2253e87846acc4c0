package io.github.ssekit.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.client.SseClientOptions;
import io.github.ssekit.client.opencode.OpenCodeClientOptions;
import io.github.ssekit.opencode.ModelRef;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseParser;
import io.github.ssekit.testkit.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay on Redis Streams with Debian's real {@code redis-server}: the store's commands, then three relay nodes
 * in front of one scripted OpenCode server, browsers being plain SSE readers.
 */
class RedisRelayTest {
  static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newBuilder()
      .version(java.net.http.HttpClient.Version.HTTP_1_1).build();

  @TempDir
  Path work;
  RedisServer redis;
  ScriptedOpenCode opencode;
  final List<Vertx> vertxes = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    redis = RedisServer.start(work.resolve("redis"));
    opencode = new ScriptedOpenCode();
  }

  @AfterEach
  void stop() throws Exception {
    for (Vertx v : vertxes) {
      v.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    opencode.close();
    redis.close();
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  // ---- the store ----

  @Test
  void theStoreAppendsReadsFollowsAndBoundsAStreamAndOnlyTheLeaseHolderWritesFencedEvents() throws Exception {
    Vertx vertx = Vertx.vertx();
    vertxes.add(vertx);
    RedisRelayStore a = new RedisRelayStore(vertx, redis.uri(), "nodeA", 100, 5000);
    RedisRelayStore b = new RedisRelayStore(vertx, redis.uri(), "nodeB", 100, 5000);
    await(a.start());
    assertTrue(await(a.lease("/dir", 5000)), "nobody held it");
    assertTrue(await(a.lease("/dir", 5000)), "renewed");
    assertFalse(await(b.lease("/dir", 5000)), "held by A");
    assertNull(await(b.append("/dir", "ses_1", "delta", "{}", "w", true)), "B does not hold the lease");
    String first = await(a.append("/dir", "ses_1", "turn", "{\"turn\":1}", "w", true));
    assertTrue(StreamIds.valid(first), first);
    assertEquals(java.util.Set.of("ses_1"), await(a.running("/dir")));
    String second = await(b.append("/dir", "ses_1", "notice", "{\"n\":\"ü\"}", "w2", false));
    assertTrue(StreamIds.compare(second, first) > 0);
    List<RedisRelayStore.Stored> all = await(b.after("/dir", "ses_1", "0-0"));
    assertEquals(List.of(new RedisRelayStore.Stored(first, "turn", "{\"turn\":1}", "w", 1),
        new RedisRelayStore.Stored(second, "notice", "{\"n\":\"ü\"}", "w2", 2)), all);
    assertEquals(List.of(all.get(1)), await(a.after("/dir", "ses_1", first)));
    assertEquals("event: turn\nid: " + first + "\ndata: {\"turn\":1}\n\n", all.get(0).frame());

    BlockingQueue<RedisRelayStore.Stored> followed = new LinkedBlockingQueue<>();
    vertx.runOnContext(v -> b.follow("/dir", "ses_1", first, followed::add));
    assertEquals(second, followed.poll(5, TimeUnit.SECONDS).id(), "from the ID on");
    String third = await(a.append("/dir", "ses_1", "done", "{}", "w", true));
    assertEquals(third, followed.poll(5, TimeUnit.SECONDS).id(), "as it comes");
    assertEquals(java.util.Set.of(), await(a.running("/dir")), "done: no longer running");

    for (int i = 0; i < 2000; i++) {
      a.append("/dir", "ses_2", "delta", "{\"i\":" + i + "}", "w", true);
    }
    await(a.append("/dir", "ses_2", "delta", "{}", "w", true));
    long length = await(a.length("/dir", "ses_2"));
    assertTrue(length >= 100 && length < 300, "bounded by MAXLEN ~ 100: " + length);

    await(a.release("/dir"));
    assertTrue(await(b.lease("/dir", 5000)), "released: B takes it");
    await(a.close());
    await(b.close());
  }

  @Test
  void aRelayWhoseRedisDoesNotAnswerDoesNotStart() throws Exception {
    Vertx vertx = Vertx.vertx();
    vertxes.add(vertx);
    int port = redis.port();
    redis.stop();
    ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> await(ChatRelay.start(vertx, new ChatRelayOptions(new OpenCodeClientOptions(opencode.url()))
            .setPort(0).setRedis("redis://127.0.0.1:" + port))));
    assertTrue(failed.getCause().getMessage().startsWith("Redis is unreachable"), failed.getCause()::getMessage);
  }

  // ---- three nodes ----

  ChatRelay node() throws Exception {
    Vertx vertx = Vertx.vertx();
    vertxes.add(vertx);
    OpenCodeClientOptions upstream = new OpenCodeClientOptions(opencode.url())
        .setSseClientOptions(new SseClientOptions().setReconnectDelay(Duration.ofMillis(100)));
    return await(ChatRelay.start(vertx, new ChatRelayOptions(upstream).setPort(0)
        .setModel(ModelRef.of("mock", "mock-normal")).setUpstreamGrace(Duration.ofMillis(200))
        .setRedis(redis.uri()).setRedisLease(Duration.ofMillis(1500)).setRedisStreamEntries(200)));
  }

  static JsonObject post(ChatRelay relay, String path, JsonObject body) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(relay.url() + path.substring(1)))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(),
        HttpResponse.BodyHandlers.ofString());
    return new JsonObject(r.body()).put("status", r.statusCode());
  }

  static JsonObject get(ChatRelay relay, String path) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(relay.url() + path.substring(1))).build(),
        HttpResponse.BodyHandlers.ofString());
    return new JsonObject(r.body()).put("status", r.statusCode());
  }

  /** A browser tab's event stream on one node. */
  final class Tab {
    final BlockingQueue<SseEvent> events = new LinkedBlockingQueue<>();
    final List<SseEvent> seen = new ArrayList<>();
    final SseParser parser = SseParser.create(events::add);
    final HttpClientResponse response;

    Tab(ChatRelay relay, String session, String lastEventId) throws Exception {
      Vertx vertx = vertxes.get(0);
      HttpClient client = vertx.createHttpClient();
      RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
          .setPort(relay.port()).setURI("/api/events?session=" + session);
      if (lastEventId != null) {
        request.putHeader("Last-Event-ID", lastEventId);
      }
      response = await(client.request(request).compose(r -> r.send())
          .map(r -> r.handler(buffer -> parser.feed(buffer.getBytes()))));
      assertEquals(200, response.statusCode());
    }

    SseEvent next() throws InterruptedException {
      SseEvent event = events.poll(10, TimeUnit.SECONDS);
      if (event == null) {
        throw new AssertionError("no event within 10 s; seen " + seen);
      }
      seen.add(event);
      return event;
    }

    SseEvent skipTo(String type) throws InterruptedException {
      SseEvent event = next();
      while (!event.type().equals(type)) {
        event = next();
      }
      return event;
    }

    /** The text the page shows: the snapshot's and the deltas since. */
    String text() {
      StringBuilder text = new StringBuilder();
      for (SseEvent e : seen) {
        if (e.type().equals("snapshot")) {
          text.setLength(0);
          for (Object turn : new JsonObject(e.data()).getJsonArray("turns")) {
            for (Object item : ((JsonObject) turn).getJsonArray("items")) {
              JsonObject i = (JsonObject) item;
              if ("text".equals(i.getString("kind"))) {
                text.append(i.getString("text"));
              }
            }
          }
        } else if (e.type().equals("delta")) {
          text.append(new JsonObject(e.data()).getString("text"));
        } else if (e.type().equals("part-text")) {
          throw new AssertionError("a text was replaced: " + e);
        }
      }
      return text.toString();
    }

    String lastId() {
      return parser.lastEventId();
    }

    void close() {
      response.request().connection().close();
    }
  }

  static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
    ChatRelayTest.waitUntil(condition, what);
  }

  void emitTurnStart(String session) {
    opencode.turnStart(session);
  }

  void delta(String session, String text) {
    opencode.delta(session, text);
  }

  void store(String session, String text) {
    opencode.stored.put(session, new JsonArray().add(new JsonObject()
        .put("info", new JsonObject().put("id", "msg_u").put("sessionID", session).put("role", "user"))
        .put("parts", new JsonArray())).add(new JsonObject()
        .put("info", new JsonObject().put("id", "msg_a").put("sessionID", session).put("role", "assistant"))
        .put("parts", new JsonArray().add(new JsonObject().put("id", "prt_1").put("messageID", "msg_a")
            .put("sessionID", session).put("type", "text").put("text", text)
            .put("time", new JsonObject().put("start", 1).put("end", 2))))));
  }

  @Test
  void aTurnPromptedOnOneNodeIsFollowedOnAllAndGoesOnWhenItsDriverStopsWithNoTextRepeatedOrLost()
      throws Exception {
    ChatRelay a = node();
    ChatRelay b = node();
    ChatRelay c = node();
    String session = post(a, "/api/session", new JsonObject()).getString("session");
    assertEquals(200, get(b, "/api/session?session=" + session).getInteger("status"));
    Tab onB = new Tab(b, session, null); // B holds the directory's lease: the first to want the upstream
    onB.skipTo("snapshot");
    waitUntil(() -> opencode.count("GET /event") == 1, "B's upstream");
    Tab onA = new Tab(a, session, null);
    onA.skipTo("snapshot");
    assertEquals(200, get(c, "/api/session?session=" + session).getInteger("status"));

    JsonObject accepted = post(c, "/api/prompt", new JsonObject().put("session", session).put("text", "hi"));
    assertEquals(202, accepted.getInteger("status"), accepted::encode);
    waitUntil(() -> opencode.count("POST /session/" + session + "/prompt_async") == 1, "the prompt, from C");
    // busy once prompted (a prompt to a busy session is refused): what a node re-reads after B stops
    opencode.statuses = new JsonObject().put(session, new JsonObject().put("type", "busy")).encode();
    assertEquals("hi", new JsonObject(onA.skipTo("turn").data()).getString("prompt"));
    emitTurnStart(session);
    delta(session, "Hel");
    delta(session, "lo ");
    assertEquals("Hel", new JsonObject(onA.skipTo("delta").data()).getString("text"), "B adopted C's turn");
    assertEquals("lo ", new JsonObject(onA.skipTo("delta").data()).getString("text"));
    onB.skipTo("delta");
    onB.skipTo("delta");
    assertEquals(1, opencode.count("GET /event"), "one upstream for the three nodes");

    // a late tab on C resumes from where B's tab is, by ID, with nothing repeated
    Tab late = new Tab(c, session, onB.lastId());
    assertEquals(onB.lastId(), onA.lastId(), "the same IDs on every node");

    // B stops mid-reply; the rest of the reply happens meanwhile, and OpenCode stores it
    store(session, "Hello world");
    opencode.statuses = "{}"; // and the session is idle again
    await(b.close());
    onB.close();
    // A (a tab follows the session there) takes the lease, re-reads the session and goes on from the stream
    SseEvent more = onA.skipTo("delta");
    assertEquals("world", new JsonObject(more.data()).getString("text"), "only what was missing");
    assertEquals("done", new JsonObject(onA.skipTo("done").data()).getString("state"));
    assertEquals("Hello world", onA.text());
    late.skipTo("done");
    assertEquals("world", late.text(), "resumed after 'Hello ': the rest, once");
    assertTrue(opencode.count("GET /event") >= 2, "A opened its own upstream");

    // a tab that reconnects to C with B's last ID gets exactly what it missed
    Tab resumed = new Tab(c, session, onB.lastId());
    resumed.skipTo("done");
    assertEquals("world", resumed.text());
    // and a new tab a snapshot of it all
    Tab fresh = new Tab(c, session, null);
    fresh.skipTo("snapshot");
    assertEquals("Hello world", fresh.text());
    assertFalse(get(a, "/api/session?session=" + session).getBoolean("running"));
  }

  @Test
  void aLongTurnKeepsItsStreamBoundedAndANodeStartedLateResumesABrowserByID() throws Exception {
    ChatRelay a = node();
    String session = post(a, "/api/session", new JsonObject()).getString("session");
    Tab onA = new Tab(a, session, null);
    onA.skipTo("snapshot");
    waitUntil(() -> opencode.count("GET /event") == 1, "A's upstream");
    assertEquals(202, post(a, "/api/prompt", new JsonObject().put("session", session).put("text", "hi"))
        .getInteger("status"));
    waitUntil(() -> opencode.count("POST /session/" + session + "/prompt_async") == 1, "the prompt");
    emitTurnStart(session);
    StringBuilder sent = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      String piece = i + " ";
      sent.append(piece);
      delta(session, piece);
      if (i % 50 == 49) {
        Thread.sleep(20); // a fast model: 50 deltas at a time, 2,500 a second
      }
    }
    String midway = null;
    int shownAtMidway = 0;
    int mark = sent.indexOf("1900 ");
    while (onA.text().length() < sent.length()) {
      SseEvent e = onA.next();
      if (midway == null && onA.text().length() > mark) { // (a snapshot too, if A's reader fell behind)
        midway = e.lastEventId();
        shownAtMidway = onA.text().length();
      }
    }
    assertEquals(sent.toString(), onA.text());
    RedisRelayStore probe = new RedisRelayStore(vertxes.get(0), redis.uri(), "probe", 1, 5000);
    long length = await(probe.length("/tmp/scripted", session));
    await(probe.close());
    assertTrue(length >= 200 && length < 400, "bounded by MAXLEN ~ 200 over 2000 deltas: " + length);

    ChatRelay late = node(); // it never saw the session: it reads the stream when the browser comes
    Tab resumed = new Tab(late, session, midway);
    String rest = sent.substring(shownAtMidway);
    while (resumed.text().length() < rest.length()) {
      resumed.next();
    }
    assertEquals(rest, resumed.text(), "exactly what followed its ID");
    assertTrue(resumed.seen.stream().noneMatch(e -> e.type().equals("snapshot")));
  }

  @Test
  void redisLostMidTurnIsToldAndTheNodesCatchUpWhenItIsBack() throws Exception {
    ChatRelay a = node();
    ChatRelay b = node();
    String session = post(a, "/api/session", new JsonObject()).getString("session");
    Tab onA = new Tab(a, session, null);
    onA.skipTo("snapshot");
    waitUntil(() -> opencode.count("GET /event") == 1, "A's upstream");
    get(b, "/api/session?session=" + session);
    Tab onB = new Tab(b, session, null);
    onB.skipTo("snapshot");
    assertEquals(202, post(a, "/api/prompt", new JsonObject().put("session", session).put("text", "hi"))
        .getInteger("status"));
    waitUntil(() -> opencode.count("POST /session/" + session + "/prompt_async") == 1, "the prompt");
    opencode.statuses = new JsonObject().put(session, new JsonObject().put("type", "busy")).encode();
    emitTurnStart(session);
    delta(session, "one ");
    assertEquals("one ", new JsonObject(onA.skipTo("delta").data()).getString("text")); // read before Redis goes
    onB.skipTo("delta");
    redis.restart(); // empty: nothing was saved
    assertEquals("warn", new JsonObject(onA.skipTo("notice").data()).getString("level"));
    assertEquals("warn", new JsonObject(onB.skipTo("notice").data()).getString("level"));
    assertEquals("info", new JsonObject(onB.skipTo("notice").data()).getString("level"), "back");
    delta(session, "two");
    assertEquals("two", new JsonObject(onA.skipTo("delta").data()).getString("text"), "A goes on from its upstream");
    assertEquals("two", new JsonObject(onB.skipTo("delta").data()).getString("text"), "B through Redis again");
  }
}
