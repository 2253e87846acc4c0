package io.github.ssekit.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.opencode.ModelRef;
import io.github.ssekit.opencode.OpenCodeJson;
import io.github.ssekit.opencode.OpenCodeProtocol;
import io.github.ssekit.opencode.event.OpenCodeEvent;
import io.github.ssekit.opencode.model.MessageWithParts;
import io.github.ssekit.opencode.model.PermissionRequest;
import io.github.ssekit.opencode.model.QuestionRequest;
import io.github.ssekit.opencode.model.SessionStatus;
import io.github.ssekit.opencode.request.PromptBody;
import io.github.ssekit.sse.SseEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The relay's per-session logic without HTTP: what browsers are sent, and how a reconnecting one catches up. */
class SessionChannelTest {
  static final String S = "ses_test";
  static final String TEXT = "Hello wörld, <b>not bold</b>\nsecond line";
  final List<Boolean> holds = new ArrayList<>();
  final Calls calls = new Calls();

  /** OpenCode's calls as a test scripts them: answered at once, unless a test holds or fails them. */
  static final class Calls implements TurnCalls {
    final List<String> made = new ArrayList<>();
    Future<Void> prompt = Future.succeededFuture();
    Map<String, SessionStatus> statuses = Map.of();
    List<MessageWithParts> stored = List.of();
    List<PermissionRequest> permissions = List.of();
    List<QuestionRequest> questions = List.of();

    @Override
    public Future<Void> promptAsync(String sessionID, PromptBody body) {
      made.add("prompt_async " + ((io.github.ssekit.opencode.request.PromptPart.Text) body.parts().get(0)).text());
      return prompt;
    }

    @Override
    public Future<Boolean> abort(String sessionID) {
      made.add("abort");
      return Future.succeededFuture(true);
    }

    @Override
    public Future<Map<String, SessionStatus>> sessionStatuses() {
      made.add("status");
      return Future.succeededFuture(statuses);
    }

    @Override
    public Future<List<MessageWithParts>> messages(String sessionID) {
      made.add("messages");
      return Future.succeededFuture(stored);
    }

    @Override
    public Future<List<PermissionRequest>> permissions() {
      made.add("permissions");
      return Future.succeededFuture(permissions);
    }

    @Override
    public Future<List<QuestionRequest>> questions() {
      made.add("questions");
      return Future.succeededFuture(questions);
    }
  }

  SessionChannel channel(int maxEvents) {
    return channel(maxEvents, Long.MAX_VALUE);
  }

  SessionChannel channel(int maxEvents, long maxReplyChars) {
    return new SessionChannel(S, "/tmp/project", new ReplayBuffer("ep", maxEvents, 1_000_000), holds::add, calls,
        maxReplyChars);
  }

  /** Starts a turn and connects the upstream, as the relay does: the prompt goes, and is accepted. */
  static TurnView start(SessionChannel channel, String prompt, ModelRef model) {
    TurnView turn = channel.startTurn(prompt, model);
    channel.upstreamConnected();
    return turn;
  }

  static OpenCodeEvent event(String type, JsonObject properties) {
    String json = new JsonObject().put("id", "evt_" + type).put("type", type).put("properties",
        properties.put("sessionID", properties.getString("sessionID", S))).encode();
    return OpenCodeProtocol.create().decode(json).value().orElseThrow();
  }

  static JsonObject part(String id, String message, String type, String text) {
    return new JsonObject().put("id", id).put("messageID", message).put("sessionID", S).put("type", type)
        .put("text", text);
  }

  static OpenCodeEvent delta(String part, String message, String text) {
    return event("message.part.delta", new JsonObject().put("messageID", message).put("partID", part)
        .put("field", "text").put("delta", text));
  }

