package io.github.ssekit.relay;

import io.github.ssekit.opencode.ModelRef;
import io.github.ssekit.opencode.PendingRequest;
import io.github.ssekit.opencode.Reply;
import io.github.ssekit.opencode.ReplyDelta;
import io.github.ssekit.opencode.Turn;
import io.github.ssekit.opencode.TurnCommand;
import io.github.ssekit.opencode.TurnState;
import io.github.ssekit.opencode.event.OpenCodeEvent;
import io.github.ssekit.opencode.event.PermissionReplied;
import io.github.ssekit.opencode.event.QuestionRejected;
import io.github.ssekit.opencode.event.QuestionReplied;
import io.github.ssekit.opencode.event.SessionStatusChanged;
import io.github.ssekit.opencode.model.MessageInfo;
import io.github.ssekit.opencode.model.MessageWithParts;
import io.github.ssekit.opencode.model.OpenCodeError;
import io.github.ssekit.opencode.model.Part;
import io.github.ssekit.opencode.model.PartType;
import io.github.ssekit.opencode.model.PermissionRequest;
import io.github.ssekit.opencode.model.QuestionInfo;
import io.github.ssekit.opencode.model.QuestionOption;
import io.github.ssekit.opencode.model.QuestionRequest;
import io.github.ssekit.opencode.model.SessionStatus;
import io.github.ssekit.opencode.model.ToolStatus;
import io.github.ssekit.opencode.request.PromptBody;
import io.github.ssekit.opencode.request.PromptPart;
import io.github.ssekit.sse.SseEncoder;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One OpenCode session as the relay shows it to browsers: the turns prompted through the relay (a {@link TurnView}
 * each), the browsers following it, and the {@link ReplayBuffer} of the events sent to them.
 *
 * <p>Each prompt is a protocol-opencode {@link Turn}, which this channel drives: the upstream feeds it the session's
 * OpenCode events and says when the stream is connected, lost or failed; the turn's commands go to OpenCode through
 * {@link TurnCalls} and their answers back to the turn. The turn decides when to prompt, when an abort applies, what
 * to re-read after a reconnection and when the turn is over; its deltas, tool calls, permission requests and end,
 * and the status events, are applied to the turn's view and sent to the browsers as one event with an ID each, so a
 * browser that reconnects gets exactly what it missed, or a snapshot when the buffer no longer holds it.
 *
 * <p>It wants the directory's upstream event stream while a browser follows it or a turn runs, and says so through
 * the hold callback. Not thread-safe: the relay uses it on its event loop only.
 */
final class SessionChannel {
  /** Tool inputs and outputs are cut to this many chars for the page. */
  static final int MAX_TOOL_TEXT = 2000;

  private final String sessionID;
  private final String directory;
  private final ReplayBuffer buffer;
  private final Consumer<Boolean> hold;
  private final TurnCalls calls;
  private final long maxReplyChars;
  private final Set<BrowserSink> browsers = new LinkedHashSet<>();
  private final List<TurnView> turns = new ArrayList<>();
  private TurnView current;
  /** The turn of {@link #current} when it was prompted through the relay (not for adopted history). */
  private Turn turn;
  private boolean holding;
  private long idleSinceMillis = System.currentTimeMillis();

  /**
   * A channel for {@code sessionID} in {@code directory} ({@code null}: the server's).
   *
   * @param hold called with {@code true} when the channel starts needing the upstream event stream, and
   *     {@code false} when it stops
   * @param calls the OpenCode calls its turns ask for, answering on the relay's event loop
   * @param maxReplyChars the size of one reply (text and reasoning) past which its turn is aborted
   */
  SessionChannel(String sessionID, String directory, ReplayBuffer buffer, Consumer<Boolean> hold, TurnCalls calls,
      long maxReplyChars) {
    this.sessionID = sessionID;
    this.directory = directory;
    this.buffer = buffer;
    this.hold = hold;
    this.calls = calls;
    this.maxReplyChars = maxReplyChars;
  }

  String sessionID() {
    return sessionID;
  }

  /** The directory of the session, or {@code null} for the server's. */
  String directory() {
    return directory;
  }

  int browserCount() {
    return browsers.size();
  }

  /** Whether a turn is running. */
  boolean running() {
    return current != null && current.running();
  }

  /** The turn shown last, if any. */
  Optional<TurnView> currentTurn() {
    return Optional.ofNullable(current);
  }

