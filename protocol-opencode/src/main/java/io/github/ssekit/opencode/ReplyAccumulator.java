package io.github.ssekit.opencode;

import io.github.ssekit.opencode.event.MessagePartDelta;
import io.github.ssekit.opencode.event.MessagePartRemoved;
import io.github.ssekit.opencode.event.MessagePartUpdated;
import io.github.ssekit.opencode.event.MessageRemoved;
import io.github.ssekit.opencode.event.MessageUpdated;
import io.github.ssekit.opencode.event.OpenCodeEvent;
import io.github.ssekit.opencode.event.SessionError;
import io.github.ssekit.opencode.event.SessionIdle;
import io.github.ssekit.opencode.event.SessionStatusChanged;
import io.github.ssekit.opencode.model.MessageInfo;
import io.github.ssekit.opencode.model.MessageWithParts;
import io.github.ssekit.opencode.model.OpenCodeError;
import io.github.ssekit.opencode.model.Part;
import io.github.ssekit.opencode.model.PartType;
import io.github.ssekit.opencode.model.Role;
import io.github.ssekit.opencode.model.SessionStatusType;
import io.github.ssekit.opencode.model.TimeSpan;
import io.github.ssekit.opencode.model.ToolState;
import io.github.ssekit.opencode.model.ToolStatus;
import io.github.ssekit.sse.protocol.Diagnostic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Follows one session's events and builds the assistant's reply to a prompt as it streams.
 *
 * <ul>
 *   <li>Text and reasoning come from {@code message.part.delta}, keyed by part; the part's kind (text or reasoning:
 *       the delta's {@code field} is {@code text} for both) comes from the earlier {@code message.part.updated}.
 *       Each delta goes to {@link #onDelta} as it arrives. Deltas for a part not announced yet are held until its
 *       kind is known.
 *   <li>The full text of a later {@code message.part.updated} is reconciled with what the deltas built: text the
 *       deltas missed is delivered as one more delta; a final text that contradicts them wins, with a
 *       {@link OpenCodeDiagnostics#TEXT_MISMATCH} diagnostic, and is told to {@link #onTextReplaced}. Once a part's
 *       final text is known, later deltas for it are not appended ({@link OpenCodeDiagnostics#DELTA_NOT_APPENDED}).
 *   <li>Nothing goes back: a part or a message older than the one already known (a tool call that was completed
 *       and is now said to be running, a text part that had ended and is now a snapshot) does not replace it.
 *       Live events never do that; the session's stored messages, read after a reconnection, can.
 *   <li>The user's own parts (known from {@code message.updated} with {@code role:"user"}) are left out.
 *   <li>Tool calls keep their latest state; step-finish parts give tokens and cost; the last assistant message
 *       gives the model that actually answered and the finish reason; {@code session.error} (or an assistant
 *       message's {@code error}) gives why the turn failed.
 *   <li>Done on the first {@code session.idle} or {@code session.status} idle after the turn started (busy, an
 *       assistant message, a part, or an error); later idles, which OpenCode sends after errors and aborts, change
 *       nothing. Events after done still refine the reply: after an abort the partial text part and the failed
 *       assistant message arrive after the first idle.
 * </ul>
 *
 * <p>Subscribe to the event stream before prompting, feed every event to {@link #accept} (events of other
 * sessions are ignored), and read {@link #reply()} at any time. When the event stream was lost and reconnected
 * (OpenCode replays nothing), hand the session's stored messages to {@link #resync}: text already streamed is not
 * repeated, text missed is delivered. Not thread-safe: feed it from one thread or event loop. One accumulator per
 * prompt; {@link Turn} drives one for a whole prompt, reconnections and aborts included.
 */
public final class ReplyAccumulator {
  private final String sessionID;
  private Consumer<ReplyDelta> deltaListener = delta -> {};
  private Consumer<ReplyDelta> textReplacedListener = replaced -> {};
  private Consumer<Reply.ToolCall> toolCallListener = call -> {};
  private Consumer<Reply> doneListener = reply -> {};
  private Consumer<Diagnostic> diagnosticListener = diagnostic -> {};

  private final Map<String, Role> roles = new HashMap<>();
  private final Map<String, MessageInfo> assistantMessages = new LinkedHashMap<>();
  /** Text and reasoning parts by part ID, in the order they first appeared. */
  private final Map<String, TextState> texts = new LinkedHashMap<>();
  /** Every part by part ID, as last updated. */
  private final Map<String, Part> parts = new LinkedHashMap<>();
  private final Map<String, Reply.ToolCall> toolCalls = new LinkedHashMap<>();
  private final Map<String, Reply.Step> steps = new LinkedHashMap<>();
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private OpenCodeError sessionError;
  /** Whether the event stream was lost since the turn began: deltas may have been missed. */
  private boolean gapSeen;
  /** The first user message seen: the prompt this reply answers. */
  private String userMessageID;
  private boolean started;
  private boolean done;

  /** What is known of one text or reasoning part. */
  private static final class TextState {
    final String messageID;
    final String partID;
    PartType kind;
    final StringBuilder text = new StringBuilder();
    /** Deltas that arrived before the part's kind was known. */
    final StringBuilder held = new StringBuilder();
    /** Whether the part's final text is known: deltas no longer add to it. */
    boolean ended;
    /** Whether deltas of the part may have been lost (the stream was down): later ones are not appended. */
    boolean gapped;
    /** Whether a delta that was not appended was reported. */
    boolean skipReported;

    TextState(String messageID, String partID) {
      this.messageID = messageID;
      this.partID = partID;
    }
  }

  private ReplyAccumulator(String sessionID) {
    this.sessionID = sessionID;
  }

  /** An accumulator for the next reply in {@code sessionID}. */
  public static ReplyAccumulator forSession(String sessionID) {
    if (sessionID == null || sessionID.isBlank()) {
      throw new IllegalArgumentException("sessionID must not be blank");
    }
    return new ReplyAccumulator(sessionID);
  }

  /** Calls {@code listener} with each text or reasoning delta, as it arrives. */
  public ReplyAccumulator onDelta(Consumer<ReplyDelta> listener) {
    this.deltaListener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * Calls {@code listener} when a part's text was replaced rather than extended: a final text (from an event or the
   * stored messages) that does not continue what was streamed. The delta carries the part's whole new text.
   */
  public ReplyAccumulator onTextReplaced(Consumer<ReplyDelta> listener) {
    this.textReplacedListener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /** Calls {@code listener} each time a tool call changes state. */
  public ReplyAccumulator onToolCall(Consumer<Reply.ToolCall> listener) {
    this.toolCallListener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /** Calls {@code listener} once, when the turn is done. */
  public ReplyAccumulator onDone(Consumer<Reply> listener) {
    this.doneListener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /** Calls {@code listener} with each diagnostic, as found. */
  public ReplyAccumulator onDiagnostic(Consumer<Diagnostic> listener) {
    this.diagnosticListener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /** The session followed. */
  public String sessionID() {
    return sessionID;
  }

  /** Whether the turn is done. */
  public boolean isDone() {
    return done;
  }

  /**
   * Whether the turn showed a sign of having started: the session went busy, or an assistant message, a part, a
   * delta or an error came.
   */
  public boolean isStarted() {
    return started;
  }

  /** The diagnostics found so far. */
  public List<Diagnostic> diagnostics() {
    return List.copyOf(diagnostics);
  }

  /**
   * Takes one event into account.
   *
   * @return whether the event was about this session (events of other sessions, and events naming no session,
   *     change nothing)
   */
  public boolean accept(OpenCodeEvent event) {
    if (!event.sessionID().filter(sessionID::equals).isPresent()) {
      return false;
    }
    if (event instanceof MessagePartDelta) {
      onPartDelta((MessagePartDelta) event);
    } else if (event instanceof MessagePartUpdated) {
      MessagePartUpdated updated = (MessagePartUpdated) event;
      onPart(updated.part(), updated.delta());
    } else if (event instanceof MessageUpdated) {
      onMessageUpdated(((MessageUpdated) event).info());
    } else if (event instanceof SessionStatusChanged) {
      Optional<SessionStatusType> status = ((SessionStatusChanged) event).status().type();
      if (status.filter(SessionStatusType.IDLE::equals).isPresent()) {
        onIdle(event);
      } else if (status.isPresent()) {
        started = true; // busy or retry
      }
    } else if (event instanceof SessionIdle) {
      onIdle(event);
    } else if (event instanceof SessionError) {
      started = true;
      if (sessionError == null) {
        sessionError = ((SessionError) event).error().orElse(null);
      }
    } else if (event instanceof MessagePartRemoved) {
      String partID = ((MessagePartRemoved) event).partID();
      texts.remove(partID);
      parts.remove(partID);
      toolCalls.remove(partID);
      steps.remove(partID);
    } else if (event instanceof MessageRemoved) {
      String messageID = ((MessageRemoved) event).messageID();
      assistantMessages.remove(messageID);
      texts.values().removeIf(t -> t.messageID.equals(messageID));
      parts.values().removeIf(p -> p.messageID().filter(messageID::equals).isPresent());
      toolCalls.values().removeIf(c -> c.messageID().equals(messageID));
      steps.values().removeIf(s -> s.messageID().equals(messageID));
    }
    return true;
  }

  /**
   * The event stream was lost (it reconnects; OpenCode replays nothing): the text parts under way may have missed
   * deltas, so their later deltas are not appended ({@link OpenCodeDiagnostics#DELTA_NOT_APPENDED}); their final
   * text, from an event or {@link #resync}, delivers what they missed as one more delta. The reply never shows a
   * text with a hole in it.
   */
  public void streamLost() {
    gapSeen = true;
    for (TextState state : texts.values()) {
      state.gapped |= !state.ended;
    }
  }

  /**
   * Brings the reply in line with the session's stored messages ({@code GET /session/{id}/message}, oldest first),
   * after the event stream was lost and events may have been missed. The turn's messages are the ones after its
   * prompt (the first user message this accumulator saw, else the last user message stored). Each of its assistant
   * messages and parts is taken into account as an event would be, with the same rules: text the deltas missed is
   * delivered as one more delta and text already streamed is not repeated; nothing older than what is known
   * replaces it, so a snapshot taken while the turn still runs is safe.
   *
   * @param messages the session's stored messages
   * @param sessionIdle whether the session is idle now ({@code GET /session/status} has no busy or retry entry for
   *     it), read before the messages: the turn is then over and, if it was not done yet, it is done now (even if
   *     nothing of it was stored). Only pass {@code true} once the server has accepted the prompt.
   */
  public void resync(List<MessageWithParts> messages, boolean sessionIdle) {
    Objects.requireNonNull(messages, "messages");
    int lastUser = -1;
    int ownPrompt = -1;
    for (int i = 0; i < messages.size(); i++) {
      Optional<MessageInfo> info = messages.get(i).info().filter(MessageInfo::isUser);
      Optional<String> id = info.flatMap(MessageInfo::id);
      if (info.isPresent()) {
        lastUser = i;
        id.ifPresent(user -> roles.put(user, Role.USER));
        if (id.isPresent() && id.get().equals(userMessageID)) {
          ownPrompt = i;
        }
      }
    }
    int prompt = ownPrompt >= 0 ? ownPrompt : lastUser;
    for (MessageWithParts message : messages.subList(prompt + 1, messages.size())) {
      Optional<MessageInfo> info = message.info()
          .filter(i -> i.isAssistant() && i.sessionID().map(sessionID::equals).orElse(true));
      if (info.isEmpty()) {
        continue;
      }
      onMessageUpdated(info.get());
      for (Part part : message.parts()) {
        onPart(part, Optional.empty());
      }
    }
    if (sessionIdle && !done) {
      started = true; // the server accepted the prompt and is idle again: the turn is over
      onIdle(null);
    }
  }

  /** The reply as built so far. */
  public Reply reply() {
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    for (TextState state : texts.values()) {
      if (isUser(state.messageID)) {
        continue;
      }
      if (PartType.REASONING.equals(state.kind)) {
        reasoning.append(state.text);
      } else if (PartType.TEXT.equals(state.kind)) {
        text.append(state.text);
      } else if (state.kind == null) {
        text.append(state.held); // never announced: most likely text, and already reported
      }
    }
    List<Part> replyParts = new ArrayList<>();
    for (Part part : parts.values()) {
      if (!isUser(part.messageID().orElse(""))) {
        replyParts.add(part);
      }
    }
    Reply.Usage usage = Reply.Usage.NONE;
    for (Reply.Step step : steps.values()) {
      usage = usage.plus(step);
    }
    Optional<ModelRef> model = Optional.empty();
    Optional<String> finish = Optional.empty();
    Optional<OpenCodeError> messageError = Optional.empty();
    for (MessageInfo info : assistantMessages.values()) {
      model = info.modelRef().isPresent() ? info.modelRef() : model;
      finish = info.finish().isPresent() ? info.finish() : finish;
      messageError = info.error().isPresent() ? info.error() : messageError;
    }
    Optional<OpenCodeError> error = sessionError != null ? Optional.of(sessionError) : messageError;
    return new Reply(sessionID, text.toString(), reasoning.toString(), replyParts,
        new ArrayList<>(toolCalls.values()), new ArrayList<>(steps.values()), usage, model, finish, error,
        new ArrayList<>(assistantMessages.keySet()), done);
  }

  private void onMessageUpdated(MessageInfo info) {
    Optional<String> id = info.id();
    if (id.isEmpty()) {
      return;
    }
    info.role().ifPresent(role -> roles.put(id.get(), role));
    if (info.isUser() && userMessageID == null) {
      userMessageID = id.get();
    }
    if (info.isAssistant()) {
      started = true;
      MessageInfo known = assistantMessages.get(id.get());
      if (known == null || !(known.isCompleted() && !info.isCompleted())) {
        assistantMessages.put(id.get(), info); // a completed message is not replaced by an earlier snapshot
      }
    }
  }

  private void onPartDelta(MessagePartDelta delta) {
    if (isUser(delta.messageID())) {
      return;
    }
    if (!"text".equals(delta.field())) {
      diagnose(OpenCodeDiagnostics.DELTA_FIELD_IGNORED,
          "delta for field '" + delta.field() + "' of part " + delta.partID() + " is not reply text", "");
      return;
    }
    started = true;
    TextState state = texts.computeIfAbsent(delta.partID(), id -> {
      TextState fresh = new TextState(delta.messageID(), id);
      fresh.gapped = gapSeen; // after a gap, a part first seen by a delta may have begun before it
      return fresh;
    });
    if (state.ended || state.gapped) {
      if (!state.skipReported) {
        state.skipReported = true;
        diagnose(OpenCodeDiagnostics.DELTA_NOT_APPENDED, "deltas for part " + delta.partID()
            + (state.ended ? " after its final text" : " after deltas were lost") + "; not appended, its final text"
            + " says what it is", "");
      }
      return;
    }
    if (state.kind == null) {
      if (state.held.length() == 0) {
        diagnose(OpenCodeDiagnostics.DELTA_BEFORE_PART,
            "delta for part " + delta.partID() + " before its message.part.updated; held until its kind is known",
            "");
      }
      state.held.append(delta.delta());
      return;
    }
    state.text.append(delta.delta());
    emit(state, delta.delta());
  }

  /**
   * Takes a part into account, from {@code message.part.updated} or the stored messages.
   *
   * @param legacyDelta the {@code delta} of a {@code message.part.updated} from servers before
   *     {@code message.part.delta}
   */
  private void onPart(Part part, Optional<String> legacyDelta) {
    Optional<String> partID = part.id();
    String messageID = part.messageID().orElse("");
    if (partID.isEmpty() || isUser(messageID)) {
      return;
    }
    started = true;
    Part known = parts.get(partID.get());
    if (known != null && isOlder(part, known)) {
      return;
    }
    parts.put(partID.get(), part);
    if (part.is(PartType.TEXT) || part.is(PartType.REASONING)) {
      TextState state = texts.computeIfAbsent(partID.get(), id -> new TextState(messageID, id));
      if (state.kind == null) {
        state.kind = part.type().orElseThrow();
        if (state.held.length() > 0) {
          String held = state.held.toString();
          state.held.setLength(0);
          state.text.append(held);
          emit(state, held);
        }
      }
      legacyDelta.ifPresent(delta -> {
        state.text.append(delta);
        emit(state, delta);
      });
      boolean isFinal = part.time().flatMap(TimeSpan::end).isPresent();
      part.text().ifPresent(full -> reconcile(state, full, isFinal));
      state.ended |= isFinal;
    } else if (part.is(PartType.TOOL)) {
      Reply.ToolCall call = Reply.ToolCall.of(part);
      toolCalls.put(partID.get(), call);
      toolCallListener.accept(call);
    } else if (part.is(PartType.STEP_FINISH)) {
      steps.put(partID.get(), Reply.Step.of(part));
    }
  }

  /**
   * Whether {@code candidate} is an earlier state of the part than {@code known}: a tool call that is not as far
   * along (pending, running, then completed or error), or a text without an end when the known one had ended.
   */
  private static boolean isOlder(Part candidate, Part known) {
    if (candidate.is(PartType.TOOL)) {
      return progress(candidate) < progress(known);
    }
    return known.time().flatMap(TimeSpan::end).isPresent() && candidate.time().flatMap(TimeSpan::end).isEmpty();
  }

  /** How far a tool call is: 0 pending, 1 running, 2 completed or error; unknown statuses count as the start. */
  private static int progress(Part tool) {
    Optional<ToolStatus> status = tool.state().flatMap(ToolState::status);
    if (status.filter(s -> s.equals(ToolStatus.COMPLETED) || s.equals(ToolStatus.ERROR)).isPresent()) {
      return 2;
    }
    return status.filter(ToolStatus.RUNNING::equals).isPresent() ? 1 : 0;
  }

  /** Brings the streamed text of a part in line with a full text the server sent. */
  private void reconcile(TextState state, String full, boolean isFinal) {
    String streamed = state.text.toString();
    if (full.equals(streamed)) {
      return;
    }
    if (full.startsWith(streamed)) {
      String missed = full.substring(streamed.length());
      state.text.append(missed);
      emit(state, missed);
    } else if (!isFinal && streamed.startsWith(full)) {
      return; // an older snapshot than the deltas already seen
    } else {
      diagnose(OpenCodeDiagnostics.TEXT_MISMATCH, "the text of part " + state.partID + " (" + full.length()
          + " chars) does not continue its streamed text (" + streamed.length() + " chars); using the server's",
          "");
      state.text.setLength(0);
      state.text.append(full);
      textReplacedListener.accept(new ReplyDelta(kindOf(state), state.messageID, state.partID, full));
    }
  }

  /** An idle signal: {@code event}, or {@code null} for the stored state read by {@link #resync}. */
  private void onIdle(OpenCodeEvent event) {
    if (done) {
      return;
    }
    if (!started) {
      diagnose(OpenCodeDiagnostics.IDLE_BEFORE_TURN,
          event.type() + " before the turn started; not taken as its end", event.id());
      return;
    }
    done = true;
    doneListener.accept(reply());
  }

  private void emit(TextState state, String text) {
    if (text.isEmpty() || !(PartType.TEXT.equals(state.kind) || PartType.REASONING.equals(state.kind))) {
      return;
    }
    deltaListener.accept(new ReplyDelta(kindOf(state), state.messageID, state.partID, text));
  }

  private static ReplyDelta.Kind kindOf(TextState state) {
    return PartType.REASONING.equals(state.kind) ? ReplyDelta.Kind.REASONING : ReplyDelta.Kind.TEXT;
  }

  private boolean isUser(String messageID) {
    return Role.USER.equals(roles.get(messageID));
  }

  private void diagnose(String code, String message, String excerpt) {
    Diagnostic diagnostic = Diagnostic.of(code, message, excerpt);
    diagnostics.add(diagnostic);
    diagnosticListener.accept(diagnostic);
  }

  @Override
  public String toString() {
    return "ReplyAccumulator[" + sessionID + (done ? ", done" : started ? ", started" : "") + "]";
  }
}
