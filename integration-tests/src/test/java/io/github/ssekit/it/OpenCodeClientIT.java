package io.github.ssekit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.client.ReconnectAttempt;
import io.github.ssekit.client.SseClientOptions;
import io.github.ssekit.client.opencode.OpenCodeClient;
import io.github.ssekit.client.opencode.OpenCodeClientOptions;
import io.github.ssekit.client.opencode.OpenCodeEventStream;
import io.github.ssekit.client.opencode.OpenCodeReplyIterator;
import io.github.ssekit.client.opencode.OpenCodeSessionBusyException;
import io.github.ssekit.client.opencode.OpenCodeTurn;
import io.github.ssekit.client.opencode.OpenCodeTurnListener;
import io.github.ssekit.opencode.ModelRef;
import io.github.ssekit.opencode.PendingRequest;
import io.github.ssekit.opencode.Reply;
import io.github.ssekit.opencode.ReplyDelta;
import io.github.ssekit.opencode.TurnState;
import io.github.ssekit.opencode.event.InstanceDisposed;
import io.github.ssekit.opencode.event.MessagePartDelta;
import io.github.ssekit.opencode.event.OpenCodeEvent;
import io.github.ssekit.opencode.event.PermissionAsked;
import io.github.ssekit.opencode.event.PermissionReplied;
import io.github.ssekit.opencode.event.QuestionAsked;
import io.github.ssekit.opencode.event.QuestionRejected;
import io.github.ssekit.opencode.event.QuestionReplied;
import io.github.ssekit.opencode.event.ServerConnected;
import io.github.ssekit.opencode.event.SessionIdle;
import io.github.ssekit.opencode.event.SessionStatusChanged;
import io.github.ssekit.opencode.model.MessageWithParts;
import io.github.ssekit.opencode.model.OpenCodeError;
import io.github.ssekit.opencode.model.Session;
import io.github.ssekit.opencode.model.SessionStatusType;
import io.github.ssekit.opencode.model.ToolStatus;
import io.github.ssekit.opencode.request.PermissionReply;
import io.github.ssekit.opencode.request.PromptBody;
import io.github.ssekit.opencode.request.PromptPart;
import io.github.ssekit.opencode.request.SessionCreateBody;
import io.github.ssekit.testkit.FakeOpenAiServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link OpenCodeClient} against the real OpenCode server, whose only provider is the fake OpenAI-compatible
 * provider of the testkit (its model ID picks the behaviour).
 */