  /** Since when nothing follows this channel and no turn runs (for eviction); 0 while in use. */
  long idleSinceMillis() {
    return holding ? 0 : idleSinceMillis;
  }

  /** The whole session as the page shows it: {@code {"session","directory","turns":[...]}}. */
  JsonObject snapshot() {
    JsonArray list = new JsonArray();
    turns.forEach(t -> list.add(t.toJson()));
    return new JsonObject().put("session", sessionID).put("directory", directory).put("turns", list);
  }

  /** How a browser was brought up to date when it attached. */
  enum Catchup {
    /** A snapshot of the whole session (first connection, or too far behind). */
    SNAPSHOT,
    /** The events it missed, from the replay buffer (possibly none). */
    REPLAY
  }

  /**
   * Adds a browser: sends it what it missed after {@code lastEventId} when the buffer still holds all of it, else
   * a snapshot (labelled with the last event ID, so a later reconnection resumes after it); then every new event.
   *
   * @return how it was caught up, and how many events were replayed
   */
  Attached attach(BrowserSink browser, String lastEventId, long retryMillis) {
    StringBuilder first = new StringBuilder(SseEncoder.retry(retryMillis));
    Optional<List<ReplayBuffer.Entry>> missed =
        lastEventId == null || lastEventId.isEmpty() ? Optional.empty() : buffer.after(lastEventId);
    Attached attached;
    if (missed.isPresent()) {
      missed.get().forEach(e -> first.append(e.frame()));
      attached = new Attached(Catchup.REPLAY, missed.get().size());
    } else {
      SseEncoder.appendEvent(first, "snapshot", snapshot().encode(), buffer.lastId());
      attached = new Attached(Catchup.SNAPSHOT, 0);
    }
    browsers.add(browser); // before sending: a browser dropped while sending detaches itself
    updateHold();
    browser.send(first.toString());
    return attached;
  }

  /** How a browser was caught up. */
  record Attached(Catchup catchup, int replayed) {}

  /** Removes a browser (its connection closed). */
  void detach(BrowserSink browser) {
    if (browsers.remove(browser)) {
      updateHold();
    }
  }

  /** Closes every browser connection; their EventSources reconnect and resume. */
  void closeBrowsers() {
    for (BrowserSink browser : List.copyOf(browsers)) {
      browsers.remove(browser);
      browser.close();
    }
    updateHold();
  }

  /** Sends an SSE comment to every browser (keep-alive through proxies and idle timers). */
  void heartbeat() {
    String frame = SseEncoder.comment(" keep-alive");
    for (BrowserSink browser : List.copyOf(browsers)) {
      browser.send(frame);
    }
  }

  /**
   * Starts a turn: the page shows the prompt at once; it is sent once the upstream is connected
   * ({@link #upstreamConnected()}).
   *
   * @throws IllegalStateException if a turn is running
   */
  TurnView startTurn(String prompt, ModelRef model) {
    if (running()) {
      throw new IllegalStateException("a turn is running in this session");
    }
    TurnView view = new TurnView(turns.size() + 1, prompt, model == null ? null : model.toString());
    turns.add(view);
    current = view;
    var body = PromptBody.builder().addParts(PromptPart.text(prompt));
    if (model != null) {
      body.model(model);
    }
    turn = Turn.of(sessionID, body.build()).maxReplyChars(maxReplyChars)
        .onDelta(delta -> onDelta(view, delta))
        .onTextReplaced(replaced -> onTextReplaced(view, replaced))
        .onToolCall(call -> onToolCall(view, call))
        .onWaiting(request -> onWaiting(view, request));
    emit("turn", new JsonObject().put("turn", view.number).put("prompt", prompt).put("model", view.model));
    updateHold();
    return view;
  }

  /** The upstream event stream is connected (its {@code server.connected}, or it was already). */
  void upstreamConnected() {
    drive(Turn::onConnected);
  }

  /** The upstream event stream was lost and reconnects: events sent meanwhile are lost. */
  void upstreamLost() {
    drive(Turn::onReconnecting);
  }

  /** The upstream event stream failed for good. */
  void upstreamFailed(Throwable error) {
    drive(t -> t.onStreamFailed(error));
  }

  /**
   * Aborts the running turn, as its {@link Turn} decides: before the prompt was sent it ends at once; while the
   * prompt is in flight the abort goes once it is accepted; after, it goes now.
   *
   * @return whether OpenCode accepted the abort sent now ({@code true} when none was sent now)
   */
  Future<Boolean> abort() {
    return turn == null ? Future.succeededFuture(false) : execute(current, turn, turn.cancel());
  }