  /** A whole turn as OpenCode 1.18.33 streams it: the user's message, reasoning, text in pieces, the end. */
  static List<OpenCodeEvent> turn(List<String> pieces) {
    List<OpenCodeEvent> events = new ArrayList<>();
    events.add(event("session.status", new JsonObject().put("status", new JsonObject().put("type", "busy"))));
    events.add(event("message.updated", new JsonObject().put("info", new JsonObject().put("id", "msg_u")
        .put("sessionID", S).put("role", "user"))));
    events.add(event("message.part.updated", new JsonObject().put("part", part("prt_u", "msg_u", "text", "hi"))));
    events.add(event("message.updated", new JsonObject().put("info", new JsonObject().put("id", "msg_a")
        .put("sessionID", S).put("role", "assistant").put("providerID", "mock").put("modelID", "mock-normal"))));
    events.add(event("message.part.updated", new JsonObject().put("part", part("prt_r", "msg_a", "reasoning", ""))));
    events.add(delta("prt_r", "msg_a", "Thinking"));
    events.add(event("message.part.updated", new JsonObject().put("part", part("prt_t", "msg_a", "text", ""))));
    for (String piece : pieces) {
      events.add(delta("prt_t", "msg_a", piece));
    }
    events.add(event("message.part.updated", new JsonObject().put("part", part("prt_t", "msg_a", "text",
        String.join("", pieces)).put("time", new JsonObject().put("start", 1).put("end", 2)))));
    events.add(event("message.part.updated", new JsonObject().put("part", new JsonObject().put("id", "prt_f")
        .put("messageID", "msg_a").put("sessionID", S).put("type", "step-finish").put("cost", 0)
        .put("tokens", new JsonObject().put("input", 11).put("output", 3).put("reasoning", 0)))));
    events.add(event("session.status", new JsonObject().put("status", new JsonObject().put("type", "idle"))));
    events.add(event("session.idle", new JsonObject()));
    return events;
  }

  static List<String> pieces() {
    List<String> pieces = new ArrayList<>();
    for (String word : TEXT.split("(?<= )")) {
      pieces.add(word);
    }
    return pieces;
  }

  @Test
  void aBrowserSeesTheReplyGrowDeltaByDeltaThenTheEnd() {
    SessionChannel channel = channel(100);
    PageModel page = new PageModel();
    channel.attach(page, null, 1000);
    start(channel, "hi", ModelRef.of("mock", "mock-normal"));
    List<String> textSeen = new ArrayList<>();
    for (OpenCodeEvent e : turn(pieces())) {
      channel.onEvent(e);
      textSeen.add(page.text(1));
    }
    assertEquals(TEXT, page.text(1));
    assertEquals("Thinking", page.reasoning(1));
    assertEquals("done", page.states.get(1));
    assertFalse(channel.running());
    // it grew piece by piece, each state a prefix of the next, before the turn was done
    List<String> distinct = textSeen.stream().distinct().toList();
    assertEquals(pieces().size() + 1, distinct.size(), distinct.toString()); // "" then one per piece
    for (int i = 1; i < distinct.size(); i++) {
      assertTrue(distinct.get(i).startsWith(distinct.get(i - 1)), distinct.toString());
    }
    assertEquals("snapshot", page.types().get(0));
    assertEquals("turn", page.types().get(1));
    assertEquals("done", page.types().get(page.types().size() - 1));
    JsonObject done = new JsonObject(page.events.get(page.events.size() - 1).data());
    assertEquals(14, done.getJsonObject("usage").getInteger("total"));
    assertEquals("mock/mock-normal", done.getString("model"));
    assertTrue(page.types().stream().noneMatch("part-text"::equals), "the final text matched the deltas");
  }

  /** Every point at which a browser's connection can drop during a turn. */
  static List<Integer> dropPoints() {
    List<Integer> points = new ArrayList<>();
    for (int i = 0; i <= turn(pieces()).size(); i++) {
      points.add(i);
    }
    return points;
  }

