package io.github.ssekit.opencode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.opencode.event.MessagePartDelta;
import io.github.ssekit.opencode.event.OpenCodeEvent;
import io.github.ssekit.opencode.event.PermissionAsked;
import io.github.ssekit.opencode.event.SessionCreated;
import io.github.ssekit.opencode.event.SessionIdle;
import io.github.ssekit.opencode.model.MessageWithParts;
import io.github.ssekit.opencode.model.OpenCodeError;
import io.github.ssekit.opencode.model.SessionStatus;
import io.github.ssekit.opencode.model.ToolStatus;
import io.github.ssekit.opencode.request.PromptBody;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.protocol.DiagnosticLimits;
import io.github.ssekit.sse.protocol.DiagnosticSummary;
import io.github.ssekit.sse.protocol.ResponseMetadata;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The turn's decisions, as tables of inputs (events of the real captures, or hand-made where the captures show
 * nothing) and, after each, the commands it asks for and the state it is in.
 */
class TurnTest {
  static final PromptBody PROMPT = PromptBody.text("Say hello");

  /** A turn with everything it told recorded. */
  static final class Run {
    final Turn turn;
    final List<ReplyDelta> deltas = new ArrayList<>();
    final List<ReplyDelta> replaced = new ArrayList<>();
    final List<Reply.ToolCall> toolCalls = new ArrayList<>();
    final List<PendingRequest> waited = new ArrayList<>();
    final List<TurnState> states = new ArrayList<>();
    final List<Diagnostic> diagnostics = new ArrayList<>();
    final List<TurnCommand> commands = new ArrayList<>();

    Run(String session) {
      turn = Turn.of(session, PROMPT).onDelta(deltas::add).onTextReplaced(replaced::add).onToolCall(toolCalls::add)
          .onWaiting(waited::add).onStateChange(states::add).onDiagnostic(diagnostics::add);
    }

    String streamed() {
      return deltas.stream().filter(d -> d.kind() == ReplyDelta.Kind.TEXT).map(ReplyDelta::text)
          .collect(Collectors.joining());
    }

    List<TurnCommand> of(Class<? extends TurnCommand> type) {
      return commands.stream().filter(type::isInstance).collect(Collectors.toList());
    }

    Reply completed() {
      List<TurnCommand> completes = of(TurnCommand.Complete.class);
      assertEquals(1, completes.size(), "one Complete: " + commands);
      return ((TurnCommand.Complete) completes.get(0)).reply();
    }
  }

  /** One input to a turn, the commands expected from it (by name) and the state expected after it. */
  record Step(String input, Function<Turn, List<TurnCommand>> feed, List<String> commands, TurnState state) {
    @Override
    public String toString() {
      return input;
    }
  }

  static Step step(String input, Function<Turn, List<TurnCommand>> feed, String commands, TurnState state) {
    return new Step(input, feed, commands.isEmpty() ? List.of() : List.of(commands.split(" ")), state);
  }

  /** A command by name: the record's simple name, and for a failure its reason. */
  static String name(TurnCommand command) {
    return command instanceof TurnCommand.Fail fail ? "Fail:" + fail.reason() : command.getClass().getSimpleName();
  }

  /** Feeds events in order, answering the commands of all of them. */
  static Function<Turn, List<TurnCommand>> events(List<OpenCodeEvent> events) {
    return turn -> {
      List<TurnCommand> commands = new ArrayList<>();
      events.forEach(e -> commands.addAll(turn.onEvent(e)));
      return commands;
    };
  }

  static Function<Turn, List<TurnCommand>> events(OpenCodeEvent... events) {
    return events(List.of(events));
  }

  // ---- captures ----

  static String onlySession(List<OpenCodeEvent> events) {
    return events.stream().filter(e -> e instanceof SessionCreated).map(e -> e.sessionID().orElseThrow())
        .reduce((a, b) -> {
          throw new AssertionError("two sessions");
        }).orElseThrow();
  }

  /** The capture's events after its own {@code server.connected} (the turn's first step connects it). */
  static List<OpenCodeEvent> capture(String name) {
    List<OpenCodeEvent> events = Captures.events(name);
    return events.subList(1, events.size());
  }

  static int indexOf(List<OpenCodeEvent> events, Predicate<OpenCodeEvent> which) {
    return IntStream.range(0, events.size()).filter(i -> which.test(events.get(i))).findFirst().orElseThrow();
  }

  static List<MessageWithParts> stored(String name) {
    return OpenCodeJson.readMessages(Captures.bytes(name));
  }

  // ---- hand-made events ----

  static OpenCodeEvent event(String type, String properties) {
    return Captures.decodeData("{\"id\":\"evt_x\",\"type\":\"" + type + "\",\"properties\":" + properties + "}")
        .value().orElseThrow();
  }