  /** Tells the browsers something about the relay itself (not part of any turn, not in snapshots). */
  void notice(String level, String message) {
    emit("notice", new JsonObject().put("level", level).put("message", message));
  }

  /** Takes one of the session's OpenCode events into account. */
  void onEvent(OpenCodeEvent event) {
    if (current == null) {
      return; // nothing prompted through the relay yet: nothing to show
    }
    TurnView view = current;
    if (event instanceof PermissionReplied replied) {
      onPermissionReplied(view, replied.requestID(), replied.reply());
    } else if (event instanceof QuestionReplied replied) {
      onQuestionAnswered(view, replied.requestID(), new JsonArray(replied.answers().stream()
          .map(answer -> new JsonArray(new ArrayList<>(answer))).toList()), false);
    } else if (event instanceof QuestionRejected rejected) {
      onQuestionAnswered(view, rejected.requestID(), null, true);
    } else if (event instanceof SessionStatusChanged changed && view.running() && turn != null
        && turn.state() != TurnState.CONNECTING) {
      onStatus(view, changed.status());
    }
    drive(t -> t.onEvent(event));
  }

  /** Hands one input to the current turn and executes what it asks for. */
  private void drive(Function<Turn, List<TurnCommand>> input) {
    if (turn != null) {
      execute(current, turn, input.apply(turn));
    }
  }

  /**
   * Executes a turn's commands: OpenCode calls, whose answers go back to the turn, and its end, shown on its view.
   *
   * @return the abort sent, if one was
   */
  private Future<Boolean> execute(TurnView view, Turn t, List<TurnCommand> commands) {
    Future<Boolean> abort = Future.succeededFuture(true);
    for (TurnCommand command : commands) {
      if (command instanceof TurnCommand.SendPrompt prompt) {
        calls.promptAsync(sessionID, prompt.body()).onComplete(ar -> execute(view, t,
            ar.succeeded() ? t.onPromptAccepted() : t.onPromptFailed(ar.cause())));
      } else if (command instanceof TurnCommand.SendAbort) {
        abort = calls.abort(sessionID);
      } else if (command instanceof TurnCommand.FetchStatus) {
        calls.sessionStatuses().onComplete(ar -> execute(view, t,
            ar.succeeded() ? t.onSessionStatuses(ar.result()) : t.onFetchFailed(ar.cause())));
      } else if (command instanceof TurnCommand.FetchMessages) {
        calls.messages(sessionID).onComplete(ar -> execute(view, t,
            ar.succeeded() ? t.onStoredMessages(ar.result()) : t.onFetchFailed(ar.cause())));
      } else if (command instanceof TurnCommand.Complete complete) {
        onDone(view, t.state(), complete.reply());
      } else if (command instanceof TurnCommand.Fail fail) {
        onFailed(view, t.state(), fail);
      }
    }
    return abort;
  }

  /** Rebuilds past turns from the session's stored messages (adopting a session the relay did not create). */
  void loadHistory(List<MessageWithParts> messages) {
    if (!turns.isEmpty()) {
      return;
    }
    TurnView view = null;
    for (MessageWithParts message : messages) {
      Optional<MessageInfo> info = message.info();
      if (info.filter(MessageInfo::isUser).isPresent()) {
        view = new TurnView(turns.size() + 1, message.text(), info.get().modelRef().map(Object::toString).orElse(null));
        view.state = TurnView.DONE;
        turns.add(view);
      } else if (view != null && info.filter(MessageInfo::isAssistant).isPresent()) {
        for (Part part : message.parts()) {
          if (part.is(PartType.TEXT) || part.is(PartType.REASONING)) {
            view.appendText(part.id().orElse("?"), part.type().orElseThrow().raw(), part.text().orElse(""));
          } else if (part.is(PartType.TOOL)) {
            view.putTool(part.id().orElse("?"), toolJson(Reply.ToolCall.of(part)));
          }
        }
        Optional<OpenCodeError> error = message.error();
        if (error.isPresent()) {
          view.error = errorJson(error.get());
          view.state = error.get().is(OpenCodeError.MESSAGE_ABORTED_ERROR) ? TurnView.ABORTED : TurnView.FAILED;
        }
      }
    }
    current = turns.isEmpty() ? null : turns.get(turns.size() - 1);
  }