class OpenCodeClientIT {
  static final String NORMAL = String.join("", FakeOpenAiServer.NORMAL_TEXT);
  static Vertx vertx;
  static FakeOpenAiServer provider;
  static OpenCodeServer opencode;
  static OpenCodeClient client;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    provider = await(FakeOpenAiServer.start(vertx, Duration.ofMillis(20)));
    opencode = OpenCodeServer.start(provider.baseUrl(), "ask", Map.of());
    client = OpenCodeClient.create(vertx, options(null));
  }

  @AfterAll
  static void stop() throws Exception {
    if (client != null) {
      await(client.closeAsync());
    }
    if (opencode != null) {
      opencode.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  static OpenCodeClientOptions options(Path directory) {
    return new OpenCodeClientOptions(opencode.url())
        .setDirectory(directory == null ? null : directory.toString())
        .setRequestTimeout(Duration.ofSeconds(90))
        .setSseClientOptions(new SseClientOptions().setReconnectDelay(Duration.ofMillis(200)));
  }

  static PromptBody prompt(String model, String text) {
    return PromptBody.builder().model(ModelRef.of("mock", model)).addParts(PromptPart.text(text)).build();
  }

  static String newSession(OpenCodeClient client, String title) throws Exception {
    return await(client.createSession(SessionCreateBody.builder().title(title).build())).id().orElseThrow();
  }

  /** Records the deltas and whether the reply was already complete when each arrived. */
  static class Recorder implements OpenCodeTurnListener {
    final List<ReplyDelta> deltas = new CopyOnWriteArrayList<>();
    final List<Boolean> replyCompleteAtDelta = new CopyOnWriteArrayList<>();
    /** How many events had been seen when each delta came. */
    final List<Integer> eventsAtDelta = new CopyOnWriteArrayList<>();
    final List<OpenCodeEvent> events = new CopyOnWriteArrayList<>();
    volatile OpenCodeTurn turn;

    @Override
    public void onDelta(ReplyDelta delta) {
      deltas.add(delta);
      OpenCodeTurn t = turn;
      replyCompleteAtDelta.add(t != null && t.reply().isComplete());
      eventsAtDelta.add(events.size());
    }

    @Override
    public void onEvent(OpenCodeEvent event) {
      events.add(event);
    }

    String text() {
      StringBuilder text = new StringBuilder();
      deltas.stream().filter(d -> d.kind() == ReplyDelta.Kind.TEXT).forEach(d -> text.append(d.text()));
      return text.toString();
    }
  }

  @Test
  void theReplyStreamsInOrderBeforeTheTurnEndsAndTheNestedModelReachesTheProvider() throws Exception {
    String session = newSession(client, "stream");
    int before = provider.requestedModels().size();
    Recorder recorder = new Recorder();
    OpenCodeTurn turn = client.streamPrompt(session, prompt("mock-normal", "Say hello"), recorder);
    recorder.turn = turn;
    Reply reply = await(turn.reply());

    assertEquals(FakeOpenAiServer.NORMAL_TEXT, recorder.deltas.stream().map(ReplyDelta::text).toList(),
        () -> "deltas " + recorder.deltas + "\n" + opencode.log());
    assertFalse(recorder.replyCompleteAtDelta.contains(true), "every delta came before the turn ended");
    int idle = -1; // the turn ends at the first session.status idle or session.idle
    for (int i = 0; i < recorder.events.size() && idle < 0; i++) {
      OpenCodeEvent e = recorder.events.get(i);
      boolean idleStatus = e instanceof SessionStatusChanged changed
          && changed.status().type().filter(SessionStatusType.IDLE::equals).isPresent();
      if ((idleStatus || e instanceof SessionIdle) && e.sessionID().orElse("").equals(session)) {
        idle = i;
      }
    }
    int firstIdle = idle;
    assertTrue(firstIdle > 0, "the session went idle");
    assertTrue(recorder.eventsAtDelta.stream().allMatch(n -> n <= firstIdle), () -> "deltas at events "
        + recorder.eventsAtDelta + ", session.idle at " + firstIdle);
    assertEquals(NORMAL, reply.text());
    assertEquals(recorder.text(), reply.text());
    assertTrue(reply.error().isEmpty(), () -> reply.error().toString());
    assertEquals(ModelRef.of("mock", "mock-normal"), reply.model().orElseThrow());
    assertTrue(reply.usage().total() > 0, reply.usage().toString());
    assertEquals(List.of("mock-normal"), provider.requestedModels().subList(before, provider.requestedModels().size())
        .stream().filter(m -> !m.equals("mock-other")).toList(), "the prompt's model (mock-other: the title model)");
  }

  @Test
  void aPulledTurnOnAClientWithItsOwnVertxHandsItsDeltasToThisThreadUntilIdle() throws Exception {
    try (OpenCodeClient own = OpenCodeClient.create(options(null))) {
      String session = newSession(own, "pulled");
      OpenCodeTurn turn = own.pullPrompt(session, prompt("mock-normal", "Say hello"));
      List<String> pulled = new ArrayList<>();
      Reply reply;
      try (OpenCodeReplyIterator deltas = turn.iterator()) {
        deltas.forEachRemaining(delta -> {
          assertFalse(turn.reply().isComplete(), "each delta comes before the turn ends");
          if (delta.kind() == ReplyDelta.Kind.TEXT) {
            pulled.add(delta.text());
          }
        });
        reply = deltas.reply();
      }
      assertEquals(FakeOpenAiServer.NORMAL_TEXT, pulled, () -> "deltas " + pulled + "\n" + opencode.log());
      assertEquals(NORMAL, reply.text());
      assertTrue(reply.error().isEmpty(), () -> reply.error().toString());
      assertEquals(TurnState.DONE, turn.state());
    }
  }

  @Test
  void aSessionInAnotherDirectoryStillStreams() throws Exception {
    Path other = opencode.newProjectDir("project2");
    OpenCodeClient scoped = OpenCodeClient.create(vertx, options(other));
    try {
      Session session = await(scoped.createSession(SessionCreateBody.builder().title("other dir").build()));
      assertEquals(other.toString(), session.directory().orElseThrow());
      String id = session.id().orElseThrow();
      // the server's own directory does not see that session's events: the directory is what makes it stream
      OpenCodeEventStream unscoped = await(client.events());
      List<OpenCodeEvent> unscopedEvents = new CopyOnWriteArrayList<>();
      unscoped.handler(unscopedEvents::add);
      waitUntil(() -> !unscopedEvents.isEmpty(), "server.connected on the unscoped stream");
      Recorder recorder = new Recorder();
      Reply reply = await(scoped.streamPrompt(id, prompt("mock-normal", "hi"), recorder).reply());
      await(unscoped.cancel());
      assertEquals(NORMAL, reply.text());
      assertEquals(NORMAL, recorder.text());
      assertTrue(recorder.events.stream().anyMatch(e -> e instanceof MessagePartDelta), "deltas in its directory");
      assertFalse(unscopedEvents.stream().anyMatch(e -> e.sessionID().filter(id::equals).isPresent()),
          () -> "the server's directory saw " + unscopedEvents);
      assertTrue(await(scoped.listSessions()).stream().anyMatch(s -> s.id().equals(session.id())));
    } finally {
      await(scoped.closeAsync());
    }
  }

  @Test
  void aPermissionIsAskedThenRepliedAndTheToolRuns() throws Exception {
    String session = newSession(client, "permission");
    CountDownLatch asked = new CountDownLatch(1);
    List<String> replied = new CopyOnWriteArrayList<>();
    List<TurnState> states = new CopyOnWriteArrayList<>();
    Recorder recorder = new Recorder() {
      @Override
      public void onWaiting(PendingRequest request) {
        asked.countDown();
        client.replyToPermission(request.id(), PermissionReply.ONCE)
            .onSuccess(ok -> replied.add(request.id() + "=" + ok));
      }

      @Override
      public void onStateChange(TurnState state) {
        states.add(state);
      }
    };
    OpenCodeTurn turn = client.streamPrompt(session, prompt("mock-tool", "run it"), recorder);
    Reply reply = await(turn.reply());

    assertEquals(0, asked.getCount(), "the turn said it waits for the permission");
    assertTrue(recorder.events.stream().anyMatch(e -> e instanceof PermissionAsked), "permission.asked came");
    int waiting = states.indexOf(TurnState.WAITING);
    assertTrue(waiting > 0, states::toString);
    assertEquals(List.of(TurnState.WAITING, TurnState.STREAMING, TurnState.DONE),
        states.subList(waiting, states.size()));
    assertEquals(TurnState.DONE, turn.state());
    assertEquals(1, replied.size());
    assertTrue(replied.get(0).endsWith("=true"), replied.toString());
    assertTrue(recorder.events.stream().anyMatch(e -> e instanceof PermissionReplied), "permission.replied came");
    Reply.ToolCall call = reply.toolCalls().get(0);
    assertEquals("bash", call.tool().orElseThrow());
    assertEquals(ToolStatus.COMPLETED, call.status().orElseThrow());
    assertEquals("hi-from-tool\n", call.output().orElseThrow());
    assertTrue(reply.text().startsWith("Tool done: hi-from-tool"), reply.text());
    assertTrue(await(client.permissions()).isEmpty(), "nothing pending any more");
  }

  @Test
  void aQuestionIsAnsweredThroughTheTurnWhichCompletesWithTheAnswerInItsHistory() throws Exception {
    String session = newSession(client, "question");
    List<PendingRequest> waited = new CopyOnWriteArrayList<>();
    List<TurnState> states = new CopyOnWriteArrayList<>();
    Recorder recorder = new Recorder() {
      @Override
      public void onWaiting(PendingRequest request) {
        waited.add(request);
        turn.replyToQuestion(request.id(), List.of(List.of("blue")));
      }

      @Override
      public void onStateChange(TurnState state) {
        states.add(state);
      }
    };
    OpenCodeTurn turn = client.streamPrompt(session, prompt("mock-question", "ask me"), recorder);
    recorder.turn = turn;
    Reply reply = await(turn.reply());

    assertEquals(1, waited.size(), () -> states + "\n" + opencode.log());
    PendingRequest.Question question = assertInstanceOf(PendingRequest.Question.class, waited.get(0));
    assertEquals(FakeOpenAiServer.QUESTION, question.request().questions().get(0).question().orElseThrow());
    assertEquals(List.of("blue", "red"), question.request().questions().get(0).options().stream()
        .map(o -> o.label().orElseThrow()).toList());
    assertTrue(recorder.events.stream().anyMatch(e -> e instanceof QuestionAsked), "question.asked came");
    QuestionReplied replied = (QuestionReplied) recorder.events.stream().filter(e -> e instanceof QuestionReplied)
        .findFirst().orElseThrow(() -> new AssertionError("question.replied came"));
    assertEquals(List.of(List.of("blue")), replied.answers());
    int waiting = states.indexOf(TurnState.WAITING);
    assertTrue(waiting > 0, states::toString);
    assertEquals(List.of(TurnState.WAITING, TurnState.STREAMING, TurnState.DONE),
        states.subList(waiting, states.size()));
    assertTrue(reply.text().startsWith("You answered: ") && reply.text().contains("blue"), reply.text());
    assertTrue(await(client.questions()).isEmpty(), "nothing pending any more");
    // the history: the question tool's call, completed with the answer as its output
    Reply.ToolCall call = reply.toolCalls().get(0);
    assertEquals("question", call.tool().orElseThrow());
    assertEquals(ToolStatus.COMPLETED, call.status().orElseThrow());
    assertTrue(call.output().orElseThrow().contains("blue"), call.output().toString());
    assertTrue(await(client.messages(session)).stream().flatMap(m -> m.parts().stream())
        .anyMatch(p -> p.tool().filter("question"::equals).isPresent()
            && p.state().flatMap(st -> st.output()).filter(o -> o.contains("blue")).isPresent()),
        "the stored history holds the answered question");
  }

  @Test
  void aQuestionRejectedEndsTheToolCallAndTheTurn() throws Exception {
    String session = newSession(client, "question rejected");
    Recorder recorder = new Recorder() {
      @Override
      public void onWaiting(PendingRequest request) {
        turn.rejectQuestion(request.id());
      }
    };
    OpenCodeTurn turn = client.streamPrompt(session, prompt("mock-question", "ask me"), recorder);
    recorder.turn = turn;
    Reply reply = await(turn.reply());
    assertTrue(recorder.events.stream().anyMatch(e -> e instanceof QuestionRejected), "question.rejected came");
    assertEquals(ToolStatus.ERROR, reply.toolCalls().get(0).status().orElseThrow(), reply.toString());
    assertTrue(await(client.questions()).isEmpty(), "nothing pending any more");
  }

  @Test
  void aPromptToABusySessionIsRefusedWithATypedErrorAndNothingIsSent() throws Exception {
    String session = newSession(client, "busy");
    CountDownLatch firstDelta = new CountDownLatch(1);
    OpenCodeTurn running = client.streamPrompt(session, prompt("mock-slow", "slowly"), new OpenCodeTurnListener() {
      @Override
      public void onDelta(ReplyDelta delta) {
        firstDelta.countDown();
      }
    });
    assertTrue(firstDelta.await(60, TimeUnit.SECONDS), () -> "no delta\n" + opencode.log());
    int userMessages = userMessages(session);
    OpenCodeTurn second = client.streamPrompt(session, prompt("mock-normal", "are you there?"));
    OpenCodeSessionBusyException busy = awaitFailure(second.reply(), OpenCodeSessionBusyException.class);
    assertEquals(session, busy.sessionID());
    assertEquals("busy", busy.status());
    assertEquals(TurnState.FAILED, second.state());
    assertEquals(userMessages, userMessages(session), "no prompt was stored");
    await(running.cancel());
    await(running.reply());
    // once idle, the session takes a prompt again
    assertEquals(NORMAL, await(client.streamPrompt(session, prompt("mock-normal", "now?")).reply()).text());
  }

  /**
   * The experimental v2 per-session stream ({@code GET /api/session/{id}/event?after=}, SSE with {@code id:}
   * fields, per the OpenAPI document) on 1.18.33 with a configured provider: the server answers nothing, not even
   * the response headers, while a turn of the session runs and after it (documented in client/opencode's README).
   * If a newer server answers, this fails, and the stream is worth supporting as a resumable source.
   */
  @Test
  void theV2SessionStreamAnswersNothingOn1_18_33() throws Exception {
    String session = newSession(client, "v2 probe");
    io.vertx.core.http.HttpClient http = vertx.createHttpClient();
    try {
      List<String> seen = new CopyOnWriteArrayList<>();
      for (String query : List.of("", "?after=0", "?directory=" + java.net.URLEncoder.encode(
          opencode.projectDir().toString(), java.nio.charset.StandardCharsets.UTF_8))) {
        String uri = opencode.url() + "/api/session/" + session + "/event" + query;
        http.request(new io.vertx.core.http.RequestOptions().setAbsoluteURI(uri)
                .putHeader("Accept", "text/event-stream"))
            .compose(req -> req.send())
            .onSuccess(resp -> {
              seen.add(query + " -> HTTP " + resp.statusCode() + " " + resp.getHeader("content-type"));
              resp.handler(b -> seen.add(query + " -> " + b));
            })
            .onFailure(e -> seen.add(query + " -> failed: " + e));
      }
      Thread.sleep(1000); // the requests are in before the turn starts
      assertEquals(NORMAL, await(client.streamPrompt(session, prompt("mock-normal", "v2 probe")).reply()).text());
      Thread.sleep(5000); // and after it, time for anything to come
      assertEquals(List.of(), seen, "the v2 session stream answered; support it as a resumable source");
    } finally {
      await(http.close());
    }
  }

  static int userMessages(String session) throws Exception {
    return (int) await(client.messages(session)).stream()
        .filter(m -> m.info().filter(i -> i.isUser()).isPresent()).count();
  }

  static <T extends Throwable> T awaitFailure(Future<?> future, Class<T> type) throws Exception {
    try {
      future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return assertInstanceOf(type, e.getCause());
    }
    throw new AssertionError("expected a " + type.getSimpleName() + ", but it succeeded");
  }

  @Test
  void cancelAbortsTheTurn() throws Exception {
    String session = newSession(client, "abort");
    CountDownLatch firstDelta = new CountDownLatch(1);
    Recorder recorder = new Recorder() {
      @Override
      public void onDelta(ReplyDelta delta) {
        super.onDelta(delta);
        firstDelta.countDown();
      }
    };
    OpenCodeTurn turn = client.streamPrompt(session, prompt("mock-slow", "slowly"), recorder);
    assertTrue(firstDelta.await(60, TimeUnit.SECONDS), () -> "no delta\n" + opencode.log());
    await(turn.cancel());
    Reply reply = await(turn.reply());
    assertTrue(reply.error().orElseThrow().is(OpenCodeError.MESSAGE_ABORTED_ERROR), reply.toString());
    assertEquals(TurnState.ABORTED, turn.state());
    assertTrue(NORMAL.startsWith(reply.text()) && reply.text().length() < NORMAL.length(), reply.text());
    assertFalse(await(client.sessionStatuses()).containsKey(session), "the session is idle again");
  }

  @Test
  void aProviderErrorBecomesATypedError() throws Exception {
    String session = newSession(client, "provider error");
    Reply reply = await(client.streamPrompt(session, prompt("mock-http401", "fail")).reply());
    OpenCodeError error = reply.error().orElseThrow();
    assertTrue(error.is(OpenCodeError.API_ERROR), error.toString());
    assertEquals(401, error.statusCode().orElseThrow());
    assertEquals(Boolean.FALSE, error.isRetryable().orElseThrow());
    assertEquals("", reply.text());
  }

  @Test
  void theSynchronousPromptAndTheSessionCalls() throws Exception {
    assertTrue(await(client.health()).path("healthy").asBoolean(false));
    String session = newSession(client, "sync");
    MessageWithParts answer = await(client.prompt(session, prompt("mock-normal", "hello")));
    assertEquals(NORMAL, answer.text());
    assertTrue(answer.error().isEmpty());
    assertEquals("mock-normal", answer.info().orElseThrow().modelID().orElseThrow());
    List<MessageWithParts> messages = await(client.messages(session));
    assertEquals(2, messages.size(), "the user message and the answer");
    assertEquals("sync", await(client.getSession(session)).title().orElseThrow());
    assertTrue(await(client.listSessions()).stream().anyMatch(s -> s.id().orElse("").equals(session)));
    assertTrue(await(client.providers()).path("providers").toString().contains("mock-normal"));
    assertEquals("mock/mock-other", await(client.config()).path("model").asText());
    assertTrue(await(client.deleteSession(session)));
    io.github.ssekit.client.opencode.OpenCodeHttpException missing = assertInstanceOf(
        io.github.ssekit.client.opencode.OpenCodeHttpException.class, failure(client.getSession(session)));
    assertEquals(404, missing.status());
  }

  @Test
  void theEventStreamReconnectsAfterTheInstanceIsDisposed() throws Exception {
    Path other = opencode.newProjectDir("project-dispose");
    OpenCodeClient scoped = OpenCodeClient.create(vertx, options(other));
    try {
      // a turn first: the instance is fully up (disposing one still booting can hang in opencode 1.18.33)
      String warm = newSession(scoped, "before dispose");
      assertEquals(NORMAL, await(scoped.streamPrompt(warm, prompt("mock-normal", "warm up")).reply()).text());
      OpenCodeEventStream stream = await(scoped.events());
      List<OpenCodeEvent> events = new CopyOnWriteArrayList<>();
      List<ReconnectAttempt> reconnects = new CopyOnWriteArrayList<>();
      CountDownLatch connectedTwice = new CountDownLatch(2);
      stream.reconnectHandler(reconnects::add).handler(event -> {
        events.add(event);
        if (event instanceof ServerConnected) {
          connectedTwice.countDown();
        }
      });
      waitUntil(() -> connectedTwice.getCount() == 1, "server.connected");
      opencode.awaitInstanceBooted(other);
      assertTrue(await(scoped.disposeInstance()));
      if (!connectedTwice.await(20, TimeUnit.SECONDS) && indexOf(events, InstanceDisposed.class) < 0) {
        assertTrue(await(scoped.disposeInstance())); // the upstream dispose-while-booting hang: ask once more
      }
      assertTrue(connectedTwice.await(60, TimeUnit.SECONDS), () -> "no reconnection: " + events);
      assertEquals(1, reconnects.size(), reconnects.toString());
      int disposed = indexOf(events, InstanceDisposed.class);
      assertTrue(disposed > 0, () -> "server.instance.disposed before the reconnection: " + events);
      assertInstanceOf(ServerConnected.class, events.get(events.size() - 1));
      await(stream.cancel());
      // the stream works after reconnecting: a turn in that directory still streams
      String session = newSession(scoped, "after dispose");
      assertEquals(NORMAL, await(scoped.streamPrompt(session, prompt("mock-normal", "again")).reply()).text());
    } finally {
      await(scoped.closeAsync());
    }
  }

  static int indexOf(List<OpenCodeEvent> events, Class<?> type) {
    for (int i = 0; i < events.size(); i++) {
      if (type.isInstance(events.get(i))) {
        return i;
      }
    }
    return -1;
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  static Throwable failure(Future<?> future) throws Exception {
    try {
      Object value = await(future);
      throw new AssertionError("expected a failure, got " + value);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    }
  }

  static void waitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.sleep(10);
    }
  }
}