  @ParameterizedTest(name = "dropped after {0} upstream events")
  @MethodSource("dropPoints")
  void aBrowserThatReconnectsWithItsLastEventIdGetsExactlyWhatItMissed(int dropAfter) {
    SessionChannel channel = channel(1000);
    PageModel page = new PageModel();
    channel.attach(page, null, 1000);
    start(channel, "hi", null);
    List<OpenCodeEvent> events = turn(pieces());
    for (int i = 0; i < events.size(); i++) {
      if (i == dropAfter) {
        page.close();
        channel.detach(page);
      }
      channel.onEvent(events.get(i));
    }
    if (dropAfter == events.size()) {
      page.close();
      channel.detach(page);
    }
    page.closed = false; // the EventSource reconnects, keeping the page and its Last-Event-ID
    SessionChannel.Attached attached = channel.attach(page, page.lastEventId(), 1000);

    assertEquals(SessionChannel.Catchup.REPLAY, attached.catchup());
    assertEquals(1, page.snapshots, "only the first connection got a snapshot");
    assertEquals(TEXT, page.text(1), "no text lost or repeated");
    assertEquals("done", page.states.get(1));
    Set<String> ids = new HashSet<>();
    for (SseEvent e : page.events) {
      if (!e.type().equals("snapshot")) {
        assertTrue(ids.add(e.lastEventId()), "event " + e.lastEventId() + " came twice");
      }
    }
  }

  @Test
  void aBrowserTooFarBehindGetsASnapshotAndStillShowsTheExactText() {
    SessionChannel channel = channel(2);
    PageModel page = new PageModel();
    channel.attach(page, null, 1000);
    start(channel, "hi", null);
    List<OpenCodeEvent> events = turn(pieces());
    page.close();
    channel.detach(page);
    events.subList(0, 8).forEach(channel::onEvent); // more than two events: the buffer lost some
    page.closed = false;
    SessionChannel.Attached attached = channel.attach(page, page.lastEventId(), 1000);
    assertEquals(SessionChannel.Catchup.SNAPSHOT, attached.catchup());
    assertEquals(2, page.snapshots);
    events.subList(8, events.size()).forEach(channel::onEvent);
    assertEquals(TEXT, page.text(1));
    assertEquals("Thinking", page.reasoning(1));
    assertEquals("done", page.states.get(1));
  }

  @Test
  void aNewTabGetsASnapshotOfEveryTurnSoFar() {
    SessionChannel channel = channel(1000);
    start(channel, "first", null);
    turn(List.of("One.")).forEach(channel::onEvent);
    start(channel, "second", null);
    List<OpenCodeEvent> second = turn(List.of("Two", " halves."));
    second.subList(0, 8).forEach(channel::onEvent);
    PageModel tab = new PageModel();
    channel.attach(tab, null, 1000);
    second.subList(8, second.size()).forEach(channel::onEvent);
    assertEquals(List.of("snapshot"), tab.types().subList(0, 1));
    assertEquals("One.", tab.text(1));
    assertEquals("Two halves.", tab.text(2));
    assertEquals(List.of("done", "done"), List.copyOf(tab.states.values()));
    JsonArray turns = channel.snapshot().getJsonArray("turns");
    assertEquals("first", turns.getJsonObject(0).getString("prompt"));
  }

  @Test
  void theUpstreamIsHeldWhileABrowserFollowsOrATurnRuns() {
    SessionChannel channel = channel(100);
    PageModel page = new PageModel();
    channel.attach(page, null, 1000);
    assertEquals(List.of(true), holds);
    channel.detach(page);
    assertEquals(List.of(true, false), holds);
    start(channel, "hi", null);
    assertEquals(List.of(true, false, true), holds, "a turn holds it with no browser");
    channel.attach(page, null, 1000);
    assertEquals(3, holds.size(), "already held");
    turn(List.of("x")).forEach(channel::onEvent);
    assertEquals(3, holds.size(), "still followed");
    channel.closeBrowsers();
    assertEquals(List.of(true, false, true, false), holds);
    assertTrue(page.closed);
  }