  private void onDelta(TurnView view, ReplyDelta delta) {
    String kind = kind(delta);
    view.appendText(delta.partID(), kind, delta.text());
    emit("delta", new JsonObject().put("turn", view.number).put("part", delta.partID()).put("kind", kind)
        .put("text", delta.text()));
  }

  /** A final text that does not continue what was streamed replaces it (the turn then uses the server's). */
  private void onTextReplaced(TurnView view, ReplyDelta replaced) {
    String kind = kind(replaced);
    view.replaceText(replaced.partID(), kind, replaced.text());
    emit("part-text", new JsonObject().put("turn", view.number).put("part", replaced.partID()).put("kind", kind)
        .put("text", replaced.text()));
  }

  private static String kind(ReplyDelta delta) {
    return delta.kind() == ReplyDelta.Kind.REASONING ? "reasoning" : "text";
  }

  private void onToolCall(TurnView view, Reply.ToolCall call) {
    JsonObject item = toolJson(call);
    view.putTool(call.partID(), item);
    emit("tool", item.copy().put("turn", view.number));
  }

  private static JsonObject toolJson(Reply.ToolCall call) {
    return new JsonObject()
        .put("kind", "tool")
        .put("part", call.partID())
        .put("tool", call.tool().orElse("?"))
        .put("callID", call.callID().orElse(null))
        .put("status", call.status().map(ToolStatus::raw).orElse("pending"))
        .put("title", call.title().orElse(null))
        .put("input", call.input().map(i -> cut(i.toString())).orElse(null))
        .put("output", call.output().map(SessionChannel::cut).orElse(null))
        .put("error", call.error().map(SessionChannel::cut).orElse(null));
  }

  /** The turn waits: a permission request or a question is shown until answered. */
  private void onWaiting(TurnView view, PendingRequest request) {
    if (request instanceof PendingRequest.Permission permission) {
      onPermissionAsked(view, permission.id(), permission.request());
    } else if (request instanceof PendingRequest.Question question) {
      onQuestionAsked(view, question.id(), question.request());
    }
  }

  private void onQuestionAsked(TurnView view, String id, QuestionRequest request) {
    if (view.questions.containsKey(id)) {
      return;
    }
    JsonArray questions = new JsonArray();
    for (QuestionInfo info : request.questions()) {
      JsonArray options = new JsonArray();
      for (QuestionOption option : info.options()) {
        options.add(new JsonObject().put("label", option.label().orElse("?"))
            .put("description", option.description().orElse(null)));
      }
      questions.add(new JsonObject()
          .put("question", info.question().orElse(""))
          .put("header", info.header().orElse(null))
          .put("options", options)
          .put("multiple", info.multiple().orElse(false))
          .put("custom", info.custom().orElse(true))); // OpenCode allows a typed answer unless it says otherwise
    }
    JsonObject question = new JsonObject()
        .put("id", id)
        .put("questions", questions)
        .put("callID", request.tool().flatMap(t -> t.callID()).orElse(null))
        .put("answers", null)
        .put("rejected", false);
    view.questions.put(id, question);
    emit("question", question.copy().put("turn", view.number));
  }

  private void onQuestionAnswered(TurnView view, String requestID, JsonArray answers, boolean rejected) {
    JsonObject question = view.questions.get(requestID);
    if (question == null || question.getValue("answers") != null || question.getBoolean("rejected")) {
      return;
    }
    question.put("answers", answers).put("rejected", rejected);
    emit("question-replied", new JsonObject().put("turn", view.number).put("id", requestID).put("answers", answers)
        .put("rejected", rejected));
  }

  /** Whether {@code requestID} is a question this session's current turn is waiting on. */
  boolean isPendingQuestion(String requestID) {
    return turn != null && turn.pending().stream()
        .anyMatch(p -> p instanceof PendingRequest.Question && p.id().equals(requestID));
  }

  private void onPermissionAsked(TurnView view, String id, PermissionRequest request) {
    if (view.permissions.containsKey(id)) {
      return;
    }
    JsonObject permission = new JsonObject()
        .put("id", id)
        .put("permission", request.permission().orElse("?"))
        .put("patterns", new JsonArray(new ArrayList<>(request.patterns())))
        .put("always", new JsonArray(new ArrayList<>(request.always())))
        .put("callID", request.tool().flatMap(t -> t.callID()).orElse(null))
        .put("reply", null);
    view.permissions.put(id, permission);
    emit("permission", permission.copy().put("turn", view.number));
  }