  static final String S = "ses_a";
  static final OpenCodeEvent CONNECTED = event("server.connected", "{}");
  static final OpenCodeEvent BUSY = event("session.status", "{\"sessionID\":\"ses_a\",\"status\":{\"type\":\"busy\"}}");
  static final OpenCodeEvent IDLE = event("session.idle", "{\"sessionID\":\"ses_a\"}");
  static final OpenCodeEvent ABORTED = event("session.error", "{\"sessionID\":\"ses_a\",\"error\":"
      + "{\"name\":\"MessageAbortedError\",\"data\":{\"message\":\"Aborted\"}}}");
  static final OpenCodeEvent ASSISTANT = event("message.updated", "{\"sessionID\":\"ses_a\",\"info\":{\"id\":\"msg_1\","
      + "\"sessionID\":\"ses_a\",\"role\":\"assistant\",\"parentID\":\"msg_u\"}}");
  static final OpenCodeEvent TEXT_PART = event("message.part.updated", "{\"sessionID\":\"ses_a\",\"part\":"
      + "{\"id\":\"prt_t\",\"messageID\":\"msg_1\",\"sessionID\":\"ses_a\",\"type\":\"text\",\"text\":\"\"}}");

  static OpenCodeEvent delta(String text) {
    return event("message.part.delta", "{\"sessionID\":\"ses_a\",\"messageID\":\"msg_1\",\"partID\":\"prt_t\","
        + "\"field\":\"text\",\"delta\":\"" + text + "\"}");
  }

  static OpenCodeEvent question(String type, String id) {
    return event(type, "{\"id\":\"" + id + "\",\"requestID\":\"" + id + "\",\"sessionID\":\"ses_a\",\"questions\":"
        + "[{\"question\":\"Which colour?\",\"header\":\"Colour\",\"options\":[{\"label\":\"blue\","
        + "\"description\":\"b\"}]}],\"answers\":[[\"blue\"]]}");
  }

  static final Map<String, SessionStatus> ALL_IDLE = Map.of();

  static Map<String, SessionStatus> busy(String session) {
    return OpenCodeJson.readSessionStatuses(("{\"" + session + "\":{\"type\":\"busy\"}}").getBytes());
  }

  static final Step CONNECT = step("server.connected", Turn::onConnected, "SendPrompt", TurnState.PROMPT_SENT);
  static final Step ACCEPT = step("prompt accepted", Turn::onPromptAccepted, "", TurnState.PROMPT_ACCEPTED);

  // ---- the table ----

  record Case(String name, String session, List<Step> steps, Consumer<Run> then) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() {
    List<OpenCodeEvent> c01 = capture("01_event_prompt_sync_nested.raw");
    List<OpenCodeEvent> c07 = capture("07_permission_flow_event.raw");
    int asked = indexOf(c07, e -> e instanceof PermissionAsked);
    List<OpenCodeEvent> c09 = capture("09_abort_event.raw");
    int firstDelta09 = indexOf(c09, e -> e instanceof MessagePartDelta);
    int firstIdle09 = indexOf(c09, e -> e instanceof SessionIdle);
    int firstDelta01 = indexOf(c01, e -> e instanceof MessagePartDelta);
    List<OpenCodeEvent> c18 = capture("18_provider_http_errors_event.raw");
    String first18 = c18.stream().filter(e -> e instanceof SessionCreated).findFirst().orElseThrow().sessionID()
        .orElseThrow();
    List<OpenCodeEvent> c02 = capture("02_event_flat_model_and_async.raw");
    String s02 = c02.stream().filter(e -> e instanceof SessionCreated).map(e -> e.sessionID().orElseThrow())
        .reduce((a, b) -> b).orElseThrow();
    int firstIdle02 = indexOf(c02, e -> e instanceof SessionIdle && e.sessionID().orElse("").equals(s02));

