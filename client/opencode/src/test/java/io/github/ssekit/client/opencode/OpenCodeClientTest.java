package io.github.ssekit.client.opencode;

import static io.github.ssekit.client.opencode.testing.OpenCodeFakeServer.event;
import static io.github.ssekit.client.opencode.testing.OpenCodeFakeServer.sessionError;
import static io.github.ssekit.client.opencode.testing.OpenCodeFakeServer.status;
import static io.github.ssekit.client.opencode.testing.OpenCodeFakeServer.textPart;
import static io.github.ssekit.client.opencode.testing.OpenCodeFakeServer.turn;
import static io.github.ssekit.client.testing.Sink.await;
import static io.github.ssekit.client.testing.Sink.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.client.HttpStatusException;
import io.github.ssekit.client.ReconnectAttempt;
import io.github.ssekit.client.SseClientOptions;
import io.github.ssekit.client.SseConnectionException;
import io.github.ssekit.client.opencode.OpenCodeClient;
import io.github.ssekit.client.opencode.OpenCodeClientOptions;
import io.github.ssekit.client.opencode.OpenCodeHttpException;
import io.github.ssekit.client.opencode.OpenCodeTurn;
import io.github.ssekit.client.opencode.OpenCodeTurnListener;
import io.github.ssekit.client.opencode.testing.OpenCodeFakeServer.Seen;
import io.github.ssekit.client.opencode.testing.OpenCodeFakeServer;
import io.github.ssekit.client.testing.Sink;
import io.github.ssekit.opencode.ModelRef;
import io.github.ssekit.opencode.OpenCodeDiagnostics;
import io.github.ssekit.opencode.PendingRequest;
import io.github.ssekit.opencode.Reply;
import io.github.ssekit.opencode.ReplyDelta;
import io.github.ssekit.opencode.TurnState;
import io.github.ssekit.opencode.event.InstanceDisposed;
import io.github.ssekit.opencode.event.OpenCodeEvent;
import io.github.ssekit.opencode.event.ServerConnected;
import io.github.ssekit.opencode.event.SessionStatusChanged;
import io.github.ssekit.opencode.model.MessageWithParts;
import io.github.ssekit.opencode.model.OpenCodeError;
import io.github.ssekit.opencode.model.Session;
import io.github.ssekit.opencode.request.PermissionReply;
import io.github.ssekit.opencode.request.PromptBody;
import io.github.ssekit.opencode.request.PromptPart;
import io.github.ssekit.opencode.request.SessionCreateBody;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.protocol.DiagnosticLimits;
import io.github.ssekit.sse.protocol.DiagnosticSummary;
import io.github.ssekit.sse.protocol.ResponseMetadata;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class OpenCodeClientTest {
  static final String SESSION = "ses_test1";
  static final String PASSWORD = "s3cret-Pa55";
  static final PromptBody PROMPT = PromptBody.builder().model(ModelRef.of("mock", "mock-normal"))
      .addParts(PromptPart.text("Say hello")).build();

  Vertx vertx;
  OpenCodeFakeServer server;
  final List<OpenCodeClient> clients = new ArrayList<>();

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    server = OpenCodeFakeServer.start(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    for (OpenCodeClient client : clients) {
      await(client.closeAsync());
    }
    server.close();
  }

  OpenCodeClient client(OpenCodeClientOptions options) {
    OpenCodeClient client = OpenCodeClient.create(vertx, options);
    clients.add(client);
    return client;
  }

  OpenCodeClientOptions options() {
    return new OpenCodeClientOptions(server.url()).setSseClientOptions(new SseClientOptions()
        .setReconnectDelay(Duration.ofMillis(20)).setReconnectJitter(0).setConnectTimeout(Duration.ofSeconds(2)))
        .setRequestTimeout(Duration.ofSeconds(5)).setEventIdleTimeout(Duration.ofSeconds(5));
  }

  /** Records a turn's callbacks. */
  static final class Recorder implements OpenCodeTurnListener {
    final List<ReplyDelta> deltas = new CopyOnWriteArrayList<>();
    final List<OpenCodeEvent> events = new CopyOnWriteArrayList<>();
    final List<ReconnectAttempt> reconnects = new CopyOnWriteArrayList<>();
    final List<PendingRequest> waited = new CopyOnWriteArrayList<>();
    final List<TurnState> states = new CopyOnWriteArrayList<>();
    final List<Diagnostic> diagnostics = new CopyOnWriteArrayList<>();
    final List<Diagnostic> everyDiagnostic = new CopyOnWriteArrayList<>();

    @Override
    public void onDelta(ReplyDelta delta) {
      deltas.add(delta);
    }

    @Override
    public void onEvent(OpenCodeEvent event) {
      events.add(event);
    }

    @Override
    public void onReconnect(ReconnectAttempt attempt) {
      reconnects.add(attempt);
    }

    @Override
    public void onWaiting(PendingRequest request) {
      waited.add(request);
    }

    @Override
    public void onStateChange(TurnState state) {
      states.add(state);
    }

    @Override
    public void onDiagnostic(Diagnostic diagnostic) {
      diagnostics.add(diagnostic);
    }

    @Override
    public void onEveryDiagnostic(Diagnostic diagnostic) {
      everyDiagnostic.add(diagnostic);
    }

    String text(ReplyDelta.Kind kind) {
      StringBuilder text = new StringBuilder();
      deltas.stream().filter(d -> d.kind() == kind).forEach(d -> text.append(d.text()));
      return text.toString();
    }
  }

  @Test
  void streamPromptSubscribesFirstSendsTheModelNestedStreamsDeltasAndCompletesAtIdle() throws Exception {
    String directory = "/tmp/my project/ü";
    server.onPrompt((session, body) -> server.play(turn(session, List.of("Hel", "lo", " world"))));
    OpenCodeClient client = client(options().setDirectory(directory).setPassword(PASSWORD));
    Recorder recorder = new Recorder();
    OpenCodeTurn turn = client.streamPrompt(SESSION, PROMPT, recorder);
    Reply reply = await(turn.reply());

    assertEquals("Hello world", reply.text());
    assertEquals(List.of("Hel", "lo", " world"), recorder.deltas.stream().map(ReplyDelta::text).toList());
    assertTrue(reply.done());
    assertEquals(ModelRef.of("mock", "mock-normal"), reply.model().orElseThrow());
    assertEquals(11, reply.usage().input());
    assertEquals(3, reply.usage().output());
    assertEquals(0.25, reply.usage().cost());
    assertTrue(reply.error().isEmpty());
    assertEquals(List.of("msg_asst1"), reply.messageIDs());

    List<Seen> seen = server.seen();
    assertEquals("/event", seen.get(0).path(), "subscribed before prompting: " + seen);
    assertEquals("/session/status", seen.get(1).path(), "a busy session is refused, not prompted: " + seen);
    Seen prompt = seen.get(2);
    assertEquals("/session/" + SESSION + "/prompt_async", prompt.path());
    assertEquals(new JsonObject().put("providerID", "mock").put("modelID", "mock-normal"),
        prompt.json().getJsonObject("model"));
    assertFalse(prompt.json().containsKey("providerID"));
    String basic = "Basic " + Base64.getEncoder().encodeToString(("opencode:" + PASSWORD).getBytes());
    for (Seen s : seen) {
      assertEquals("directory=%2Ftmp%2Fmy%20project%2F%C3%BC", s.query(), s.path());
      assertEquals("%2Ftmp%2Fmy%20project%2F%C3%BC", s.headers().get("x-opencode-directory"), s.path());
      assertEquals(basic, s.headers().get("Authorization"), s.path());
    }
    waitUntil(() -> server.openStreams() == 0, "the turn's event stream is closed once it is done");
  }

  @Test
  void theReplyCarriesTheStatusAndHeadersOfTheResponseThatAcceptedThePromptRedacted() throws Exception {
    server.onPrompt((session, body) -> server.play(turn(session, List.of("Hi"))));
    server.promptHeader("x-request-id", "req_42").promptHeader("x-ratelimit-remaining-requests", "99")
        .promptHeader("Set-Cookie", "sid=abc").promptHeader("x-echo", "you sent " + PASSWORD);
    Reply reply = await(client(options().setPassword(PASSWORD)).streamPrompt(SESSION, PROMPT, new Recorder()).reply());

    ResponseMetadata metadata = reply.responseMetadata();
    assertEquals(204, metadata.status());
    assertEquals(java.util.Optional.of("req_42"), metadata.requestId());
    assertEquals(99, metadata.remainingRequests().orElseThrow());
    assertEquals(java.util.Optional.of("<redacted>"), metadata.header("set-cookie"), "a cookie is never carried");
    assertEquals(java.util.Optional.of("you sent <redacted>"), metadata.header("x-echo"), "nor the password sent");
    assertEquals("Hi", reply.text());
  }

  @Test
  void reasoningDeltasAreTold() throws Exception {
    server.onPrompt((session, body) -> {
      List<String> events = new ArrayList<>();
      events.add(event("message.updated", new JsonObject().put("sessionID", session)
          .put("info", OpenCodeFakeServer.assistantInfo(session, "msg_asst1", false))));
      events.add(event("message.part.updated", new JsonObject().put("sessionID", session).put("part",
          new JsonObject().put("id", "prt_r").put("messageID", "msg_asst1").put("sessionID", session)
              .put("type", "reasoning").put("text", ""))));
      events.add(event("message.part.delta", new JsonObject().put("sessionID", session).put("messageID", "msg_asst1")
          .put("partID", "prt_r").put("field", "text").put("delta", "Thinking")));
      events.addAll(textPart(session, "msg_asst1", "prt_t", List.of("Hi")));
      events.add(event("session.idle", new JsonObject().put("sessionID", session)));
      server.play(events);
    });
    Recorder recorder = new Recorder();
    Reply reply = await(client(options()).streamPrompt(SESSION, PROMPT, recorder).reply());
    assertEquals("Thinking", reply.reasoning());
    assertEquals("Hi", reply.text());
    assertEquals("Thinking", recorder.text(ReplyDelta.Kind.REASONING));
    assertEquals("Hi", recorder.text(ReplyDelta.Kind.TEXT));
  }

  /** A turn whose events repeat two deviations {@code repeats} times: an event without a type, an ignored field. */
  void playRepeatedDeviations(int repeats) {
    server.onPrompt((session, body) -> {
      List<String> events = new ArrayList<>();
      events.add(event("message.updated", new JsonObject().put("sessionID", session)
          .put("info", OpenCodeFakeServer.assistantInfo(session, "msg_asst1", false))));
      for (int i = 0; i < repeats; i++) {
        events.add(new JsonObject().put("id", "evt_no_type").put("properties", new JsonObject()).encode());
        events.add(event("message.part.delta", new JsonObject().put("sessionID", session)
            .put("messageID", "msg_asst1").put("partID", "prt_" + i).put("field", "metadata").put("delta", "x")));
      }
      events.addAll(turn(session, List.of("done")));
      server.play(events);
    });
  }

  @Test
  void eachDiagnosticCodeIsToldOnceTheDecodersIncludedAndTheReplyCountsThemAll() throws Exception {
    int repeats = 30;
    playRepeatedDeviations(repeats);
    Recorder recorder = new Recorder();
    Reply reply = await(client(options()).streamPrompt(SESSION, PROMPT, recorder).reply());

    assertEquals(List.of(OpenCodeDiagnostics.MISSING_TYPE, OpenCodeDiagnostics.DELTA_FIELD_IGNORED),
        recorder.diagnostics.stream().map(Diagnostic::code).toList(), "each code told once, the decoder's too");
    assertEquals(2 * repeats, recorder.everyDiagnostic.size(), "every occurrence to onEveryDiagnostic");
    assertEquals(List.of((long) repeats, (long) repeats),
        reply.diagnostics().stream().map(DiagnosticSummary::count).toList());
    assertEquals(recorder.diagnostics, reply.diagnostics().stream().map(DiagnosticSummary::first).toList());
    assertEquals(2 * DiagnosticLimits.DEFAULT_MAX_OCCURRENCES_PER_CODE, reply.diagnosticOccurrences().size());
    assertEquals(2 * repeats - reply.diagnosticOccurrences().size(), reply.diagnosticOccurrencesNotKept());
  }

  @Test
  void theOptionsDiagnosticLimitsBoundTheOccurrencesAReplyKeeps() throws Exception {
    int repeats = 12;
    playRepeatedDeviations(repeats);
    OpenCodeClientOptions options = options().setDiagnosticLimits(new DiagnosticLimits(2, 3));
    assertEquals(new DiagnosticLimits(2, 3), new OpenCodeClientOptions(options).getDiagnosticLimits(), "copied");
    Reply reply = await(client(options).streamPrompt(SESSION, PROMPT, new Recorder()).reply());

    assertEquals(List.of((long) repeats, (long) repeats),
        reply.diagnostics().stream().map(DiagnosticSummary::count).toList(), "exact counts whatever the limits");
    assertEquals(3, reply.diagnosticOccurrences().size(), "at most 2 per code and 3 in all");
    assertEquals(2 * repeats - 3, reply.diagnosticOccurrencesNotKept());
  }

  @Test
  void otherSessionsEventsDoNotLeakIntoTheReply() throws Exception {
    server.onPrompt((session, body) -> {
      List<String> events = new ArrayList<>(textPart("ses_other", "msg_x", "prt_x", List.of("NOT MINE")));
      events.add(event("session.idle", new JsonObject().put("sessionID", "ses_other")));
      events.addAll(turn(session, List.of("mine")));
      server.play(events);
    });
    Reply reply = await(client(options()).streamPrompt(SESSION, PROMPT).reply());
    assertEquals("mine", reply.text());
  }

  @Test
  void aProviderErrorIsATypedErrorOnTheReply() throws Exception {
    server.onPrompt((session, body) -> server.play(List.of(status(session, "busy"),
        sessionError(session, new JsonObject().put("name", "APIError").put("data", new JsonObject()
            .put("message", "mock error 401").put("statusCode", 401).put("isRetryable", false))),
        status(session, "idle"), event("session.idle", new JsonObject().put("sessionID", session)))));
    Reply reply = await(client(options()).streamPrompt(SESSION, PROMPT).reply());
    OpenCodeError error = reply.error().orElseThrow();
    assertTrue(error.is(OpenCodeError.API_ERROR), error.toString());
    assertEquals(401, error.statusCode().orElseThrow());
    assertTrue(reply.failed());
  }

  @Test
  void aRejectedPromptFailsTheTurnWithTheServersError() throws Exception {
    server.json(HttpMethod.POST, "/session/" + SESSION + "/prompt_async", 400,
        "{\"name\":\"BadRequest\",\"data\":{\"message\":\"Missing key at [\\\"model\\\"]\",\"kind\":\"Payload\"}}");
    OpenCodeHttpException e = awaitFailure(client(options()).streamPrompt(SESSION, PROMPT).reply(),
        OpenCodeHttpException.class);
    assertEquals(400, e.status());
    assertEquals("BadRequest", e.error().orElseThrow().nameOrEmpty());
    waitUntil(() -> server.openStreams() == 0, "the event stream is closed after the failure");
  }

  @Test
  void cancelAbortsTheTurnAndTheReplyCarriesTheAbort() throws Exception {
    CountDownLatch streaming = new CountDownLatch(1);
    server.onPrompt((session, body) -> server.play(List.of(status(session, "busy"),
        event("message.updated", new JsonObject().put("sessionID", session)
            .put("info", OpenCodeFakeServer.assistantInfo(session, "msg_asst1", false))),
        textPart(session, "msg_asst1", "prt_t", List.of("partial")).get(0),
        textPart(session, "msg_asst1", "prt_t", List.of("partial")).get(1)), streaming::countDown));
    server.on(HttpMethod.POST, "/session/" + SESSION + "/abort", req -> {
      req.response().putHeader("content-type", "application/json").end("true");
      server.play(List.of(sessionError(SESSION, new JsonObject().put("name", "MessageAbortedError")
              .put("data", new JsonObject().put("message", "Aborted"))),
          status(SESSION, "idle"), event("session.idle", new JsonObject().put("sessionID", SESSION))));
    });
    Recorder recorder = new Recorder();
    OpenCodeTurn turn = client(options()).streamPrompt(SESSION, PROMPT, recorder);
    assertTrue(streaming.await(5, TimeUnit.SECONDS));
    waitUntil(() -> recorder.deltas.size() == 1, "the partial delta arrived");
    await(turn.cancel());
    Reply reply = await(turn.reply());
    assertEquals("partial", reply.text());
    assertTrue(reply.error().orElseThrow().is(OpenCodeError.MESSAGE_ABORTED_ERROR));
    assertEquals(1, server.seen(HttpMethod.POST, "/session/" + SESSION + "/abort").size());
  }

  @Test
  void aTurnDeadlineAbortsTheTurnAndCompletesWithThePartialReply() throws Exception {
    server.onPrompt((session, body) -> server.play(List.of(status(session, "busy"),
        event("message.updated", new JsonObject().put("sessionID", session)
            .put("info", OpenCodeFakeServer.assistantInfo(session, "msg_asst1", false))),
        textPart(session, "msg_asst1", "prt_t", List.of("partial")).get(0),
        textPart(session, "msg_asst1", "prt_t", List.of("partial")).get(1)), () -> { })); // then never idle
    server.on(HttpMethod.POST, "/session/" + SESSION + "/abort",
        req -> req.response().putHeader("content-type", "application/json").end("true"));
    Reply reply = await(client(options().setTurnDeadline(Duration.ofMillis(1500))).streamPrompt(SESSION, PROMPT)
        .reply());
    assertEquals("partial", reply.text());
    assertFalse(reply.done(), "the turn was cut by its deadline");
    waitUntil(() -> server.seen(HttpMethod.POST, "/session/" + SESSION + "/abort").size() == 1,
        "the turn was aborted at the server");
    waitUntil(() -> server.openStreams() == 0, "the event stream is closed");
  }

  @Test
  void aTurnWaitingForAPermissionSaysSoUntilItIsAnswered() throws Exception {
    server.onPrompt((session, body) -> server.play(List.of(status(session, "busy"),
        event("permission.asked", new JsonObject().put("id", "per_1").put("sessionID", session)
            .put("permission", "bash").put("patterns", new JsonArray().add("echo hi"))))));
    server.on(HttpMethod.POST, "/permission/per_1/reply", req -> {
      req.response().putHeader("content-type", "application/json").end("true");
      List<String> rest = new ArrayList<>(List.of(event("permission.replied", new JsonObject()
          .put("sessionID", SESSION).put("requestID", "per_1").put("reply", "once"))));
      rest.addAll(turn(SESSION, List.of("ran it")));
      server.play(rest);
    });
    OpenCodeClient client = client(options());
    Recorder recorder = new Recorder();
    OpenCodeTurn turn = client.streamPrompt(SESSION, PROMPT, recorder);
    waitUntil(() -> !recorder.waited.isEmpty(), "the turn says it waits");
    assertEquals(TurnState.WAITING, turn.state());
    assertEquals("per_1", recorder.waited.get(0).id());
    assertInstanceOf(PendingRequest.Permission.class, recorder.waited.get(0));
    assertTrue(await(client.replyToPermission("per_1", PermissionReply.ONCE)));
    assertEquals("ran it", await(turn.reply()).text());
    assertEquals(TurnState.DONE, turn.state());
    List<TurnState> states = recorder.states;
    assertEquals(TurnState.PROMPT_SENT, states.get(0), states::toString);
    // PROMPT_ACCEPTED is skipped when the turn's first events come before prompt_async's answer
    assertEquals(List.of(TurnState.STREAMING, TurnState.WAITING, TurnState.STREAMING, TurnState.DONE),
        states.subList(states.indexOf(TurnState.STREAMING), states.size()));
    assertEquals(1, recorder.waited.size());
  }

  @Test
  void aQuestionIsAnsweredThroughTheTurn() throws Exception {
    JsonObject asked = new JsonObject().put("id", "que_1").put("sessionID", SESSION)
        .put("questions", new JsonArray().add(new JsonObject().put("question", "Which colour?").put("header", "Colour")
            .put("options", new JsonArray().add(new JsonObject().put("label", "blue").put("description", "b")))))
        .put("tool", new JsonObject().put("messageID", "msg_asst1").put("callID", "call_1"));
    server.onPrompt((session, body) -> server.play(List.of(status(session, "busy"), event("question.asked", asked))));
    server.on(HttpMethod.POST, "/question/que_1/reply", req -> {
      req.response().putHeader("content-type", "application/json").end("true");
      List<String> rest = new ArrayList<>(List.of(event("question.replied", new JsonObject()
          .put("sessionID", SESSION).put("requestID", "que_1")
          .put("answers", new JsonArray().add(new JsonArray().add("blue"))))));
      rest.addAll(turn(SESSION, List.of("blue it is")));
      server.play(rest);
    });
    Recorder recorder = new Recorder();
    OpenCodeTurn turn = client(options()).streamPrompt(SESSION, PROMPT, recorder);
    waitUntil(() -> !recorder.waited.isEmpty(), "the turn says it waits");
    assertEquals(TurnState.WAITING, turn.state());
    PendingRequest.Question question = assertInstanceOf(PendingRequest.Question.class, turn.pending().get(0));
    assertEquals("Which colour?", question.request().questions().get(0).question().orElseThrow());
    assertTrue(await(turn.replyToQuestion(question.id(), List.of(List.of("blue")))));
    assertEquals(new JsonObject().put("answers", new JsonArray().add(new JsonArray().add("blue"))),
        server.seen(HttpMethod.POST, "/question/que_1/reply").get(0).json());
    assertEquals("blue it is", await(turn.reply()).text());
    assertEquals(List.of(), turn.pending());
  }

  @Test
  void aBusySessionIsRefusedWithATypedErrorAndNoPromptIsSent() throws Exception {
    server.json(HttpMethod.GET, "/session/status", 200, "{\"" + SESSION + "\":{\"type\":\"busy\"}}");
    OpenCodeTurn turn = client(options()).streamPrompt(SESSION, PROMPT);
    OpenCodeSessionBusyException busy = awaitFailure(turn.reply(), OpenCodeSessionBusyException.class);
    assertEquals(SESSION, busy.sessionID());
    assertEquals("busy", busy.status());
    assertTrue(server.seen(HttpMethod.POST, "/session/" + SESSION + "/prompt_async").isEmpty());
    assertEquals(TurnState.FAILED, turn.state());
  }

  @Test
  void afterAReconnectionThePendingRequestsAreReRead() throws Exception {
    // the question is asked while the stream is down: only GET /question tells
    server.onPrompt((session, body) -> server.play(List.of(status(session, "busy")), server::endStreams));
    server.json(HttpMethod.GET, "/question", 200, "[{\"id\":\"que_7\",\"sessionID\":\"" + SESSION
        + "\",\"questions\":[]}]");
    AtomicBoolean prompted = new AtomicBoolean();
    server.on(HttpMethod.GET, "/session/status", req -> req.response().putHeader("content-type", "application/json")
        .end(prompted.getAndSet(true) ? "{\"" + SESSION + "\":{\"type\":\"busy\"}}" : "{}"));
    server.json(HttpMethod.GET, "/session/" + SESSION + "/message", 200, "[]");
    server.json(HttpMethod.POST, "/session/" + SESSION + "/abort", 200, "true");
    Recorder recorder = new Recorder();
    OpenCodeTurn turn = client(options()).streamPrompt(SESSION, PROMPT, recorder);
    waitUntil(() -> !recorder.waited.isEmpty(), "the question found after the reconnection");
    assertEquals("que_7", recorder.waited.get(0).id());
    assertEquals(TurnState.WAITING, turn.state());
    assertEquals(1, server.seen(HttpMethod.GET, "/question").size());
    await(turn.cancel());
  }

  @Test
  void questionRoutesSendTheirBodies() throws Exception {
    server.json(HttpMethod.POST, "/question/que_1/reply", 200, "true");
    server.json(HttpMethod.POST, "/question/que_2/reject", 200, "true");
    OpenCodeClient client = client(options());
    assertEquals(List.of(), await(client.questions()));
    assertTrue(await(client.replyToQuestion("que_1", List.of(List.of("a", "b"), List.of("my own")))));
    assertEquals("{\"answers\":[[\"a\",\"b\"],[\"my own\"]]}",
        server.seen(HttpMethod.POST, "/question/que_1/reply").get(0).body());
    assertTrue(await(client.rejectQuestion("que_2")));
    assertEquals("", server.seen(HttpMethod.POST, "/question/que_2/reject").get(0).body());
  }

  @Test
  void cancelWhileThePromptIsInFlightAbortsOnceTheServerAcceptedIt() throws Exception {
    CompletableFuture<io.vertx.core.http.HttpServerRequest> inFlight = new CompletableFuture<>();
    server.on(HttpMethod.POST, "/session/" + SESSION + "/prompt_async", inFlight::complete);
    server.on(HttpMethod.POST, "/session/" + SESSION + "/abort", req -> {
      req.response().putHeader("content-type", "application/json").end("true");
      server.play(List.of(status(SESSION, "busy"), sessionError(SESSION, new JsonObject()
          .put("name", "MessageAbortedError").put("data", new JsonObject().put("message", "Aborted"))),
          event("session.idle", new JsonObject().put("sessionID", SESSION))));
    });
    OpenCodeTurn turn = client(options()).streamPrompt(SESSION, PROMPT);
    io.vertx.core.http.HttpServerRequest prompt = inFlight.get(5, TimeUnit.SECONDS);
    waitUntil(() -> turn.state() == TurnState.PROMPT_SENT, "the prompt is in flight");
    io.vertx.core.Future<Void> cancelled = turn.cancel();
    assertFalse(cancelled.isComplete(), "the abort waits for the prompt's answer");
    assertTrue(server.seen(HttpMethod.POST, "/session/" + SESSION + "/abort").isEmpty());
    vertx.runOnContext(v -> prompt.response().setStatusCode(204).end());
    await(cancelled);
    Reply reply = await(turn.reply());
    assertTrue(reply.error().orElseThrow().is(OpenCodeError.MESSAGE_ABORTED_ERROR));
    assertEquals(TurnState.ABORTED, turn.state());
    assertEquals(1, server.seen(HttpMethod.POST, "/session/" + SESSION + "/abort").size());
  }

  @Test
  void aListenerThatThrowsEndsTheTurnWithItsException() throws Exception {
    server.onPrompt((session, body) -> server.play(turn(session, List.of("Hel", "lo"))));
    IllegalStateException thrown = new IllegalStateException("the listener's own bug");
    OpenCodeTurn turn = client(options()).streamPrompt(SESSION, PROMPT, new OpenCodeTurnListener() {
      @Override
      public void onDelta(ReplyDelta delta) {
        throw thrown;
      }
    });
    assertEquals(thrown, awaitFailure(turn.reply(), IllegalStateException.class));
    assertEquals(TurnState.FAILED, turn.state());
    waitUntil(() -> server.openStreams() == 0, "the turn's stream is closed");
  }

  @Test
  void cancelBeforeThePromptWasSentSendsNothing() throws Exception {
    CompletableFuture<Void> subscribed = new CompletableFuture<>();
    server.on(HttpMethod.GET, "/event", req -> {
      req.response().setChunked(true).putHeader("content-type", "text/event-stream").write(": no connected yet\n\n");
      subscribed.complete(null);
    });
    OpenCodeTurn turn = client(options()).streamPrompt(SESSION, PROMPT);
    subscribed.get(5, TimeUnit.SECONDS);
    await(turn.cancel());
    assertEquals(TurnState.ABORTED, turn.state());
    // CompletableFuture.get() throws a CancellationException itself rather than wrapping it
    org.junit.jupiter.api.Assertions.assertThrows(CancellationException.class,
        () -> turn.reply().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS));
    assertTrue(server.seen(HttpMethod.POST, "/session/" + SESSION + "/prompt_async").isEmpty());
    assertTrue(server.seen(HttpMethod.POST, "/session/" + SESSION + "/abort").isEmpty());
  }

  @Test
  void aTurnThatEndedWhileTheStreamWasDownIsCompletedFromTheStoredMessages() throws Exception {
    server.onPrompt((session, body) -> server.play(List.of(status(session, "busy"),
        event("message.updated", new JsonObject().put("sessionID", session)
            .put("info", OpenCodeFakeServer.assistantInfo(session, "msg_asst1", false))),
        textPart(session, "msg_asst1", "prt_t", List.of("Hel")).get(0),
        textPart(session, "msg_asst1", "prt_t", List.of("Hel")).get(1)), server::endStreams));
    server.json(HttpMethod.GET, "/session/status", 200, "{}");
    JsonArray messages = new JsonArray()
        .add(new JsonObject().put("info", new JsonObject().put("id", "msg_user1").put("sessionID", SESSION)
            .put("role", "user")).put("parts", new JsonArray()))
        .add(new JsonObject().put("info", OpenCodeFakeServer.assistantInfo(SESSION, "msg_asst1", true))
            .put("parts", new JsonArray().add(new JsonObject().put("id", "prt_t").put("messageID", "msg_asst1")
                .put("sessionID", SESSION).put("type", "text").put("text", "Hello again")
                .put("time", new JsonObject().put("start", 1).put("end", 2)))));
    server.json(HttpMethod.GET, "/session/" + SESSION + "/message", 200, messages.encode());
    Recorder recorder = new Recorder();
    Reply reply = await(client(options()).streamPrompt(SESSION, PROMPT, recorder).reply());
    assertEquals("Hello again", reply.text());
    assertEquals("Hello again", recorder.text(ReplyDelta.Kind.TEXT), "the missed text came as one more delta");
    assertEquals(1, recorder.reconnects.size());
    assertTrue(reply.done());
  }

  @Test
  void eventsReconnectAfterTheServerClosesTheStreamAndSaySo() throws Exception {
    OpenCodeClient client = client(options().setDirectory("/work/a"));
    OpenCodeEventStream stream = await(client.events());
    List<OpenCodeEvent> events = new CopyOnWriteArrayList<>();
    List<ReconnectAttempt> reconnects = new CopyOnWriteArrayList<>();
    stream.reconnectHandler(reconnects::add).handler(events::add);
    waitUntil(() -> events.size() == 1, "server.connected");
    server.send(event("server.instance.disposed", new JsonObject().put("directory", "/work/a")));
    waitUntil(() -> events.size() == 2, "the dispose event");
    server.endStreams();
    waitUntil(() -> events.size() == 3, "server.connected after reconnecting");
    assertInstanceOf(ServerConnected.class, events.get(0));
    assertInstanceOf(InstanceDisposed.class, events.get(1));
    assertInstanceOf(ServerConnected.class, events.get(2));
    assertEquals(1, reconnects.size());
    assertTrue(reconnects.get(0).cause().isEmpty(), "the body ended: no error");
    List<Seen> subscriptions = server.seen(HttpMethod.GET, "/event");
    assertEquals(2, subscriptions.size());
    for (Seen s : subscriptions) {
      assertEquals("directory=%2Fwork%2Fa", s.query());
    }
    await(stream.cancel());
  }

  @Test
  void globalEventsAreUnwrappedAndFetchCountsDeliveredEventsOnly() throws Exception {
    server.on(HttpMethod.GET, "/global/event", req -> req.response().setChunked(true)
        .putHeader("content-type", "text/event-stream")
        .write("data: {\"payload\":{\"id\":\"e1\",\"type\":\"server.connected\",\"properties\":{}}}\n\n"
            + "data: {\"payload\":{\"id\":\"h\",\"type\":\"server.heartbeat\",\"properties\":{}}}\n\n"
            + "data: {\"directory\":\"/p\",\"payload\":{\"type\":\"sync\",\"syncEvent\":{\"type\":\"x.1\"},\"id\":\"s\"}}\n\n"
            + "data: {\"directory\":\"/p\",\"payload\":{\"id\":\"e2\",\"type\":\"session.status\",\"properties\":"
            + "{\"sessionID\":\"ses_1\",\"status\":{\"type\":\"busy\"}}}}\n\n"));
    OpenCodeEventStream stream = await(client(options()).globalEvents());
    List<OpenCodeEvent> events = new CopyOnWriteArrayList<>();
    stream.pause().handler(events::add);
    stream.fetch(1);
    waitUntil(() -> events.size() == 1, "the first event");
    stream.fetch(1);
    waitUntil(() -> events.size() == 2, "the second event, past a heartbeat and a sync frame");
    SessionStatusChanged status = assertInstanceOf(SessionStatusChanged.class, events.get(1));
    assertEquals("/p", status.envelope().directory().orElseThrow());
    await(stream.cancel());
  }

  @Test
  void aRefusedEventStreamFailsWithItsStatus() throws Exception {
    server.on(HttpMethod.GET, "/event", req -> req.response().setStatusCode(401)
        .putHeader("www-authenticate", "Basic realm=\"Secure Area\"").end("Unauthorized"));
    HttpStatusException e = awaitFailure(client(options().setPassword("wrong")).events(), HttpStatusException.class);
    assertEquals(401, e.status());
    assertFalse(e.getMessage().contains("wrong"), e.getMessage());
  }

  @Test
  void sessionCallsSendTheirBodiesAndReadTheAnswers() throws Exception {
    server.json(HttpMethod.POST, "/session", 200, "{\"id\":\"ses_new\",\"directory\":\"/d\",\"title\":\"t\"}");
    server.json(HttpMethod.GET, "/session", 200, "[{\"id\":\"ses_new\"},{\"id\":\"ses_old\"}]");
    server.json(HttpMethod.GET, "/session/ses_new", 200, "{\"id\":\"ses_new\",\"title\":\"t\"}");
    server.json(HttpMethod.DELETE, "/session/ses_new", 200, "true");
    server.json(HttpMethod.POST, "/session/ses_new/abort", 200, "true");
    server.json(HttpMethod.GET, "/session/status", 200, "{\"ses_new\":{\"type\":\"busy\"}}");
    server.json(HttpMethod.POST, "/permission/per_1/reply", 200, "true");
    server.json(HttpMethod.GET, "/permission", 200,
        "[{\"id\":\"per_1\",\"sessionID\":\"ses_new\",\"permission\":\"bash\",\"patterns\":[\"echo hi\"]}]");
    server.json(HttpMethod.GET, "/config", 200, "{\"model\":\"mock/mock-other\"}");
    server.json(HttpMethod.GET, "/config/providers", 200, "{\"providers\":[{\"id\":\"mock\"}],\"default\":{}}");
    server.json(HttpMethod.POST, "/session/ses_new/message", 200, "{\"info\":{\"id\":\"msg_a\",\"role\":\"assistant\","
        + "\"error\":{\"name\":\"APIError\",\"data\":{\"message\":\"boom\",\"statusCode\":500}}},"
        + "\"parts\":[{\"id\":\"p\",\"type\":\"text\",\"text\":\"partial\"}]}");
    server.json(HttpMethod.POST, "/instance/dispose", 200, "true");
    OpenCodeClient client = client(options());

    Session created = await(client.createSession(SessionCreateBody.builder().title("t").build()));
    assertEquals("ses_new", created.id().orElseThrow());
    assertEquals(new JsonObject().put("title", "t"), server.seen(HttpMethod.POST, "/session").get(0).json());
    assertEquals(List.of("ses_new", "ses_old"),
        await(client.listSessions()).stream().map(s -> s.id().orElseThrow()).toList());
    assertEquals("t", await(client.getSession("ses_new")).title().orElseThrow());
    assertTrue(await(client.deleteSession("ses_new")));
    assertTrue(await(client.abort("ses_new")));
    assertTrue(await(client.sessionStatuses()).containsKey("ses_new"));
    assertEquals("per_1", await(client.permissions()).get(0).id().orElseThrow());
    assertTrue(await(client.replyToPermission("per_1", PermissionReply.ONCE)));
    assertEquals(new JsonObject().put("reply", "once"),
        server.seen(HttpMethod.POST, "/permission/per_1/reply").get(0).json());
    assertEquals("mock/mock-other", await(client.config()).path("model").asText());
    assertEquals("mock", await(client.providers()).path("providers").path(0).path("id").asText());
    MessageWithParts answer = await(client.prompt("ses_new", PROMPT));
    assertEquals("partial", answer.text());
    assertEquals(500, answer.error().orElseThrow().statusCode().orElseThrow());
    assertEquals("mock-normal",
        server.seen(HttpMethod.POST, "/session/ses_new/message").get(0).json().getJsonObject("model").getString("modelID"));
    assertTrue(await(client.disposeInstance()));
    for (Seen s : server.seen()) {
      assertEquals(null, s.headers().get("Authorization"), "no password, no authorization: " + s.path());
      assertEquals(null, s.query(), "no directory, no query: " + s.path());
    }
  }

  @Test
  void anHttpErrorIsTypedWithTheServersErrorAndNeverShowsThePassword() throws Exception {
    OpenCodeClient client = client(options().setPassword(PASSWORD));
    OpenCodeHttpException e = awaitFailure(client.getSession("ses_missing"), OpenCodeHttpException.class);
    assertEquals(404, e.status());
    assertEquals("NotFoundError", e.error().orElseThrow().nameOrEmpty());
    String basic = Base64.getEncoder().encodeToString(("opencode:" + PASSWORD).getBytes());
    for (String text : List.of(e.getMessage(), e.toString(), client.toString(), client.options().toString())) {
      assertFalse(text.contains(PASSWORD), text);
      assertFalse(text.contains(basic), text);
    }
    assertTrue(client.options().toString().contains("password set"), client.options().toString());
  }

  @Test
  void aConnectionFailureIsTyped() throws Exception {
    OpenCodeClient client = client(new OpenCodeClientOptions("http://127.0.0.1:1"));
    awaitFailure(client.listSessions(), SseConnectionException.class);
    awaitFailure(client.streamPrompt(SESSION, PROMPT).reply(), SseConnectionException.class);
  }

  @Test
  void closingTheClientFailsItsTurnsAndClosesTheirStreams() throws Exception {
    server.onPrompt((session, body) -> server.play(List.of(status(session, "busy")))); // never ends
    OpenCodeClient client = OpenCodeClient.create(vertx, options());
    OpenCodeTurn turn = client.streamPrompt(SESSION, PROMPT);
    waitUntil(() -> !server.seen(HttpMethod.POST, "/session/" + SESSION + "/prompt_async").isEmpty(), "the prompt");
    await(client.closeAsync());
    awaitFailure(turn.reply(), SseConnectionException.class);
    waitUntil(() -> server.openStreams() == 0, "the turn's stream is closed");
    awaitFailure(client.listSessions(), SseConnectionException.class);
  }

  @Test
  void optionsRejectWhatCannotWork() {
    for (String url : List.of("ftp://h", "http://", "http://u:p@h", "http://h/?q=1", "not a url")) {
      try {
        new OpenCodeClientOptions(url);
        throw new AssertionError("accepted " + url);
      } catch (IllegalArgumentException expected) {
        assertFalse(expected.getMessage().contains(":p@"), expected.getMessage());
      }
    }
    assertEquals("http://h:1/base", new OpenCodeClientOptions("http://h:1/base/").getBaseUrl());
  }

  static void waitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Sink.WAIT_SECONDS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.sleep(5);
    }
  }
}
