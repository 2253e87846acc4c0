package io.github.ssekit.relay;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ssekit.opencode.ModelRef;
import io.github.ssekit.opencode.Reply;
import io.github.ssekit.opencode.ReplyAccumulator;
import io.github.ssekit.opencode.ReplyDelta;
import io.github.ssekit.opencode.event.EventEnvelope;
import io.github.ssekit.opencode.event.MessagePartUpdated;
import io.github.ssekit.opencode.event.MessageUpdated;
import io.github.ssekit.opencode.event.OpenCodeEvent;
import io.github.ssekit.opencode.event.PermissionAsked;
import io.github.ssekit.opencode.event.PermissionReplied;
import io.github.ssekit.opencode.event.SessionIdle;
import io.github.ssekit.opencode.event.SessionStatusChanged;
import io.github.ssekit.opencode.model.MessageInfo;
import io.github.ssekit.opencode.model.MessageWithParts;
import io.github.ssekit.opencode.model.OpenCodeError;
import io.github.ssekit.opencode.model.Part;
import io.github.ssekit.opencode.model.PartType;
import io.github.ssekit.opencode.model.PermissionRequest;
import io.github.ssekit.opencode.model.SessionStatus;
import io.github.ssekit.opencode.model.TimeSpan;
import io.github.ssekit.opencode.model.ToolStatus;
import io.github.ssekit.sse.SseEncoder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One OpenCode session as the relay shows it to browsers: the turns prompted through the relay (a {@link TurnView}
 * each), the browsers following it, and the {@link ReplayBuffer} of the events sent to them.
 *
 * <p>The upstream feeds it the session's OpenCode events; a {@link ReplyAccumulator} per turn turns them into text
 * and reasoning deltas, tool call states and the end of the turn; permission and status events are relayed as they
 * come. Every change is applied to the turn's view and sent to the browsers as one event with an ID, so a browser
 * that reconnects gets exactly what it missed, or a snapshot when the buffer no longer holds it.
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
  private final Set<BrowserSink> browsers = new LinkedHashSet<>();
  private final List<TurnView> turns = new ArrayList<>();
  private TurnView current;
  private ReplyAccumulator accumulator;
  private boolean promptSent;
  private boolean holding;
  private long idleSinceMillis = System.currentTimeMillis();

  /**
   * A channel for {@code sessionID} in {@code directory} ({@code null}: the server's).
   *
   * @param hold called with {@code true} when the channel starts needing the upstream event stream, and
   *     {@code false} when it stops
   */
  SessionChannel(String sessionID, String directory, ReplayBuffer buffer, Consumer<Boolean> hold) {
    this.sessionID = sessionID;
    this.directory = directory;
    this.buffer = buffer;
    this.hold = hold;
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
   * Starts a turn: the page shows the prompt at once; the caller sends it once the upstream is connected and then
   * calls {@link #promptSent()}.
   *
   * @throws IllegalStateException if a turn is running
   */
  TurnView startTurn(String prompt, ModelRef model) {
    if (running()) {
      throw new IllegalStateException("a turn is running in this session");
    }
    TurnView turn = new TurnView(turns.size() + 1, prompt, model == null ? null : model.toString());
    turns.add(turn);
    current = turn;
    promptSent = false;
    accumulator = ReplyAccumulator.forSession(sessionID)
        .onDelta(delta -> onDelta(turn, delta))
        .onToolCall(call -> onToolCall(turn, call))
        .onDone(reply -> onDone(turn, reply));
    emit("turn", new JsonObject().put("turn", turn.number).put("prompt", prompt).put("model", turn.model));
    updateHold();
    return turn;
  }

  /** The prompt of the current turn was accepted by the server. */
  void promptSent() {
    promptSent = true;
  }

  /** Whether the running turn's prompt was sent (an abort then goes to the server). */
  boolean promptWasSent() {
    return running() && promptSent;
  }

  /** Ends the running turn with an error the relay ran into (the prompt was refused, the upstream failed, ...). */
  void failTurn(String name, String message) {
    if (!running()) {
      return;
    }
    finish(current, TurnView.FAILED, new JsonObject().put("name", name).put("message", message), null, null);
  }

  /** Ends the running turn as aborted before its prompt was sent. */
  void abortBeforePrompt() {
    if (running() && !promptSent) {
      finish(current, TurnView.ABORTED, new JsonObject().put("name", OpenCodeError.MESSAGE_ABORTED_ERROR)
          .put("message", "aborted before the prompt was sent"), null, null);
    }
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
    TurnView turn = current;
    if (event instanceof PermissionAsked asked) {
      onPermissionAsked(turn, asked.request());
    } else if (event instanceof PermissionReplied replied) {
      onPermissionReplied(turn, replied.requestID(), replied.reply());
    } else if (event instanceof SessionStatusChanged changed && turn.running()) {
      onStatus(turn, changed.status());
    }
    if (accumulator != null) {
      accumulator.accept(event);
    }
    if (event instanceof MessagePartUpdated updated) {
      reconcileFinalText(turn, updated.part());
    }
  }

  /**
   * Finishes the running turn from the session's stored messages, after the upstream lost events while
   * reconnecting and the session went idle meanwhile: the text missed is delivered, then the end of the turn.
   */
  void finishFromMessages(List<MessageWithParts> messages) {
    if (!running() || accumulator == null) {
      return;
    }
    int lastUser = -1;
    for (int i = 0; i < messages.size(); i++) {
      if (messages.get(i).info().filter(MessageInfo::isUser).isPresent()) {
        lastUser = i;
      }
    }
    for (MessageWithParts message : messages.subList(lastUser + 1, messages.size())) {
      Optional<MessageInfo> info = message.info().filter(MessageInfo::isAssistant);
      if (info.isEmpty()) {
        continue;
      }
      onEvent(new MessageUpdated(envelope(MessageUpdated.TYPE), info.get()));
      for (Part part : message.parts()) {
        onEvent(new MessagePartUpdated(envelope(MessagePartUpdated.TYPE), part, Optional.empty()));
      }
    }
    onEvent(new SessionIdle(envelope(SessionIdle.TYPE)));
    if (running()) {
      onDone(current, accumulator.reply()); // nothing of the turn was stored: end it with what was streamed
    }
  }

  /** Rebuilds past turns from the session's stored messages (adopting a session the relay did not create). */
  void loadHistory(List<MessageWithParts> messages) {
    if (!turns.isEmpty()) {
      return;
    }
    TurnView turn = null;
    for (MessageWithParts message : messages) {
      Optional<MessageInfo> info = message.info();
      if (info.filter(MessageInfo::isUser).isPresent()) {
        turn = new TurnView(turns.size() + 1, message.text(), info.get().modelRef().map(Object::toString).orElse(null));
        turn.state = TurnView.DONE;
        turns.add(turn);
      } else if (turn != null && info.filter(MessageInfo::isAssistant).isPresent()) {
        for (Part part : message.parts()) {
          if (part.is(PartType.TEXT) || part.is(PartType.REASONING)) {
            turn.items.put(part.id().orElse("?"), new JsonObject().put("kind", part.type().orElseThrow().raw())
                .put("part", part.id().orElse("?")).put("text", part.text().orElse("")));
          } else if (part.is(PartType.TOOL)) {
            turn.items.put(part.id().orElse("?"), toolJson(turn, Reply.ToolCall.of(part)));
          }
        }
        Optional<OpenCodeError> error = message.error();
        if (error.isPresent()) {
          turn.error = errorJson(error.get());
          turn.state = error.get().is(OpenCodeError.MESSAGE_ABORTED_ERROR) ? TurnView.ABORTED : TurnView.FAILED;
        }
      }
    }
    current = turns.isEmpty() ? null : turns.get(turns.size() - 1);
  }

  private void onDelta(TurnView turn, ReplyDelta delta) {
    String kind = delta.kind() == ReplyDelta.Kind.REASONING ? "reasoning" : "text";
    JsonObject item = turn.items.computeIfAbsent(delta.partID(),
        id -> new JsonObject().put("kind", kind).put("part", id).put("text", ""));
    item.put("text", item.getString("text") + delta.text());
    emit("delta", new JsonObject().put("turn", turn.number).put("part", delta.partID()).put("kind", kind)
        .put("text", delta.text()));
  }

  /** A final text that does not continue what was streamed (the accumulator then uses the server's) replaces it. */
  private void reconcileFinalText(TurnView turn, Part part) {
    if (!(part.is(PartType.TEXT) || part.is(PartType.REASONING)) || part.time().flatMap(TimeSpan::end).isEmpty()) {
      return;
    }
    String partID = part.id().orElse(null);
    JsonObject item = partID == null ? null : turn.items.get(partID);
    String full = part.text().orElse("");
    if (item == null || item.getString("text").equals(full)) {
      return;
    }
    item.put("text", full);
    emit("part-text", new JsonObject().put("turn", turn.number).put("part", partID)
        .put("kind", item.getString("kind")).put("text", full));
  }

  private void onToolCall(TurnView turn, Reply.ToolCall call) {
    JsonObject item = toolJson(turn, call);
    turn.items.put(call.partID(), item);
    emit("tool", item.copy().put("turn", turn.number));
  }

  private static JsonObject toolJson(TurnView turn, Reply.ToolCall call) {
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

  private void onPermissionAsked(TurnView turn, PermissionRequest request) {
    Optional<String> id = request.id();
    if (id.isEmpty() || turn.permissions.containsKey(id.get())) {
      return;
    }
    JsonObject permission = new JsonObject()
        .put("id", id.get())
        .put("permission", request.permission().orElse("?"))
        .put("patterns", new JsonArray(new ArrayList<>(request.patterns())))
        .put("always", new JsonArray(new ArrayList<>(request.always())))
        .put("callID", request.tool().flatMap(t -> t.callID()).orElse(null))
        .put("reply", null);
    turn.permissions.put(id.get(), permission);
    emit("permission", permission.copy().put("turn", turn.number));
  }

  private void onPermissionReplied(TurnView turn, String requestID, String reply) {
    JsonObject permission = turn.permissions.get(requestID);
    if (permission == null || reply.equals(permission.getString("reply"))) {
      return;
    }
    permission.put("reply", reply);
    emit("permission-replied", new JsonObject().put("turn", turn.number).put("id", requestID).put("reply", reply));
  }

  /** Whether {@code requestID} is a permission this session's current turn is waiting on. */
  boolean isPendingPermission(String requestID) {
    JsonObject permission = current == null ? null : current.permissions.get(requestID);
    return permission != null && permission.getValue("reply") == null;
  }

  private void onStatus(TurnView turn, SessionStatus status) {
    String type = status.type().map(t -> t.raw()).orElse("");
    String message = status.message().orElse(null);
    if (type.equals(turn.status) && java.util.Objects.equals(message, turn.statusMessage)) {
      return;
    }
    turn.status = type;
    turn.statusMessage = message;
    emit("status", new JsonObject().put("turn", turn.number).put("status", type).put("message", message));
  }

  private void onDone(TurnView turn, Reply reply) {
    if (!turn.running()) {
      return;
    }
    JsonObject usage = new JsonObject().put("input", reply.usage().input()).put("output", reply.usage().output())
        .put("reasoning", reply.usage().reasoning()).put("total", reply.usage().total())
        .put("cost", reply.usage().cost());
    String model = reply.model().map(ModelRef::toString).orElse(turn.model);
    if (reply.error().isPresent()) {
      OpenCodeError error = reply.error().get();
      String state = error.is(OpenCodeError.MESSAGE_ABORTED_ERROR) ? TurnView.ABORTED : TurnView.FAILED;
      finish(turn, state, errorJson(error), usage, model);
    } else {
      finish(turn, TurnView.DONE, null, usage, model);
    }
  }

  private void finish(TurnView turn, String state, JsonObject error, JsonObject usage, String model) {
    turn.state = state;
    turn.error = error;
    turn.usage = usage;
    turn.status = "idle";
    turn.statusMessage = null;
    emit("done", new JsonObject().put("turn", turn.number).put("state", state).put("error", error)
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

  private EventEnvelope envelope(String type) {
    ObjectNode properties = JsonNodeFactory.instance.objectNode().put("sessionID", sessionID);
    return EventEnvelope.of("", type, properties);
  }

  private static String cut(String text) {
    return text.length() <= MAX_TOOL_TEXT ? text : text.substring(0, MAX_TOOL_TEXT) + "…";
  }

  @Override
  public String toString() {
    return "SessionChannel[" + sessionID + ", " + turns.size() + " turns, " + browsers.size() + " browsers]";
  }
}
