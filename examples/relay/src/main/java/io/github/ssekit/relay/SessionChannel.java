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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
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
 *
 * <p><b>Redis mode</b> ({@link #share}): the events go to the session's shared stream instead of the buffer, and
 * browsers get what is read back from it, with the stream entry IDs as SSE IDs, on every node alike. Only the node
 * holding the directory's lease drives turns ({@link #setDriver}); the others keep their views in step by applying
 * the entries they read. A prompt posted to another node is sent to OpenCode from there; the driver adopts the turn
 * when its events come ({@link #adoptRunningTurn}), and so does a node that takes the lease over from one that
 * stopped, after re-reading the session (text already in the stream is not repeated).
 */
final class SessionChannel {
  /** Tool inputs and outputs are cut to this many chars for the page. */
  static final int MAX_TOOL_TEXT = 2000;
  /** The reply shown for a permission answered while the upstream was down: the relay saw no answer. */
  static final String ANSWERED_ELSEWHERE = "answered";

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

  // ---- Redis mode only ----
  /** The session's shared stream; {@code null} in memory mode. */
  private SharedLog shared;
  /** Names this channel as the writer of the entries it appended (it applied them to its views already). */
  private final String writer = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
  /** This node holds the directory's lease: its turns are driven here. */
  private boolean driver;
  private boolean loaded;
  private final List<Runnable> whenLoaded = new ArrayList<>();
  /** The last entry read from the stream. */
  private String lastStreamId = "0-0";
  /** The number of the last entry read (0 before the first). */
  private long lastNumber;
  /** The entries read last, bounded like the memory buffer: what a browser that reconnects here may have missed. */
  private final ArrayDeque<RedisRelayStore.Stored> window = new ArrayDeque<>();
  private long windowChars;
  private int windowEvents;
  private long windowMaxChars;
  /** The last entry ID each browser has: entries up to it are not sent to it again. */
  private final Map<BrowserSink, String> cursors = new HashMap<>();
  /**
   * Browsers owed a snapshot: it is sent once the views show exactly the stream up to {@link #lastStreamId}
   * ({@link #inStep()}), so that no entry in the snapshot is sent to them again, and none is left out.
   */
  private final Set<BrowserSink> owedSnapshot = new LinkedHashSet<>();
  /** How many entries this channel is appending (applied to its views already, not yet in the stream). */
  private int appending;
  /** The ID of the last entry this channel appended ({@code 0-0} before the first). */
  private String lastOwnId = "0-0";
  /** The driver got events of a turn it does not drive yet: they wait for the stream to be read up to now. */
  private List<OpenCodeEvent> heldEvents;
  /** What an adopted turn re-delivered of each part (from its start): compared with what the page shows. */
  private Map<String, StringBuilder> adopted;

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
    if (shared != null) {
      browsers.add(browser); // held (and counted) while the stream is read up to now
      updateHold();
      whenLoaded(() -> attachShared(browser, lastEventId, retryMillis, true));
      return new Attached(Catchup.REPLAY, 0);
    }
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
    cursors.remove(browser);
    owedSnapshot.remove(browser);
    if (browsers.remove(browser)) {
      updateHold();
    }
  }

  /** Closes every browser connection; their EventSources reconnect and resume. */
  void closeBrowsers() {
    for (BrowserSink browser : List.copyOf(browsers)) {
      browsers.remove(browser);
      cursors.remove(browser);
      owedSnapshot.remove(browser);
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
    if (shared != null && turn == null && running()) {
      return calls.abort(sessionID); // the driver's turn ends at OpenCode's idle, as aborted
    }
    return turn == null ? Future.succeededFuture(false) : execute(current, turn, turn.cancel());
  }

  /** Tells the browsers something about the relay itself (not part of any turn, not in snapshots). */
  void notice(String level, String message) {
    emit("notice", new JsonObject().put("level", level).put("message", message));
  }

  /** Takes one of the session's OpenCode events into account. */
  void onEvent(OpenCodeEvent event) {
    if (shared != null && driver && (turn == null || turn.state().isTerminal())) {
      holdForAdoption(event);
      return;
    }
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
      } else if (command instanceof TurnCommand.FetchPending) {
        // what was asked or answered while the upstream was down; a failure only loses this refresh
        Future.all(calls.permissions(), calls.questions()).onSuccess(both -> {
          execute(view, t, t.onPendingRequests(both.resultAt(0), both.resultAt(1)));
          if (view.running()) {
            showAnsweredMeanwhile(view, t);
          }
        });
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

  /**
   * After the pending requests were re-read: a permission or question the page shows unanswered that the turn no
   * longer waits for was answered while the upstream was down (by another client); the page shows it answered, so
   * its buttons go, although how it was answered is not known.
   */
  private void showAnsweredMeanwhile(TurnView view, Turn t) {
    Set<String> waiting = new HashSet<>();
    t.pending().forEach(p -> waiting.add(p.id()));
    for (Map.Entry<String, JsonObject> permission : List.copyOf(view.permissions.entrySet())) {
      if (permission.getValue().getValue("reply") == null && !waiting.contains(permission.getKey())) {
        onPermissionReplied(view, permission.getKey(), ANSWERED_ELSEWHERE);
      }
    }
    for (Map.Entry<String, JsonObject> question : List.copyOf(view.questions.entrySet())) {
      JsonObject q = question.getValue();
      if (q.getValue("answers") == null && !q.getBoolean("rejected") && !waiting.contains(question.getKey())) {
        onQuestionAnswered(view, question.getKey(), new JsonArray(), false);
      }
    }
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
    if (adopted != null) {
      onAdoptedText(view, delta, false);
      return;
    }
    String kind = kind(delta);
    view.appendText(delta.partID(), kind, delta.text());
    emit("delta", new JsonObject().put("turn", view.number).put("part", delta.partID()).put("kind", kind)
        .put("text", delta.text()));
  }

  /** A final text that does not continue what was streamed replaces it (the turn then uses the server's). */
  private void onTextReplaced(TurnView view, ReplyDelta replaced) {
    if (adopted != null) {
      onAdoptedText(view, replaced, true);
      return;
    }
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
    if (shared != null && turn == null) { // another node drives the turn: what its events showed
      return current != null && current.running() && current.permissions.containsKey(requestID)
          && current.permissions.get(requestID).getValue("reply") == null;
    }
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
    if (shared != null) {
      String encoded = data.encode();
      appendOwn(type, encoded, driver).onComplete(ar -> {
        if (ar.succeeded() && ar.result() == null) {
          lostLease(); // a node that lost the directory's lease writes nothing: the new holder goes on
        } else if (ar.failed()) {
          sendLocally(type, encoded); // Redis is unreachable: this node's browsers still see it
        }
      });
      return;
    }
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

  // ---- Redis mode ----

  /**
   * Switches the channel to Redis mode (before any browser or turn): it reads the session's stream from its start,
   * applying what other channels wrote to its views, then follows it.
   *
   * @param maxEvents how many of the entries read last are kept for browsers that reconnect here
   * @param maxChars the same, in chars of encoded SSE text
   */
  void share(SharedLog log, int maxEvents, long maxChars) {
    this.shared = Objects.requireNonNull(log, "log");
    this.windowEvents = maxEvents;
    this.windowMaxChars = maxChars;
    log.after("0-0").onComplete(ar -> {
      if (ar.succeeded()) {
        ar.result().forEach(this::deliver);
      } // else Redis is unreachable now: the follow catches up once it is back
      loaded = true;
      log.follow(lastStreamId, this::deliver);
      List<Runnable> waiting = List.copyOf(whenLoaded);
      whenLoaded.clear();
      waiting.forEach(Runnable::run);
    });
  }

  /** Runs {@code action} once the stream has been read up to when the channel was created. */
  void whenLoaded(Runnable action) {
    if (shared == null || loaded) {
      action.run();
    } else {
      whenLoaded.add(action);
    }
  }

  /** The ID of the last entry read from the session's stream ({@code 0-0} before the first). */
  String lastStreamId() {
    return lastStreamId;
  }

  /** Stops reading the session's stream (the channel is forgotten). */
  void stopFollowing() {
    if (shared != null) {
      shared.unfollow();
    }
  }

  /** Whether this node drives the session's turns (it holds the directory's lease). */
  boolean isDriver() {
    return driver;
  }

  /**
   * Makes this node the driver of the session's turns, or not. A node that stops being the driver drops its turn
   * without a word (the new lease holder adopts it) and rebuilds its views from the stream, which is what every
   * node shows.
   */
  void setDriver(boolean driver) {
    if (this.driver == driver) {
      return;
    }
    this.driver = driver;
    if (!driver) {
      lostLease();
    }
  }

  private void lostLease() {
    driver = false;
    turn = null;
    adopted = null;
    heldEvents = null;
    turns.clear();
    current = null;
    window.clear();
    windowChars = 0;
    String before = lastStreamId;
    lastStreamId = "0-0";
    shared.unfollow();
    loaded = false;
    shared.after("0-0").onComplete(ar -> {
      if (ar.succeeded()) {
        for (RedisRelayStore.Stored e : ar.result()) {
          deliverQuietly(e);
        }
      }
      if (StreamIds.compare(lastStreamId, before) < 0) {
        lastStreamId = before; // the follow goes on where it was
      }
      loaded = true;
      shared.follow(lastStreamId, this::deliver);
      List<Runnable> waiting = List.copyOf(whenLoaded);
      whenLoaded.clear();
      waiting.forEach(Runnable::run);
      sendOwedSnapshots(); // the views were rebuilt from the stream: in step, unless this node appends meanwhile
      updateHold();
    });
  }

  /**
   * Entries were trimmed from the stream before this node read them (it fell further behind than the stream's
   * bound): what it holds no longer says what a browser missed, so each of its browsers gets a snapshot (once the
   * views are in step with the stream read, {@link #sendOwedSnapshots()}), and one that reconnects with an older ID
   * gets one too.
   */
  private void fellBehind(RedisRelayStore.Stored e) {
    window.clear();
    windowChars = 0;
    keep(e);
    for (BrowserSink browser : browsers) {
      if (cursors.containsKey(browser)) {
        owedSnapshot.add(browser); // sent by deliver once the views are in step with the stream
      }
    }
  }

  /** Applies an entry to the views while rebuilding them (browsers had it already). */
  private void deliverQuietly(RedisRelayStore.Stored e) {
    lastStreamId = e.id();
    lastNumber = e.number();
    apply(e.type(), e.data());
    keep(e);
  }

  /** One entry of the session's stream, read in order: applied to the views (unless this channel wrote it), sent. */
  void deliver(RedisRelayStore.Stored e) {
    if (StreamIds.compare(e.id(), lastStreamId) <= 0) {
      return; // read twice (a catch-up and the follow)
    }
    lastStreamId = e.id();
    boolean gap = lastNumber > 0 && e.number() > lastNumber + 1;
    lastNumber = e.number();
    if (!e.writer().equals(writer)) {
      apply(e.type(), e.data());
      updateHold();
    }
    if (gap) {
      fellBehind(e);
      return;
    }
    keep(e);
    String frame = e.frame();
    for (BrowserSink browser : List.copyOf(browsers)) {
      String cursor = cursors.get(browser);
      if (cursor != null && !owedSnapshot.contains(browser) && StreamIds.compare(e.id(), cursor) > 0) {
        cursors.put(browser, e.id());
        browser.send(frame);
      }
    }
    sendOwedSnapshots();
  }

  /**
   * Whether the views show the stream exactly up to {@link #lastStreamId}: this channel applies what it emits to
   * its views at once, before the entry is in the stream, so while it appends, or has not read its own entries back
   * yet, its views are ahead of what it read (a snapshot of them labelled with {@link #lastStreamId} would make the
   * entries read next repeat what it shows).
   */
  private boolean inStep() {
    return loaded && appending == 0 && StreamIds.compare(lastStreamId, lastOwnId) >= 0;
  }

  /** Sends the snapshots owed, if the views are in step with the stream now. */
  private void sendOwedSnapshots() {
    if (owedSnapshot.isEmpty() || !inStep()) {
      return;
    }
    String snapshot = SseEncoder.event("snapshot", snapshot().encode(), lastStreamId);
    List<BrowserSink> owed = List.copyOf(owedSnapshot);
    owedSnapshot.clear();
    for (BrowserSink browser : owed) {
      if (browsers.contains(browser) && cursors.containsKey(browser)) {
        cursors.put(browser, lastStreamId);
        browser.send(snapshot);
      }
    }
  }

  /** Appends an entry this channel wrote (and applied to its views already) to the stream. */
  private Future<String> appendOwn(String type, String encoded, boolean fenced) {
    appending++;
    return shared.append(type, encoded, writer, fenced).andThen(ar -> {
      appending--;
      if (ar.succeeded() && ar.result() != null && StreamIds.compare(ar.result(), lastOwnId) > 0) {
        lastOwnId = ar.result();
      }
      sendOwedSnapshots(); // (an append that failed or was refused is never read back: it is not waited for)
    });
  }

  private void keep(RedisRelayStore.Stored e) {
    window.addLast(e);
    windowChars += e.data().length() + e.type().length() + e.id().length();
    while (window.size() > 1 && (window.size() > windowEvents || windowChars > windowMaxChars)) {
      RedisRelayStore.Stored gone = window.removeFirst();
      windowChars -= gone.data().length() + gone.type().length() + gone.id().length();
    }
  }

  private void attachShared(BrowserSink browser, String lastEventId, long retryMillis, boolean mayCatchUp) {
    if (!browsers.contains(browser)) {
      return; // gone meanwhile
    }
    boolean known = lastEventId != null && StreamIds.valid(lastEventId);
    if (known && StreamIds.compare(lastEventId, lastStreamId) > 0 && mayCatchUp) {
      // the browser saw more on another node than this one has read yet: read up to now first
      shared.after(lastStreamId).onComplete(ar -> {
        if (ar.succeeded()) {
          ar.result().forEach(this::deliver);
        }
        attachShared(browser, lastEventId, retryMillis, false);
      });
      return;
    }
    StringBuilder first = new StringBuilder(SseEncoder.retry(retryMillis));
    Optional<List<RedisRelayStore.Stored>> missed = known ? windowAfter(lastEventId) : Optional.empty();
    if (missed.isPresent()) {
      missed.get().forEach(e -> first.append(e.frame()));
    } else if (inStep()) {
      SseEncoder.appendEvent(first, "snapshot", snapshot().encode(), lastStreamId);
    } else {
      owedSnapshot.add(browser); // the views are ahead of the stream read: sent once it is read up to them
    }
    cursors.put(browser, lastStreamId);
    browser.send(first.toString());
  }

  /** The entries after {@code id} when the window holds them all; absent when it cannot tell. */
  private Optional<List<RedisRelayStore.Stored>> windowAfter(String id) {
    if (id.equals(lastStreamId)) {
      return Optional.of(List.of());
    }
    if (window.isEmpty() || StreamIds.compare(id, window.peekFirst().id()) < 0
        || StreamIds.compare(id, lastStreamId) > 0) {
      return Optional.empty(); // older than what is held (or than the stream still holds), or unknown
    }
    List<RedisRelayStore.Stored> missed = new ArrayList<>();
    Iterator<RedisRelayStore.Stored> it = window.descendingIterator();
    while (it.hasNext()) {
      RedisRelayStore.Stored e = it.next();
      if (StreamIds.compare(e.id(), id) <= 0) {
        break;
      }
      missed.add(0, e);
    }
    return Optional.of(missed);
  }

  /** Sends an event to this node's browsers only, without an ID (Redis could not take it). */
  private void sendLocally(String type, String data) {
    String frame = SseEncoder.event(type, data, null);
    for (BrowserSink browser : List.copyOf(browsers)) {
      if (cursors.containsKey(browser)) {
        browser.send(frame);
      }
    }
  }

  /** Tells this node's browsers something about the shared store (not in the stream: it may be what is lost). */
  void localNotice(String level, String message) {
    sendLocally("notice", new JsonObject().put("level", level).put("message", message).encode());
  }

  /**
   * Starts a turn driven by another node (the lease holder): shown at once and written to the stream, then the
   * prompt is sent to OpenCode from here; the driver adopts the turn as its events come.
   *
   * @throws IllegalStateException if a turn is running
   */
  TurnView startRemoteTurn(String prompt, ModelRef model) {
    if (running()) {
      throw new IllegalStateException("a turn is running in this session");
    }
    TurnView view = new TurnView(turns.size() + 1, prompt, model == null ? null : model.toString());
    turns.add(view);
    current = view;
    turn = null;
    var body = PromptBody.builder().addParts(PromptPart.text(prompt));
    if (model != null) {
      body.model(model);
    }
    PromptBody built = body.build();
    JsonObject event = new JsonObject().put("turn", view.number).put("prompt", prompt).put("model", view.model);
    appendOwn("turn", event.encode(), false)
        .compose(id -> calls.promptAsync(sessionID, built)) // after the turn is in the stream: the driver knows it
        .onFailure(e -> {
          if (current == view && view.running() && turn == null) {
            finish(view, TurnView.FAILED, error("PromptError", "The prompt could not be sent: "
                + ChatRelay.describe(e)), null, null);
          }
        });
    updateHold();
    return view;
  }

  /**
   * The driver got an event of the session while it drives no turn: the turn may have been prompted on another
   * node. The events wait while the stream is read up to now; if it shows a running turn, it is adopted with them.
   */
  private void holdForAdoption(OpenCodeEvent event) {
    if (heldEvents != null) {
      if (heldEvents.size() < 10_000) {
        heldEvents.add(event);
      }
      return;
    }
    heldEvents = new ArrayList<>(List.of(event));
    shared.after(lastStreamId).onComplete(ar -> {
      if (ar.succeeded()) {
        ar.result().forEach(this::deliver);
      }
      List<OpenCodeEvent> held = heldEvents;
      heldEvents = null;
      if (held == null || !driver) {
        return;
      }
      if (running() && (turn == null || turn.state().isTerminal())) {
        adoptRunningTurn(true);
        held.forEach(this::onEvent);
      } else if (turn != null && !turn.state().isTerminal()) {
        held.forEach(this::onEvent);
      } // else nothing runs: the events are a past turn's
    });
  }

  /**
   * Drives the running turn the stream shows, which another node prompted (or drove until it stopped): a turn
   * whose prompt OpenCode accepted already. Its text is compared with what the page shows, part by part, so
   * nothing shown is repeated and nothing missed is left out.
   *
   * <p>Events of the turn may have been missed (the prompt was sent before this node was told, or its driver
   * stopped): the session is re-read once the upstream is connected, which the parts already under way wait for.
   *
   * @param connected whether the upstream is connected now (else {@link #upstreamConnected()} is called once it is)
   */
  void adoptRunningTurn(boolean connected) {
    if (!running() || turn != null && !turn.state().isTerminal()) {
      return;
    }
    TurnView view = current;
    adopted = new HashMap<>();
    var body = PromptBody.builder().addParts(PromptPart.text(view.prompt));
    Turn t = Turn.of(sessionID, body.build()).maxReplyChars(maxReplyChars)
        .onDelta(delta -> onDelta(view, delta))
        .onTextReplaced(replaced -> onTextReplaced(view, replaced))
        .onToolCall(call -> onToolCall(view, call))
        .onWaiting(request -> onWaiting(view, request));
    // Its prompt was sent by another node: the turn is told so through its inputs, and its SendPrompt is not run.
    t.onConnected();
    t.onReconnecting(); // the session is re-read once the upstream is connected
    turn = t;
    execute(view, t, t.onPromptAccepted());
    if (connected) {
      execute(view, t, t.onConnected());
    }
  }

  /**
   * A text an adopted turn delivers: it repeats each part from its start, so only what goes past the page's text is
   * sent; a text that does not continue the page's replaces it.
   */
  private void onAdoptedText(TurnView view, ReplyDelta delta, boolean replace) {
    String kind = kind(delta);
    StringBuilder fresh = adopted.computeIfAbsent(delta.partID(), p -> new StringBuilder());
    if (replace) {
      fresh.setLength(0);
    }
    fresh.append(delta.text());
    TurnView.Item item = view.item(delta.partID());
    String shown = item == null || item.text == null ? "" : item.text.toString();
    if (shown.startsWith(fresh.toString())) {
      return; // shown already
    }
    if (fresh.toString().startsWith(shown)) {
      String more = fresh.substring(shown.length());
      view.appendText(delta.partID(), kind, more);
      emit("delta", new JsonObject().put("turn", view.number).put("part", delta.partID()).put("kind", kind)
          .put("text", more));
    } else {
      view.replaceText(delta.partID(), kind, fresh.toString());
      emit("part-text", new JsonObject().put("turn", view.number).put("part", delta.partID()).put("kind", kind)
          .put("text", fresh.toString()));
    }
  }

  /** Applies an event another channel wrote to the views, as the page applies it. */
  private void apply(String type, String encoded) {
    JsonObject d;
    try {
      d = new JsonObject(encoded);
    } catch (RuntimeException e) {
      return; // not ours: nothing to apply
    }
    if (type.equals("turn")) {
      TurnView view = new TurnView(d.getInteger("turn", turns.size() + 1), d.getString("prompt", ""),
          d.getString("model"));
      turns.add(view);
      current = view;
      if (turn != null && turn.state().isTerminal()) {
        turn = null;
      }
      return;
    }
    Integer number = d.getValue("turn") instanceof Integer n ? n : null;
    TurnView view = null;
    for (int i = turns.size() - 1; i >= 0 && number != null; i--) {
      if (turns.get(i).number == number) {
        view = turns.get(i);
        break;
      }
    }
    if (view == null) {
      return; // a turn whose start is no longer in the stream
    }
    switch (type) {
      case "delta" -> view.appendText(d.getString("part", "?"), d.getString("kind", "text"), d.getString("text", ""));
      case "part-text" -> view.replaceText(d.getString("part", "?"), d.getString("kind", "text"),
          d.getString("text", ""));
      case "tool" -> {
        JsonObject tool = d.copy();
        tool.remove("turn");
        view.putTool(d.getString("part", "?"), tool);
      }
      case "permission" -> {
        JsonObject permission = d.copy();
        permission.remove("turn");
        view.permissions.putIfAbsent(d.getString("id", "?"), permission);
      }
      case "permission-replied" -> {
        JsonObject permission = view.permissions.get(d.getString("id", "?"));
        if (permission != null) {
          permission.put("reply", d.getString("reply"));
        }
      }
      case "status" -> {
        view.status = d.getString("status", "");
        view.statusMessage = d.getString("message");
      }
      case "done" -> {
        view.state = d.getString("state", TurnView.DONE);
        view.error = d.getJsonObject("error");
        view.usage = d.getJsonObject("usage");
        view.status = "idle";
        view.statusMessage = null;
      }
      default -> { } // notices and events of later versions change no view
    }
  }

  @Override
  public String toString() {
    return "SessionChannel[" + sessionID + ", " + turns.size() + " turns, " + browsers.size() + " browsers]";
  }
}