  @Test
  void aPermissionRequestIsShownUntilItIsAnswered() {
    SessionChannel channel = channel(100);
    PageModel page = new PageModel();
    channel.attach(page, null, 1000);
    start(channel, "run it", null);
    channel.onEvent(event("permission.asked", new JsonObject().put("id", "per_1").put("permission", "bash")
        .put("patterns", new JsonArray().add("echo hi")).put("always", new JsonArray().add("echo *"))));
    assertTrue(channel.isPendingPermission("per_1"));
    assertFalse(channel.isPendingPermission("per_other"));
    JsonObject asked = new JsonObject(page.events.get(page.events.size() - 1).data());
    assertEquals("permission", page.types().get(page.types().size() - 1));
    assertEquals(new JsonObject().put("id", "per_1").put("permission", "bash")
        .put("patterns", new JsonArray().add("echo hi")).put("always", new JsonArray().add("echo *"))
        .putNull("callID").putNull("reply").put("turn", 1), asked);
    channel.onEvent(event("permission.replied", new JsonObject().put("requestID", "per_1").put("reply", "once")));
    assertFalse(channel.isPendingPermission("per_1"));
    assertEquals(new JsonObject().put("turn", 1).put("id", "per_1").put("reply", "once"),
        new JsonObject(page.events.get(page.events.size() - 1).data()));
    JsonObject inSnapshot = channel.snapshot().getJsonArray("turns").getJsonObject(0).getJsonArray("permissions")
        .getJsonObject(0);
    assertEquals("once", inSnapshot.getString("reply"));
  }

  @Test
  void anAbortedTurnEndsAbortedWithTheTextSoFar() {
    SessionChannel channel = channel(100);
    PageModel page = new PageModel();
    channel.attach(page, null, 1000);
    start(channel, "slowly", null);
    turn(List.of("Hello")).subList(0, 8).forEach(channel::onEvent);
    assertTrue(channel.abort().result());
    assertEquals(List.of("prompt_async slowly", "abort"), calls.made);
    channel.onEvent(event("session.error", new JsonObject().put("error", new JsonObject()
        .put("name", "MessageAbortedError").put("data", new JsonObject().put("message", "Aborted")))));
    channel.onEvent(event("session.idle", new JsonObject()));
    assertEquals("aborted", page.states.get(1));
    assertEquals("Hello", page.text(1));
    JsonObject done = new JsonObject(page.events.get(page.events.size() - 1).data());
    assertEquals("MessageAbortedError", done.getJsonObject("error").getString("name"));
    assertFalse(channel.running());
  }

  @Test
  void anAbortBeforeThePromptWasSentSendsNothing() {
    SessionChannel channel = channel(100);
    PageModel page = new PageModel();
    channel.attach(page, null, 1000);
    channel.startTurn("never sent", null); // the upstream is not connected yet
    assertTrue(channel.abort().result());
    assertEquals("aborted", page.states.get(1));
    JsonObject error = channel.snapshot().getJsonArray("turns").getJsonObject(0).getJsonObject("error");
    assertEquals("MessageAbortedError", error.getString("name"));
    assertEquals("aborted before the prompt was sent", error.getString("message"));
    channel.upstreamConnected();
    assertEquals(List.of(), calls.made, "no prompt, no abort");
  }

  @Test
  void anAbortWhileThePromptIsInFlightGoesOnceItIsAccepted() {
    SessionChannel channel = channel(100);
    Promise<Void> accepted = Promise.promise();
    calls.prompt = accepted.future();
    start(channel, "slowly", null);
    assertTrue(channel.abort().result());
    assertEquals(List.of("prompt_async slowly"), calls.made, "the abort waits for the prompt's answer");
    assertTrue(channel.running());
    accepted.complete();
    assertEquals(List.of("prompt_async slowly", "abort"), calls.made);
  }

  @Test
  void eventsBeforeThePromptWasSentAreNotTheTurns() {
    SessionChannel channel = channel(100);
    PageModel page = new PageModel();
    channel.attach(page, null, 1000);
    channel.startTurn("hi", null);
    turn(List.of("the previous turn's tail")).forEach(channel::onEvent);
    assertEquals("", page.text(1));
    assertTrue(channel.running());
    channel.upstreamConnected();
    turn(List.of("mine")).forEach(channel::onEvent);
    assertEquals("mine", page.text(1));
    assertEquals("done", page.states.get(1));
  }