    return Stream.of(
        new Case("a whole turn (01)", onlySession(c01), List.of(CONNECT, ACCEPT,
            step("the capture", events(c01), "Complete", TurnState.DONE)),
            run -> {
              assertEquals("Hello from mock!", run.completed().text());
              assertEquals("Hello from mock!", run.streamed());
              assertEquals(List.of(TurnState.PROMPT_SENT, TurnState.PROMPT_ACCEPTED, TurnState.STREAMING,
                  TurnState.DONE), run.states);
            }),
        new Case("waiting for a permission (07)", onlySession(c07), List.of(CONNECT, ACCEPT,
            step("up to permission.asked", events(c07.subList(0, asked + 1)), "", TurnState.WAITING),
            step("permission.replied", events(c07.get(asked + 1)), "", TurnState.STREAMING),
            step("the rest", events(c07.subList(asked + 2, c07.size())), "Complete", TurnState.DONE)),
            run -> {
              assertEquals(1, run.waited.size());
              PendingRequest.Permission permission = assertInstanceOf(PendingRequest.Permission.class,
                  run.waited.get(0));
              assertEquals(Optional.of("bash"), permission.request().permission());
              assertEquals(List.of(), run.turn.pending());
              assertEquals(Optional.of(ToolStatus.COMPLETED), run.completed().toolCalls().get(0).status());
            }),
        new Case("waiting for a question, answered", S, List.of(CONNECT, ACCEPT,
            step("busy", events(BUSY), "", TurnState.STREAMING),
            step("question.asked", events(question("question.asked", "que_1")), "", TurnState.WAITING),
            step("question.asked again", events(question("question.asked", "que_1")), "", TurnState.WAITING),
            step("question.replied", events(question("question.replied", "que_1")), "", TurnState.STREAMING),
            step("session.idle", events(IDLE), "Complete", TurnState.DONE)),
            run -> {
              assertEquals(1, run.waited.size(), "told once");
              assertEquals("que_1", run.waited.get(0).id());
              assertEquals(List.of(TurnState.PROMPT_SENT, TurnState.PROMPT_ACCEPTED, TurnState.STREAMING,
                  TurnState.WAITING, TurnState.STREAMING, TurnState.DONE), run.states);
            }),
        new Case("a question dismissed, then a permission for another session", S, List.of(CONNECT, ACCEPT,
            step("question.asked", events(question("question.asked", "que_1")), "", TurnState.WAITING),
            step("question.rejected", events(question("question.rejected", "que_1")), "", TurnState.PROMPT_ACCEPTED),
            step("another session's permission", events(event("permission.asked", "{\"id\":\"per_9\","
                + "\"sessionID\":\"ses_other\",\"permission\":\"bash\"}")), "", TurnState.PROMPT_ACCEPTED)),
            run -> assertEquals(1, run.waited.size())),
        new Case("the v2 forms of questions and permissions", S, List.of(CONNECT, ACCEPT,
            step("question.v2.asked", events(question("question.v2.asked", "que_2")), "", TurnState.WAITING),
            step("permission.v2.asked", events(event("permission.v2.asked", "{\"id\":\"per_2\","
                + "\"sessionID\":\"ses_a\",\"action\":\"bash\",\"resources\":[\"ls\"],\"save\":[\"ls *\"]}")),
                "", TurnState.WAITING),
            step("question.v2.replied", events(question("question.v2.replied", "que_2")), "", TurnState.WAITING),
            step("permission.v2.replied", events(event("permission.v2.replied", "{\"sessionID\":\"ses_a\","
                + "\"requestID\":\"per_2\",\"reply\":\"once\"}")), "", TurnState.PROMPT_ACCEPTED)),
            run -> {
              assertEquals(List.of("que_2", "per_2"), run.waited.stream().map(PendingRequest::id).toList());
              PendingRequest.Permission permission = assertInstanceOf(PendingRequest.Permission.class,
                  run.waited.get(1));
              assertEquals(Optional.of("bash"), permission.request().permission());
              assertEquals(List.of("ls"), permission.request().patterns());
              assertEquals(List.of("ls *"), permission.request().always());
            }),
        new Case("after a reconnection, what is pending is re-read", S, List.of(CONNECT, ACCEPT,
            step("busy, a question asked", events(BUSY, question("question.asked", "que_1")), "", TurnState.WAITING),
            step("reconnecting", Turn::onReconnecting, "", TurnState.WAITING),
            step("server.connected", Turn::onConnected, "FetchStatus FetchPending", TurnState.WAITING),
            step("pending: que_1 answered meanwhile, per_3 asked; another session's q_9", t -> t.onPendingRequests(
                OpenCodeJson.readPermissionRequests(("[{\"id\":\"per_3\",\"sessionID\":\"ses_a\","
                    + "\"permission\":\"edit\"}]").getBytes()),
                OpenCodeJson.readQuestionRequests(("[{\"id\":\"que_9\",\"sessionID\":\"ses_b\","
                    + "\"questions\":[]}]").getBytes())), "", TurnState.WAITING),
            step("status: busy", t -> t.onSessionStatuses(busy(S)), "FetchMessages", TurnState.WAITING),
            step("stored messages", t -> t.onStoredMessages(List.of()), "", TurnState.WAITING),
            step("permission.replied", events(event("permission.replied", "{\"sessionID\":\"ses_a\","
                + "\"requestID\":\"per_3\",\"reply\":\"once\"}")), "", TurnState.STREAMING),
            step("session.idle", events(IDLE), "Complete", TurnState.DONE)),
            run -> assertEquals(List.of("que_1", "per_3"), run.waited.stream().map(PendingRequest::id).toList())),
        new Case("a pending list before the prompt was accepted changes nothing", S, List.of(CONNECT,
            step("pending", t -> t.onPendingRequests(List.of(), OpenCodeJson.readQuestionRequests(
                "[{\"id\":\"que_1\",\"sessionID\":\"ses_a\",\"questions\":[]}]".getBytes())), "",
                TurnState.PROMPT_SENT)),
            run -> assertEquals(List.of(), run.waited)),
        new Case("a previous turn's late message after this turn's prompt is not this reply's", S, List.of(CONNECT,
            ACCEPT,
            step("the prompt", events(event("message.updated", "{\"sessionID\":\"ses_a\",\"info\":{\"id\":\"msg_u\","
                + "\"sessionID\":\"ses_a\",\"role\":\"user\"}}")), "", TurnState.PROMPT_ACCEPTED),
            step("the aborted previous turn's message and text", events(
                event("message.updated", "{\"sessionID\":\"ses_a\",\"info\":{\"id\":\"msg_old\",\"sessionID\":"
                    + "\"ses_a\",\"role\":\"assistant\",\"parentID\":\"msg_prev\",\"error\":{\"name\":"
                    + "\"MessageAbortedError\",\"data\":{}}}}"),
                event("message.part.updated", "{\"sessionID\":\"ses_a\",\"part\":{\"id\":\"prt_old\","
                    + "\"messageID\":\"msg_old\",\"sessionID\":\"ses_a\",\"type\":\"text\",\"text\":\"old\"}}")),
                "", TurnState.PROMPT_ACCEPTED),
            step("this turn", events(BUSY, ASSISTANT, TEXT_PART, delta("new")), "", TurnState.STREAMING),
            step("idle", events(IDLE), "Complete", TurnState.DONE)),
            run -> {
              assertEquals("new", run.completed().text());
              assertEquals("new", run.streamed());
              assertTrue(run.completed().error().isEmpty(), "the previous turn's abort is not this reply's error");
            }),
        new Case("abort after the prompt; session.idle twice (09)", onlySession(c09), List.of(CONNECT, ACCEPT,
            step("up to the first delta", events(c09.subList(0, firstDelta09 + 1)), "", TurnState.STREAMING),
            step("cancel", Turn::cancel, "SendAbort", TurnState.STREAMING),
            step("cancel again", Turn::cancel, "", TurnState.STREAMING),
            step("up to the first idle", events(c09.subList(firstDelta09 + 1, firstIdle09 + 1)), "Complete",
                TurnState.ABORTED),
            step("the rest, with the second idle", events(c09.subList(firstIdle09 + 1, c09.size())), "",
                TurnState.ABORTED),
            step("cancel once over", Turn::cancel, "", TurnState.ABORTED)),
            run -> {
              Reply reply = run.completed();
              assertEquals("Hello", reply.text());
              assertTrue(reply.error().orElseThrow().is(OpenCodeError.MESSAGE_ABORTED_ERROR));
            }),
        new Case("abort before the prompt was sent", S, List.of(
            step("cancel", Turn::cancel, "Fail:CANCELLED", TurnState.ABORTED),
            step("server.connected", Turn::onConnected, "", TurnState.ABORTED)),
            run -> {
              TurnCommand.Fail fail = (TurnCommand.Fail) run.of(TurnCommand.Fail.class).get(0);
              assertInstanceOf(CancellationException.class, fail.cause());
              assertTrue(run.of(TurnCommand.SendPrompt.class).isEmpty(), "nothing sent");
            }),
        new Case("abort while the prompt is in flight", S, List.of(CONNECT,
            step("cancel", Turn::cancel, "", TurnState.PROMPT_SENT),
            step("prompt accepted", Turn::onPromptAccepted, "SendAbort", TurnState.PROMPT_ACCEPTED),
            step("session.error, idle", events(ABORTED, IDLE), "Complete", TurnState.ABORTED)),
            run -> assertEquals(1, run.of(TurnCommand.SendAbort.class).size())),
        new Case("abort while the prompt is in flight, prompt refused", S, List.of(CONNECT,
            step("cancel", Turn::cancel, "", TurnState.PROMPT_SENT),
            step("prompt refused", t -> t.onPromptFailed(new IllegalStateException("HTTP 400")), "Fail:PROMPT_FAILED",
                TurnState.FAILED)),
            run -> assertTrue(run.of(TurnCommand.SendAbort.class).isEmpty(), "nothing to abort")),
        new Case("events before the prompt are not the turn's (02: the previous turn's)", s02, List.of(
            step("the previous turn", events(c02.subList(0, firstIdle02 + 1)), "", TurnState.CONNECTING),
            CONNECT, ACCEPT,
            step("the second prompt's events", events(c02.subList(firstIdle02 + 1, c02.size())), "Complete",
                TurnState.FAILED)),
            run -> {
              Reply reply = run.completed();
              assertEquals("", reply.text(), "nothing of the previous turn");
              assertEquals("Model not found: mock/does-not-exist.", reply.error().orElseThrow().message().orElseThrow());
            }),
        new Case("an idle before the turn started is not its end", S, List.of(CONNECT, ACCEPT,
            step("a stale idle", events(IDLE), "", TurnState.PROMPT_ACCEPTED),
            step("busy", events(BUSY), "", TurnState.STREAMING),
            step("idle", events(IDLE), "Complete", TurnState.DONE)),
            run -> assertEquals(List.of(OpenCodeDiagnostics.IDLE_BEFORE_TURN),
                run.diagnostics.stream().map(Diagnostic::code).collect(Collectors.toList()))),
        new Case("events before prompt_async answered", S, List.of(CONNECT,
            step("busy", events(BUSY), "", TurnState.STREAMING),
            step("prompt accepted", Turn::onPromptAccepted, "", TurnState.STREAMING),
            step("idle", events(IDLE), "Complete", TurnState.DONE)),
            run -> { }),
        new Case("a provider error (18)", first18, List.of(CONNECT, ACCEPT,
            step("the capture", events(c18), "Complete", TurnState.FAILED)),
            run -> assertEquals(Optional.of(401), run.completed().error().orElseThrow().statusCode())),
        new Case("reconnect before the prompt was sent", S, List.of(
            step("reconnecting", Turn::onReconnecting, "", TurnState.CONNECTING),
            CONNECT, ACCEPT,
            step("busy, idle", events(BUSY, IDLE), "Complete", TurnState.DONE)),
            run -> assertTrue(run.of(TurnCommand.FetchStatus.class).isEmpty(), "nothing to resync")),
        new Case("reconnect while the prompt is in flight", S, List.of(CONNECT,
            step("reconnecting", Turn::onReconnecting, "", TurnState.PROMPT_SENT),
            step("server.connected", Turn::onConnected, "", TurnState.PROMPT_SENT),
            step("prompt accepted", Turn::onPromptAccepted, "FetchStatus FetchPending", TurnState.PROMPT_ACCEPTED),
            step("status: idle", t -> t.onSessionStatuses(ALL_IDLE), "FetchMessages", TurnState.PROMPT_ACCEPTED),
            step("stored messages", t -> t.onStoredMessages(List.of()), "Complete", TurnState.DONE)),
            run -> assertTrue(run.completed().done())),
        new Case("reconnect mid-turn, still busy (01)", onlySession(c01), List.of(CONNECT, ACCEPT,
            step("up to the first delta", events(c01.subList(0, firstDelta01 + 1)), "", TurnState.STREAMING),
            step("reconnecting", Turn::onReconnecting, "", TurnState.STREAMING),
            step("server.connected", events(CONNECTED), "FetchStatus FetchPending", TurnState.STREAMING),
            step("status: busy", t -> t.onSessionStatuses(busy(onlySession(c01))), "FetchMessages",
                TurnState.STREAMING),
            step("a snapshot: the text part just started", t -> t.onStoredMessages(List.of()), "",
                TurnState.STREAMING),
            step("the rest, a delta lost", events(c01.subList(firstDelta01 + 2, c01.size())), "Complete",
                TurnState.DONE)),
            run -> {
              assertEquals("Hello from mock!", run.completed().text());
              assertEquals("Hello from mock!", run.streamed(), "the lost delta came with the final text, once");
            }),
        new Case("the end waits for the resync under way", onlySession(c01), List.of(CONNECT, ACCEPT,
            step("up to the first delta", events(c01.subList(0, firstDelta01 + 1)), "", TurnState.STREAMING),
            step("reconnecting", Turn::onReconnecting, "", TurnState.STREAMING),
            step("server.connected", Turn::onConnected, "FetchStatus FetchPending", TurnState.STREAMING),
            step("idle, the rest lost", events(c01.get(c01.size() - 1), idleOf(c01)), "", TurnState.STREAMING),
            step("status: idle", t -> t.onSessionStatuses(ALL_IDLE), "FetchMessages", TurnState.STREAMING),
            step("stored messages", t -> t.onStoredMessages(storedOf01()), "Complete", TurnState.DONE)),
            run -> {
              assertEquals("Hello from mock!", run.completed().text());
              assertEquals("Hello from mock!", run.streamed());
            }),
        new Case("session.idle twice (04: a provider stream quirk)", onlySession(capture("04_named_sse_event_event.raw")),
            List.of(CONNECT, ACCEPT, step("the capture", events(capture("04_named_sse_event_event.raw")), "Complete",
                TurnState.FAILED)),
            run -> assertEquals("UnknownError", run.completed().error().orElseThrow().nameOrEmpty())),
        new Case("the reply grows past its limit", S, List.of(CONNECT, ACCEPT,
            step("limit 5", t -> {
              t.maxReplyChars(5);
              return List.of();
            }, "", TurnState.PROMPT_ACCEPTED),
            step("Hel, lo", events(ASSISTANT, TEXT_PART, delta("Hel"), delta("lo")), "", TurnState.STREAMING),
            step("!", events(delta("!")), "SendAbort Fail:REPLY_TOO_LARGE", TurnState.FAILED),
            step("cancel", Turn::cancel, "", TurnState.FAILED)),
            run -> {
              assertEquals("Hello", run.streamed(), "the delta past the limit is not told");
              TurnCommand.Fail fail = (TurnCommand.Fail) run.of(TurnCommand.Fail.class).get(0);
              assertInstanceOf(SseException.class, fail.cause());
            }),
        new Case("the event stream fails", S, List.of(CONNECT, ACCEPT,
            step("failed", t -> t.onStreamFailed(new IOException("reset")), "Fail:STREAM_FAILED", TurnState.FAILED),
            step("idle", events(BUSY, IDLE), "", TurnState.FAILED)),
            run -> assertTrue(run.of(TurnCommand.SendAbort.class).isEmpty())),
        new Case("the resync fails", S, List.of(CONNECT, ACCEPT,
            step("reconnecting", Turn::onReconnecting, "", TurnState.PROMPT_ACCEPTED),
            step("server.connected", Turn::onConnected, "FetchStatus FetchPending", TurnState.PROMPT_ACCEPTED),
            step("status failed", t -> t.onFetchFailed(new IOException("HTTP 500")), "Fail:RESYNC_FAILED",
                TurnState.FAILED)),
            run -> { }),
        new Case("the driver gives up", S, List.of(CONNECT, ACCEPT,
            step("abandon", t -> t.abandon(new IllegalStateException("closed")), "Fail:ABANDONED", TurnState.FAILED)),
            run -> { }),
        new Case("answers nobody asked for change nothing", S, List.of(CONNECT, ACCEPT,
            step("status", t -> t.onSessionStatuses(ALL_IDLE), "", TurnState.PROMPT_ACCEPTED),
            step("messages", t -> t.onStoredMessages(List.of()), "", TurnState.PROMPT_ACCEPTED),
            step("prompt accepted again", Turn::onPromptAccepted, "", TurnState.PROMPT_ACCEPTED),
            step("server.connected again", Turn::onConnected, "", TurnState.PROMPT_ACCEPTED)),
            run -> { })
    ).map(Arguments::of);
  }