  private void onPermissionReplied(TurnView view, String requestID, String reply) {
    JsonObject permission = view.permissions.get(requestID);
    if (permission == null || reply.equals(permission.getString("reply"))) {
      return;
    }
    permission.put("reply", reply);
    emit("permission-replied", new JsonObject().put("turn", view.number).put("id", requestID).put("reply", reply));
  }

  /** Whether {@code requestID} is a permission this session's current turn is waiting on. */
  boolean isPendingPermission(String requestID) {
    return turn != null && turn.pending().stream()
        .anyMatch(p -> p instanceof PendingRequest.Permission && p.id().equals(requestID));
  }

  private void onStatus(TurnView view, SessionStatus status) {
    String type = status.type().map(t -> t.raw()).orElse("");
    String message = status.message().orElse(null);
    if (type.equals(view.status) && Objects.equals(message, view.statusMessage)) {
      return;
    }
    view.status = type;
    view.statusMessage = message;
    emit("status", new JsonObject().put("turn", view.number).put("status", type).put("message", message));
  }

  /** A turn that ended with a reply: done, failed with the reply's error, or aborted, as the turn decided. */
  private void onDone(TurnView view, TurnState state, Reply reply) {
    JsonObject usage = new JsonObject().put("input", reply.usage().input()).put("output", reply.usage().output())
        .put("reasoning", reply.usage().reasoning()).put("total", reply.usage().total())
        .put("cost", reply.usage().cost());
    String model = reply.model().map(ModelRef::toString).orElse(view.model);
    finish(view, viewState(state), reply.error().map(SessionChannel::errorJson).orElse(null), usage, model);
  }

  /** How the page names a finished turn's state. */
  private static String viewState(TurnState state) {
    return state == TurnState.DONE ? TurnView.DONE : state == TurnState.ABORTED ? TurnView.ABORTED : TurnView.FAILED;
  }

  /** A turn that ended without a reply (aborted before the prompt, or failed), as the page tells it. */
  private void onFailed(TurnView view, TurnState state, TurnCommand.Fail fail) {
    String cause = ChatRelay.describe(fail.cause());
    JsonObject error = switch (fail.reason()) {
      case CANCELLED -> error(OpenCodeError.MESSAGE_ABORTED_ERROR, "aborted before the prompt was sent");
      case PROMPT_FAILED -> error("PromptError", "The prompt could not be sent: " + cause);
      case STREAM_FAILED -> error("RelayError", "The OpenCode event stream failed: " + cause);
      case RESYNC_FAILED -> error("RelayError",
          "The session could not be re-read after the OpenCode event stream came back: " + cause);
      case REPLY_TOO_LARGE -> error("RelayError",
          "The reply is larger than " + maxReplyChars + " characters: the turn was aborted.");
      case ABANDONED -> error("RelayError", cause);
    };
    finish(view, viewState(state), error, null, null);
  }

  private static JsonObject error(String name, String message) {
    return new JsonObject().put("name", name).put("message", message);
  }

  private void finish(TurnView view, String state, JsonObject error, JsonObject usage, String model) {
    view.state = state;
    view.error = error;
    view.usage = usage;
    view.status = "idle";
    view.statusMessage = null;
    emit("done", new JsonObject().put("turn", view.number).put("state", state).put("error", error)
        .put("usage", usage).put("model", model));
    updateHold();
  }

  private static JsonObject errorJson(OpenCodeError error) {
    JsonObject json = new JsonObject().put("name", error.nameOrEmpty()).put("message", error.message().orElse(""));
    error.statusCode().ifPresent(code -> json.put("statusCode", code));
    return json;
  }

  private void emit(String type, JsonObject data) {
    ReplayBuffer.Entry entry = buffer.append(type, data.encode());
    for (BrowserSink browser : List.copyOf(browsers)) {
      browser.send(entry.frame());
    }
  }

  private void updateHold() {
    boolean wanted = !browsers.isEmpty() || running();
    if (wanted != holding) {
      holding = wanted;
      if (!wanted) {
        idleSinceMillis = System.currentTimeMillis();
      }
      hold.accept(wanted);
    }
  }

  private static String cut(String text) {
    return text.length() <= MAX_TOOL_TEXT ? text : text.substring(0, MAX_TOOL_TEXT) + "…";
  }

  @Override
  public String toString() {
    return "SessionChannel[" + sessionID + ", " + turns.size() + " turns, " + browsers.size() + " browsers]";
  }
}