  @Test
  void aQuestionIsShownWithItsOptionsUntilItIsAnswered() {
    SessionChannel channel = channel(100);
    PageModel page = new PageModel();
    channel.attach(page, null, 1000);
    start(channel, "ask me", null);
    channel.onEvent(event("question.asked", new JsonObject().put("id", "que_1")
        .put("questions", new JsonArray().add(new JsonObject().put("question", "Which colour?").put("header", "Colour")
            .put("options", new JsonArray().add(new JsonObject().put("label", "blue").put("description", "b")))))
        .put("tool", new JsonObject().put("messageID", "msg_1").put("callID", "call_q"))));
    assertTrue(channel.isPendingQuestion("que_1"));
    assertFalse(channel.isPendingPermission("que_1"), "not a permission: /api/permission cannot answer it");
    assertEquals("question", page.types().get(page.types().size() - 1));
    assertEquals(new JsonObject().put("id", "que_1")
        .put("questions", new JsonArray().add(new JsonObject().put("question", "Which colour?").put("header", "Colour")
            .put("options", new JsonArray().add(new JsonObject().put("label", "blue").put("description", "b")))
            .put("multiple", false).put("custom", true)))
        .put("callID", "call_q").putNull("answers").put("rejected", false).put("turn", 1),
        new JsonObject(page.events.get(page.events.size() - 1).data()));
    channel.onEvent(event("question.replied", new JsonObject().put("requestID", "que_1")
        .put("answers", new JsonArray().add(new JsonArray().add("blue")))));
    assertFalse(channel.isPendingQuestion("que_1"));
    assertEquals(new JsonObject().put("turn", 1).put("id", "que_1")
        .put("answers", new JsonArray().add(new JsonArray().add("blue"))).put("rejected", false),
        new JsonObject(page.events.get(page.events.size() - 1).data()));
    JsonObject inSnapshot = channel.snapshot().getJsonArray("turns").getJsonObject(0).getJsonArray("questions")
        .getJsonObject(0);
    assertEquals(new JsonArray().add(new JsonArray().add("blue")), inSnapshot.getJsonArray("answers"));
    assertTrue(channel.running(), "the turn goes on after the answer");
  }

  @Test
  void aDismissedQuestionIsShownDismissed() {
    SessionChannel channel = channel(100);
    PageModel page = new PageModel();
    channel.attach(page, null, 1000);
    start(channel, "ask me", null);
    channel.onEvent(event("question.asked", new JsonObject().put("id", "que_2").put("questions", new JsonArray())));
    channel.onEvent(event("question.rejected", new JsonObject().put("requestID", "que_2")));
    assertFalse(channel.isPendingQuestion("que_2"));
    assertEquals(new JsonObject().put("turn", 1).put("id", "que_2").putNull("answers").put("rejected", true),
        new JsonObject(page.events.get(page.events.size() - 1).data()));
  }

  @Test
  void aReplyPastTheLimitIsAbortedAndFails() {
    SessionChannel channel = channel(100, 8);
    PageModel page = new PageModel();
    channel.attach(page, null, 1000);
    start(channel, "hi", null);
    turn(List.of("12345", "6789")).forEach(channel::onEvent); // "Thinking" (8) fits, then text passes the limit
    assertEquals("failed", page.states.get(1));
    assertEquals(List.of("prompt_async hi", "abort"), calls.made);
    assertEquals("", page.text(1), "the delta past the limit is not shown");
  }

