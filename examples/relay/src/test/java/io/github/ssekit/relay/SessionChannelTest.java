package io.github.ssekit.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.opencode.ModelRef;
import io.github.ssekit.opencode.OpenCodeJson;
import io.github.ssekit.opencode.OpenCodeProtocol;
import io.github.ssekit.opencode.event.OpenCodeEvent;
import io.github.ssekit.sse.SseEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The relay's per-session logic without HTTP: what browsers are sent, and how a reconnecting one catches up. */
class SessionChannelTest {
  static final String S = "ses_test";
  static final String TEXT = "Hello wörld, <b>not bold</b>\nsecond line";
  final List<Boolean> holds = new ArrayList<>();

  SessionChannel channel(int maxEvents) {
    return new SessionChannel(S, "/tmp/project", new ReplayBuffer("ep", maxEvents, 1_000_000), holds::add);
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
    channel.startTurn("hi", ModelRef.of("mock", "mock-normal"));
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
    channel.startTurn("hi", null);
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
    channel.startTurn("hi", null);
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
    channel.startTurn("first", null);
    turn(List.of("One.")).forEach(channel::onEvent);
    channel.startTurn("second", null);
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
    channel.startTurn("hi", null);
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
    channel.startTurn("run it", null);
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
    channel.startTurn("slowly", null);
    channel.promptSent();
    assertTrue(channel.promptWasSent());
    turn(List.of("Hello")).subList(0, 8).forEach(channel::onEvent);
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
  void aTurnTheRelayCouldNotSendFailsWithItsReason() {
    SessionChannel channel = channel(100);
    PageModel page = new PageModel();
    channel.attach(page, null, 1000);
    channel.startTurn("hi", null);
    channel.failTurn("PromptError", "The prompt could not be sent: HTTP 400");
    assertEquals("failed", page.states.get(1));
    assertEquals("The prompt could not be sent: HTTP 400", channel.snapshot().getJsonArray("turns")
        .getJsonObject(0).getJsonObject("error").getString("message"));
    channel.startTurn("again", null); // the session is free for the next prompt
    assertTrue(channel.running());
  }

  @Test
  void aFinalTextThatContradictsTheDeltasReplacesIt() {
    SessionChannel channel = channel(100);
    PageModel page = new PageModel();
    channel.attach(page, null, 1000);
    channel.startTurn("hi", null);
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
    channel.startTurn("hi", null);
    channel.promptSent();
    turn(List.of("Hel", "lo")).subList(0, 8).forEach(channel::onEvent); // "Hel"; then the stream was lost
    String stored = """
        [{"info":{"id":"msg_u","sessionID":"ses_test","role":"user"},"parts":[]},
         {"info":{"id":"msg_a","sessionID":"ses_test","role":"assistant","providerID":"mock","modelID":"mock-normal"},
          "parts":[{"id":"prt_t","messageID":"msg_a","sessionID":"ses_test","type":"text","text":"Hello",
                    "time":{"start":1,"end":2}}]}]""";
    channel.finishFromMessages(OpenCodeJson.readMessages(stored.getBytes(StandardCharsets.UTF_8)));
    assertEquals("Hello", page.text(1));
    assertEquals("done", page.states.get(1));
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
}