  private static OpenCodeEvent idleOf(List<OpenCodeEvent> events) {
    return events.stream().filter(e -> e instanceof SessionIdle).findFirst().orElseThrow();
  }

  /** 01 as {@code GET /session/{id}/message} would answer: the user message, then the synchronous prompt's answer. */
  private static List<MessageWithParts> storedOf01() {
    String answer = new String(Captures.bytes("01_prompt_sync_nested_response.json"),
        java.nio.charset.StandardCharsets.UTF_8);
    String session = Captures.json("01_prompt_sync_nested_response.json").at("/info/sessionID").asText();
    String user = "{\"info\":{\"id\":\"msg_user\",\"sessionID\":\"" + session + "\",\"role\":\"user\"},\"parts\":[]}";
    return OpenCodeJson.readMessages(("[" + user + "," + answer + "]").getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decides(Case c) {
    Run run = new Run(c.session());
    for (Step step : c.steps()) {
      List<TurnCommand> commands = step.feed().apply(run.turn);
      run.commands.addAll(commands);
      assertEquals(step.commands(), commands.stream().map(TurnTest::name).collect(Collectors.toList()),
          () -> "commands after " + step + " in " + c);
      assertEquals(step.state(), run.turn.state(), () -> "state after " + step + " in " + c);
    }
    c.then().accept(run);
  }

  // ---- reconnection at every point of a turn ----

  /** A driver that answers the resync commands as the server would, the turn having ended while disconnected. */
  private static void drive(Run run, List<TurnCommand> commands, Map<String, SessionStatus> status,
      List<MessageWithParts> stored) {
    for (TurnCommand command : commands) {
      run.commands.add(command);
      if (command instanceof TurnCommand.FetchStatus) {
        drive(run, run.turn.onSessionStatuses(status), status, stored);
      } else if (command instanceof TurnCommand.FetchMessages) {
        drive(run, run.turn.onStoredMessages(stored), status, stored);
      }
    }
  }

  static Stream<Arguments> cutPoints() {
    return Stream.of("07_permission_flow", "04_named_sse_event").flatMap(name -> {
      int size = capture(name + "_event.raw").size();
      return IntStream.rangeClosed(0, size).mapToObj(cut -> Arguments.of(name, cut));
    });
  }

  /**
   * The stream is lost after {@code cut} events and the rest of the turn happens while it is down: the turn ends
   * from the stored messages with the whole reply, each piece of text told once.
   */
  @ParameterizedTest(name = "{0} lost after {1} events, idle meanwhile")
  @MethodSource("cutPoints")
  void aTurnThatEndedWhileDisconnectedEndsFromTheStoredMessages(String name, int cut) {
    List<OpenCodeEvent> events = capture(name + "_event.raw");
    List<MessageWithParts> stored = stored(name + "_messages.json");
    Run run = new Run(onlySession(events));
    drive(run, run.turn.onConnected(), ALL_IDLE, stored);
    drive(run, run.turn.onPromptAccepted(), ALL_IDLE, stored);
    events.subList(0, cut).forEach(e -> drive(run, run.turn.onEvent(e), ALL_IDLE, stored));
    drive(run, run.turn.onReconnecting(), ALL_IDLE, stored);
    drive(run, run.turn.onEvent(CONNECTED), ALL_IDLE, stored);

    Reply reply = run.completed();
    String expected = stored.get(stored.size() - 1).text();
    assertEquals(expected, reply.text());
    assertEquals(expected, run.streamed(), "text told once");
    assertTrue(reply.done());
    assertTrue(run.turn.state().isTerminal());
    if (name.startsWith("07")) {
      assertEquals(Optional.of(ToolStatus.COMPLETED), reply.toolCalls().get(0).status());
      assertEquals(TurnState.DONE, run.turn.state());
    } else {
      assertEquals("UnknownError", reply.error().orElseThrow().nameOrEmpty());
      assertEquals(TurnState.FAILED, run.turn.state());
    }
  }

  /**
   * The stream is lost after {@code cut} events, three events are lost, the session is still busy: the stored
   * messages (read here in their final state, the worst case) and the events that follow make up the reply, with
   * no text told twice and no tool call going back.
   */
  @ParameterizedTest(name = "{0} lost after {1} events, busy")
  @MethodSource("cutPoints")
  void aTurnStillRunningAfterAReconnectionMergesTheStoredMessagesWithTheEventsThatFollow(String name, int cut) {
    List<OpenCodeEvent> events = capture(name + "_event.raw");
    String session = onlySession(events);
    List<MessageWithParts> stored = stored(name + "_messages.json");
    Run run = new Run(session);
    drive(run, run.turn.onConnected(), busy(session), stored);
    drive(run, run.turn.onPromptAccepted(), busy(session), stored);
    events.subList(0, cut).forEach(e -> drive(run, run.turn.onEvent(e), busy(session), stored));
    drive(run, run.turn.onReconnecting(), busy(session), stored);
    drive(run, run.turn.onEvent(CONNECTED), busy(session), stored);
    events.subList(Math.min(cut + 3, events.size()), events.size())
        .forEach(e -> drive(run, run.turn.onEvent(e), busy(session), stored));

    String expected = stored.get(stored.size() - 1).text();
    Reply reply = run.turn.reply();
    assertEquals(expected, reply.text());
    assertEquals(expected, run.streamed(), "text told once");
    assertTrue(run.of(TurnCommand.Complete.class).size() <= 1);
    if (name.startsWith("07")) {
      assertEquals(Optional.of(ToolStatus.COMPLETED), reply.toolCalls().get(0).status());
      List<ToolStatus> told = run.toolCalls.stream().map(c -> c.status().orElseThrow()).collect(Collectors.toList());
      int completedAt = told.indexOf(ToolStatus.COMPLETED);
      assertTrue(told.subList(completedAt, told.size()).stream().allMatch(ToolStatus.COMPLETED::equals),
          () -> "no tool call went back: " + told);
    }
  }

  @Test
  void eachDiagnosticCodeIsToldOnceTheDecodersIncludedAndTheReplyCountsThemAll() {
    Run run = new Run(S);
    List<Diagnostic> every = new ArrayList<>();
    run.turn.onEveryDiagnostic(every::add);
    Diagnostic decoder = Diagnostic.of(OpenCodeDiagnostics.V2_ENVELOPE, "a v2 envelope", "{}");
    assertEquals(List.of(), run.turn.onStreamDiagnostic(decoder), "a diagnostic asks for nothing");
    run.turn.onConnected();
    run.turn.onPromptAccepted();
    run.turn.onEvent(ASSISTANT);
    int repeats = 50;
    for (int i = 0; i < repeats; i++) {
      run.turn.onStreamDiagnostic(decoder);
      run.turn.onEvent(event("message.part.delta", "{\"sessionID\":\"ses_a\",\"messageID\":\"msg_1\","
          + "\"partID\":\"prt_x\",\"field\":\"metadata\",\"delta\":\"x\"}"));
    }
    run.commands.addAll(run.turn.onEvent(IDLE));

    assertEquals(List.of(OpenCodeDiagnostics.V2_ENVELOPE, OpenCodeDiagnostics.DELTA_FIELD_IGNORED),
        run.diagnostics.stream().map(Diagnostic::code).collect(Collectors.toList()), "each code told once");
    assertEquals(2 * repeats + 1, every.size(), "every occurrence to onEveryDiagnostic");
    Reply reply = run.completed();
    assertEquals(List.of(repeats + 1L, (long) repeats),
        reply.diagnostics().stream().map(DiagnosticSummary::count).collect(Collectors.toList()));
    assertEquals(reply.diagnostics(), run.turn.diagnostics());
    assertEquals(2 * DiagnosticLimits.DEFAULT_MAX_OCCURRENCES_PER_CODE, reply.diagnosticOccurrences().size());
    assertEquals(2 * repeats + 1 - reply.diagnosticOccurrences().size(), reply.diagnosticOccurrencesNotKept());
    assertEquals(List.of(), run.turn.onStreamDiagnostic(decoder));
    assertEquals(repeats + 1, run.turn.diagnostics().get(0).count(), "nothing recorded once the turn is over");
  }

  @Test
  void anExpiredDeadlineAbortsAndCompletesWithThePartialReply() {
    Run run = new Run(S);
    run.turn.onConnected();
    run.turn.onPromptAccepted();
    run.turn.onEvent(ASSISTANT);
    run.turn.onEvent(TEXT_PART);
    run.turn.onEvent(delta("so far"));
    List<TurnCommand> commands = run.turn.deadlineExpired();
    assertEquals(2, commands.size(), commands.toString());
    assertTrue(commands.get(0) instanceof TurnCommand.SendAbort, commands.toString());
    Reply reply = ((TurnCommand.Complete) commands.get(1)).reply();
    assertEquals("so far", reply.text());
    assertTrue(!reply.done());
    assertEquals(List.of(), run.turn.deadlineExpired(), "a late expiry changes nothing");
    assertEquals(List.of(), run.turn.onEvent(IDLE));
  }

  @Test
  void theResponseThatAcceptedThePromptIsOnTheReplyWhicheverWayTheTurnEnds() {
    ResponseMetadata accepted = new ResponseMetadata(204, Map.of("X-Request-Id", List.of("req_1")), 0);
    Run done = new Run(S);
    done.turn.onConnected();
    done.turn.onPromptAccepted(accepted);
    done.turn.onEvent(ASSISTANT);
    assertEquals(accepted, done.turn.reply().responseMetadata(), "on the reply so far too");
    done.commands.addAll(done.turn.onEvent(IDLE));
    assertEquals(accepted, done.completed().responseMetadata());
    assertEquals(Optional.of("req_1"), done.completed().responseMetadata().requestId());

    Run expired = new Run(S);
    expired.turn.onConnected();
    expired.turn.onPromptAccepted(accepted);
    expired.commands.addAll(expired.turn.deadlineExpired());
    assertEquals(204, expired.completed().responseMetadata().status());

    Run unknown = new Run(S);
    unknown.turn.onConnected();
    unknown.turn.onPromptAccepted();
    unknown.turn.onEvent(ASSISTANT);
    unknown.commands.addAll(unknown.turn.onEvent(IDLE));
    assertEquals(ResponseMetadata.NONE, unknown.completed().responseMetadata(), "none handed to the turn");
  }

  @Test
  void aDeadlineBeforeThePromptWasSentSendsNothing() {
    Run run = new Run(S);
    List<TurnCommand> commands = run.turn.deadlineExpired();
    assertEquals(1, commands.size(), commands.toString());
    assertTrue(commands.get(0) instanceof TurnCommand.Complete, commands.toString());
  }

  @Test
  void toStringShowsNoPromptAndNoReplyText() {
    Run run = new Run(S);
    run.turn.onConnected();
    run.turn.onPromptAccepted();
    run.turn.onEvent(ASSISTANT);
    run.turn.onEvent(TEXT_PART);
    run.turn.onEvent(delta("secret reply"));
    String text = run.turn + " " + run.commands + " " + new TurnCommand.SendPrompt(PromptBody.text("secret prompt"));
    assertTrue(!text.contains("secret"), text);
    assertTrue(run.turn.toString().contains("STREAMING"), run.turn.toString());
  }
}