  /**
   * The text of a part is appended to in place: across 20,000 deltas the page's item keeps one builder, which is
   * reallocated (and its text copied) only as it doubles; rebuilding the text for each delta would copy it every
   * time, quadratic in the reply's length.
   */
  @Test
  void aPartsTextGrowsInPlaceSoADeltaCostsItsOwnLength() {
    SessionChannel channel = channel(16);
    start(channel, "long", null);
    turn(List.of()).subList(0, 7).forEach(channel::onEvent); // up to the text part's start
    OpenCodeEvent x = delta("prt_t", "msg_a", "x");
    channel.onEvent(x);
    TurnView view = channel.currentTurn().orElseThrow();
    StringBuilder text = view.item("prt_t").text;
    int deltas = 20_000;
    int reallocations = 0;
    int capacity = text.capacity();
    for (int i = 1; i < deltas; i++) {
      channel.onEvent(x);
      assertSame(text, view.item("prt_t").text);
      if (text.capacity() != capacity) {
        reallocations++;
        capacity = text.capacity();
      }
    }
    assertEquals(deltas, text.length());
    int doublings = 32 - Integer.numberOfLeadingZeros(deltas); // 15
    assertTrue(reallocations <= doublings, reallocations + " reallocations for " + deltas + " deltas");
  }

  @Test
  void aTurnTheRelayCouldNotSendFailsWithItsReason() {
    SessionChannel channel = channel(100);
    PageModel page = new PageModel();
    channel.attach(page, null, 1000);
    calls.prompt = Future.failedFuture("HTTP 400");
    start(channel, "hi", null);
    assertEquals("failed", page.states.get(1));
    JsonObject error = channel.snapshot().getJsonArray("turns").getJsonObject(0).getJsonObject("error");
    assertEquals("PromptError", error.getString("name"));
    assertEquals("The prompt could not be sent: HTTP 400", error.getString("message"));
    calls.prompt = Future.succeededFuture();
    start(channel, "again", null); // the session is free for the next prompt
    assertTrue(channel.running());
  }

  @Test
  void aFinalTextThatContradictsTheDeltasReplacesIt() {
    SessionChannel channel = channel(100);
    PageModel page = new PageModel();
    channel.attach(page, null, 1000);
    start(channel, "hi", null);
    List<OpenCodeEvent> events = turn(List.of("Hello", " there"));
    events.set(9, event("message.part.updated", new JsonObject().put("part", part("prt_t", "msg_a", "text",
        "Goodbye").put("time", new JsonObject().put("start", 1).put("end", 2)))));
    events.forEach(channel::onEvent);
    assertTrue(page.types().contains("part-text"), page.types().toString());
    assertEquals("Goodbye", page.text(1));
    assertEquals("Goodbye", channel.currentTurn().orElseThrow().text());
  }

  @Test
  void eventsLostWhileTheUpstreamReconnectedAreMadeUpFromTheStoredMessages() {
    SessionChannel channel = channel(100);
    PageModel page = new PageModel();
    channel.attach(page, null, 1000);
    start(channel, "hi", null);
    turn(List.of("Hel", "lo")).subList(0, 8).forEach(channel::onEvent); // "Hel"; then the stream was lost
    channel.upstreamLost();
    String stored = """
        [{"info":{"id":"msg_u","sessionID":"ses_test","role":"user"},"parts":[]},
         {"info":{"id":"msg_a","sessionID":"ses_test","role":"assistant","providerID":"mock","modelID":"mock-normal"},
          "parts":[{"id":"prt_t","messageID":"msg_a","sessionID":"ses_test","type":"text","text":"Hello",
                    "time":{"start":1,"end":2}}]}]""";
    calls.stored = OpenCodeJson.readMessages(stored.getBytes(StandardCharsets.UTF_8));
    channel.upstreamConnected(); // the turn re-reads the session: idle, and its stored messages
    // the pending requests are re-read too (the turn was over by their answer: they change nothing)
    assertEquals(List.of("prompt_async hi", "status", "messages", "permissions", "questions"), calls.made);
    assertEquals("Hello", page.text(1));
    assertEquals(List.of("Hel", "lo"), page.events.stream().filter(e -> e.type().equals("delta"))
        .map(e -> new JsonObject(e.data())).filter(d -> d.getString("kind").equals("text"))
        .map(d -> d.getString("text")).toList(), "the missed text, once");
    assertEquals("done", page.states.get(1));
  }

