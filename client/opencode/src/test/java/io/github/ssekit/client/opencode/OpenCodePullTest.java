package io.github.ssekit.client.opencode;

import static io.github.ssekit.client.opencode.testing.OpenCodeFakeServer.assistantInfo;
import static io.github.ssekit.client.opencode.testing.OpenCodeFakeServer.event;
import static io.github.ssekit.client.opencode.testing.OpenCodeFakeServer.status;
import static io.github.ssekit.client.opencode.testing.OpenCodeFakeServer.turn;
import static io.github.ssekit.client.testing.Sink.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.client.SseClientOptions;
import io.github.ssekit.client.opencode.testing.OpenCodeFakeServer;
import io.github.ssekit.client.testing.Firehose;
import io.github.ssekit.client.testing.RecordingSubscriber;
import io.github.ssekit.client.testing.Sink;
import io.github.ssekit.opencode.ModelRef;
import io.github.ssekit.opencode.Reply;
import io.github.ssekit.opencode.ReplyDelta;
import io.github.ssekit.opencode.request.PromptBody;
import io.github.ssekit.opencode.request.PromptPart;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pull side of an OpenCode turn ({@link OpenCodeClient#pullPrompt}): its deltas as a blocking iterator and a
 * {@code Flow.Publisher}, ending at {@code session.idle} with the reply after them, failing as the reply does, and
 * holding the server back in TCP while the consumer takes nothing. Also the client that owns its Vert.x.
 */
class OpenCodePullTest {
  private static final String SESSION = "ses_pull";
  private static final int PAD = 1000;
  private static final PromptBody PROMPT = PromptBody.builder().model(ModelRef.of("mock", "mock-normal"))
      .addParts(PromptPart.text("Say hello")).build();

  private Vertx vertx;
  private OpenCodeFakeServer server;
  private OpenCodeClient client;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server = OpenCodeFakeServer.start(vertx);
    client = OpenCodeClient.create(vertx, options());
  }

  @AfterEach
  void stop() throws Exception {
    await(client.closeAsync());
    server.close();
    await(vertx.close());
  }

  private OpenCodeClientOptions options() {
    return new OpenCodeClientOptions(server.url()).setSseClientOptions(new SseClientOptions()
        .setReconnectDelay(Duration.ofMillis(20)).setReconnectJitter(0).setConnectTimeout(Duration.ofSeconds(2)))
        .setRequestTimeout(Duration.ofSeconds(5)).setEventIdleTimeout(Duration.ofSeconds(5));
  }

  @Test
  void deltasArePulledUntilIdleAndTheReplyFollows() throws Exception {
    server.onPrompt((session, body) -> server.play(turn(session, List.of("Hel", "lo", " world"))));
    List<String> told = new CopyOnWriteArrayList<>();
    OpenCodeTurn turn = client.pullPrompt(SESSION, PROMPT, new OpenCodeTurnListener() {
      @Override
      public void onDelta(ReplyDelta delta) {
        told.add(delta.text());
      }
    });
    List<String> pulled = new ArrayList<>();
    Reply reply;
    try (OpenCodeReplyIterator deltas = turn.iterator()) {
      assertThrows(IllegalStateException.class, deltas::reply, "no reply while deltas may still come");
      deltas.forEachRemaining(delta -> pulled.add(delta.text()));
      reply = deltas.reply();
    }
    assertEquals(List.of("Hel", "lo", " world"), pulled);
    assertEquals(pulled, told, "the listener still sees the deltas");
    assertEquals("Hello world", reply.text());
    assertTrue(reply.done());
    assertEquals(reply, await(turn.reply()));
    assertEquals("/event", server.seen().get(0).path(), "subscribed before prompting");
  }

  @Test
  void aPublisherCompletesAtIdle() throws Exception {
    server.onPrompt((session, body) -> server.play(turn(session, List.of("a", "b"))));
    OpenCodeTurn turn = client.pullPrompt(SESSION, PROMPT);
    RecordingSubscriber<ReplyDelta> subscriber = new RecordingSubscriber<>(Long.MAX_VALUE);
    turn.publisher().subscribe(subscriber);
    assertEquals("ab", subscriber.awaitEnd().stream().map(ReplyDelta::text).collect(Collectors.joining()));
    assertEquals("ab", await(turn.reply()).text());
    assertThrows(IllegalStateException.class, turn::iterator, "the deltas are taken once");
  }

  @Test
  void aRejectedPromptIsThrownFromTheIterator() throws Exception {
    server.json(HttpMethod.POST, "/session/" + SESSION + "/prompt_async", 400,
        "{\"name\":\"BadRequest\",\"data\":{\"message\":\"no such model\"}}");
    try (OpenCodeReplyIterator deltas = client.pullPrompt(SESSION, PROMPT).iterator()) {
      OpenCodeHttpException error = assertThrows(OpenCodeHttpException.class, deltas::hasNext);
      assertEquals(400, error.status());
      assertThrows(OpenCodeHttpException.class, deltas::reply);
    }
  }

  @Test
  void aStreamPromptTurnAndAnEventLoopRefuseTheIterator() throws Exception {
    server.onPrompt((session, body) -> server.play(turn(session, List.of("x"))));
    OpenCodeTurn pushed = client.streamPrompt(SESSION, PROMPT);
    assertThrows(IllegalStateException.class, pushed::iterator);
    assertThrows(IllegalStateException.class, pushed::publisher);
    await(pushed.reply());

    OpenCodeTurn pulled = client.pullPrompt(SESSION, PROMPT);
    IllegalStateException error = assertInstanceOf(IllegalStateException.class,
        Sink.thrownOnEventLoop(vertx, pulled::iterator));
    assertTrue(error.getMessage().contains("event loop"), error.getMessage());
    try (OpenCodeReplyIterator deltas = pulled.iterator()) { // still untaken: refused before taking
      assertEquals("x", deltas.next().text());
    }
  }

  @Test
  void closingTheIteratorAbortsTheTurn() throws Exception {
    server.json(HttpMethod.POST, "/session/" + SESSION + "/abort", 200, "true");
    List<String> events = new ArrayList<>(turn(SESSION, List.of("first")));
    events.removeIf(e -> e.contains("\"session.idle\"") || e.contains("\"idle\"")); // the turn goes on
    server.onPrompt((session, body) -> server.play(events));
    OpenCodeTurn turn = client.pullPrompt(SESSION, PROMPT);
    try (OpenCodeReplyIterator deltas = turn.iterator()) {
      assertEquals("first", deltas.next().text());
    }
    OpenCodeClientTest.waitUntil(() -> !server.seen(HttpMethod.POST, "/session/" + SESSION + "/abort").isEmpty(),
        "the abort was sent");
  }

  @Test
  void aConsumerThatStopsTakingDeltasHoldsTheServerBackInTcp() throws Exception {
    int total = 32 * 1024; // 32 MiB of deltas, on an /event stream that stays open as OpenCode's does
    Firehose hose = new Firehose(deltaFrames(total), false);
    List<HttpServerResponse> streams = new CopyOnWriteArrayList<>();
    server.on(HttpMethod.GET, "/event", req -> {
      HttpServerResponse resp = req.response().setChunked(true).putHeader("content-type", "text/event-stream");
      resp.write("data: " + event("server.connected", new JsonObject()) + "\n\n");
      streams.add(resp);
    });
    server.onPrompt((session, body) -> hose.pump(streams.get(0)));
    OpenCodeTurn turn = client.pullPrompt(SESSION, PROMPT);
    try (OpenCodeReplyIterator deltas = turn.iterator()) {
      assertEquals(0, Integer.parseInt(deltas.next().text().substring(PAD)));
      hose.awaitBlocked(Duration.ofSeconds(Sink.WAIT_SECONDS * 2));
      assertTrue(hose.written.get() < 16L * 1024 * 1024, "the server wrote " + hose.written.get()
          + " bytes to a consumer that took one delta: its demand did not reach TCP");

      int count = 1;
      while (deltas.hasNext()) {
        ReplyDelta delta = deltas.next();
        if (count % 997 == 0) {
          assertEquals(count, Integer.parseInt(delta.text().substring(PAD)), "in order, none lost");
        }
        count++;
      }
      assertEquals(total, count);
      assertEquals(IntStream.range(0, total).mapToLong(i -> PAD + String.valueOf(i).length()).sum(),
          deltas.reply().text().length());
    }
  }

  @Test
  void aClientOnItsOwnVertxStreamsAndCloseReleasesIt() throws Exception {
    server.onPrompt((session, body) -> server.play(turn(session, List.of("own"))));
    CompletableFuture<Thread> loop = new CompletableFuture<>();
    Reply reply;
    try (OpenCodeClient own = OpenCodeClient.create(options())) {
      reply = await(own.streamPrompt(SESSION, PROMPT, new OpenCodeTurnListener() {
        @Override
        public void onDelta(ReplyDelta delta) {
          loop.complete(Thread.currentThread());
        }
      }).reply());
    }
    assertEquals("own", reply.text());
    Thread eventLoop = loop.get(Sink.WAIT_SECONDS, TimeUnit.SECONDS);
    assertTrue(eventLoop.isDaemon(), "the client's own Vert.x runs on daemon threads");
    eventLoop.join(TimeUnit.SECONDS.toMillis(Sink.WAIT_SECONDS));
    assertFalse(eventLoop.isAlive(), "close() released the client's own Vert.x");
  }

  /**
   * A turn's opening events (up to its text part's start), {@code total} numbered text deltas of about 1 KiB
   * ({@link #PAD} characters and the number), then the end of the turn: each as an SSE frame.
   */
  private static Iterator<String> deltaFrames(int total) {
    Stream<String> opening = turn(SESSION, List.of()).subList(0, 5).stream();
    Stream<String> deltas = IntStream.range(0, total).mapToObj(i -> event("message.part.delta",
        new JsonObject().put("sessionID", SESSION).put("messageID", "msg_asst1").put("partID", "prt_text1")
            .put("field", "text").put("delta", "x".repeat(PAD) + i)));
    Stream<String> end = Stream.of(event("message.updated", new JsonObject().put("sessionID", SESSION)
        .put("info", assistantInfo(SESSION, "msg_asst1", true))), status(SESSION, "idle"),
        event("session.idle", new JsonObject().put("sessionID", SESSION)));
    return Stream.of(opening, deltas, end).flatMap(s -> s).map(e -> "data: " + e + "\n\n").iterator();
  }
}