  @Test
  void requestsAskedOrAnsweredWhileTheUpstreamWasDownAreShownOnceItIsBack() {
    SessionChannel channel = channel(100);
    PageModel page = new PageModel();
    channel.attach(page, null, 1000);
    start(channel, "run it", null);
    turn(List.of("Hel", "lo")).subList(0, 8).forEach(channel::onEvent);
    channel.onEvent(event("permission.asked", new JsonObject().put("id", "per_1").put("permission", "bash")));
    channel.upstreamLost();
    // meanwhile per_1 was answered in another client, and the turn asked for per_2 and a question
    calls.statuses = OpenCodeJson.readSessionStatuses(
        ("{\"" + S + "\":{\"type\":\"busy\"}}").getBytes(StandardCharsets.UTF_8));
    calls.permissions = OpenCodeJson.readPermissionRequests(("""
        [{"id":"per_2","sessionID":"ses_test","permission":"edit","patterns":["a.txt"],"always":[]},
         {"id":"per_x","sessionID":"ses_other","permission":"bash","patterns":[],"always":[]}]""")
        .getBytes(StandardCharsets.UTF_8));
    calls.questions = OpenCodeJson.readQuestionRequests(("""
        [{"id":"que_1","sessionID":"ses_test","questions":[{"question":"Which colour?","header":"Colour",
          "options":[{"label":"blue","description":"b"}]}],"tool":{"messageID":"msg_a","callID":"call_q"}}]""")
        .getBytes(StandardCharsets.UTF_8));
    channel.upstreamConnected();

    assertTrue(calls.made.containsAll(List.of("permissions", "questions")), calls.made::toString);
    assertTrue(channel.isPendingPermission("per_2"), "asked while the stream was down: the turn waits for it");
    assertTrue(channel.isPendingQuestion("que_1"));
    assertFalse(channel.isPendingPermission("per_1"), "answered meanwhile");
    assertFalse(channel.isPendingPermission("per_x"), "another session's");
    List<JsonObject> permissions = page.events.stream().filter(e -> e.type().equals("permission"))
        .map(e -> new JsonObject(e.data())).toList();
    assertEquals(List.of("per_1", "per_2"), permissions.stream().map(p -> p.getString("id")).toList());
    assertEquals("edit", permissions.get(1).getString("permission"));
    JsonObject question = page.events.stream().filter(e -> e.type().equals("question"))
        .map(e -> new JsonObject(e.data())).findFirst().orElseThrow();
    assertEquals("que_1", question.getString("id"));
    assertEquals("call_q", question.getString("callID"));
    JsonObject answered = page.events.stream().filter(e -> e.type().equals("permission-replied"))
        .map(e -> new JsonObject(e.data())).findFirst().orElseThrow();
    assertEquals(new JsonObject().put("turn", 1).put("id", "per_1").put("reply", "answered"), answered,
        "the page takes its buttons away");
    assertTrue(channel.running(), "the turn goes on, waiting");
  }

  @Test
  void anAdoptedSessionShowsItsHistory() {
    SessionChannel channel = channel(100);
    String stored = """
        [{"info":{"id":"msg_u","sessionID":"ses_test","role":"user"},
          "parts":[{"id":"prt_u","type":"text","text":"Say hi"}]},
         {"info":{"id":"msg_a","sessionID":"ses_test","role":"assistant","providerID":"mock","modelID":"m"},
          "parts":[{"id":"prt_t","type":"text","text":"Hi!"},
                   {"id":"prt_x","type":"tool","tool":"bash","callID":"c1",
                    "state":{"status":"completed","output":"ok"}}]},
         {"info":{"id":"msg_u2","sessionID":"ses_test","role":"user"},
          "parts":[{"id":"prt_u2","type":"text","text":"Again"}]},
         {"info":{"id":"msg_a2","sessionID":"ses_test","role":"assistant",
                  "error":{"name":"MessageAbortedError","data":{"message":"Aborted"}}},"parts":[]}]""";
    channel.loadHistory(OpenCodeJson.readMessages(stored.getBytes(StandardCharsets.UTF_8)));
    PageModel page = new PageModel();
    channel.attach(page, null, 1000);
    assertEquals("Hi!", page.text(1));
    assertEquals("done", page.states.get(1));
    assertEquals("aborted", page.states.get(2));
    JsonObject tool = channel.snapshot().getJsonArray("turns").getJsonObject(0).getJsonArray("items")
        .getJsonObject(1);
    assertEquals("completed", tool.getString("status"));
    assertEquals("ok", tool.getString("output"));
    assertEquals("Say hi", channel.snapshot().getJsonArray("turns").getJsonObject(0).getString("prompt"));
  }

  /**
   * A session's shared stream in memory, whose follower reads only what a test hands it: a reader that lags behind
   * the channel's own appends, and may find entries trimmed before it read them.
   */
  static final class LaggingLog implements SharedLog {
    final List<RedisRelayStore.Stored> entries = new ArrayList<>();
    Consumer<RedisRelayStore.Stored> follower;

    @Override
    public Future<String> append(String type, String data, String writer, boolean fenced) {
      int number = entries.size() + 1;
      entries.add(new RedisRelayStore.Stored(number + "-0", type, data, writer, number));
      return Future.succeededFuture(number + "-0");
    }

    @Override
    public Future<List<RedisRelayStore.Stored>> after(String afterId) {
      return Future.succeededFuture(entries.stream().filter(e -> StreamIds.compare(e.id(), afterId) > 0).toList());
    }

    @Override
    public void follow(String afterId, Consumer<RedisRelayStore.Stored> sink) {
      follower = sink;
    }

    @Override
    public void unfollow() {
      follower = null;
    }

    /** The follower reads the entries from {@code from} (0-based) on; those before it not read yet are trimmed. */
    void readFrom(int from) {
      entries.subList(from, entries.size()).forEach(follower);
    }
  }

  /**
   * The driver of a Redis-mode turn, the turn's reply appended up to its last delta while its reader has read
   * nothing of it yet (the turn still runs: the driver of an ended turn reads the stream up to now with the events
   * that come after).
   */
  SessionChannel driverAhead(LaggingLog log, PageModel page) {
    SessionChannel channel = channel(100);
    channel.share(log, 100, 1_000_000);
    channel.setDriver(true);
    channel.attach(page, null, 1000);
    start(channel, "hi", null);
    List<OpenCodeEvent> events = turn(pieces());
    events.subList(0, events.size() - 4).forEach(channel::onEvent);
    assertTrue(channel.running());
    return channel;
  }

  @Test
  void redisModeAReaderThatFellBehindItsOwnWritesSnapshotsWhatItReadAndRepeatsNothing() {
    LaggingLog log = new LaggingLog();
    PageModel page = new PageModel();
    driverAhead(log, page);
    int trimmedUpTo = log.entries.size() / 2;
    log.follower.accept(log.entries.get(0)); // the turn, then a gap: entries 2..trimmedUpTo were trimmed unread
    log.readFrom(trimmedUpTo);
    assertEquals(TEXT, page.text(1), "nothing repeated, nothing missing");
    assertEquals("Thinking", page.reasoning(1));
    assertEquals(2, page.snapshots, "the first, and the one for the entries it lost");
    assertEquals(log.entries.get(log.entries.size() - 1).id(), page.lastEventId());
  }

  @Test
  void redisModeABrowserAttachingWhileTheDriversViewsAreAheadOfItsReaderGetsItsSnapshotWhenItCaughtUp() {
    LaggingLog log = new LaggingLog();
    SessionChannel channel = driverAhead(log, new PageModel());
    PageModel late = new PageModel();
    channel.attach(late, null, 1000); // the views show the whole turn; the reader read none of it
    assertEquals(0, late.snapshots, "not before the reader is in step with the views");
    log.readFrom(0);
    assertEquals(1, late.snapshots);
    assertEquals(TEXT, late.text(1), "nothing repeated, nothing missing");
    assertEquals(log.entries.get(log.entries.size() - 1).id(), late.lastEventId());
  }
}
