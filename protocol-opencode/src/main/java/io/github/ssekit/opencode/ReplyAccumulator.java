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
import io.github.ssekit.opencode.model.OpenCodeError;
import io.github.ssekit.opencode.model.Part;
import io.github.ssekit.opencode.model.PartType;
import io.github.ssekit.opencode.model.Role;
import io.github.ssekit.opencode.model.SessionStatusType;
import io.github.ssekit.opencode.model.TimeSpan;
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
 *       {@link OpenCodeDiagnostics#TEXT_MISMATCH} diagnostic.
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
 * sessions are ignored), and read {@link #reply()} at any time. Not thread-safe: feed it from one thread or event
 * loop. One accumulator per prompt.
 */
public final class ReplyAccumulator {
  private final String sessionID;
  private Consumer<ReplyDelta> deltaListener = delta -> {};
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
      onPartUpdated((MessagePartUpdated) event);
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
    if (info.isAssistant()) {
      started = true;
      assistantMessages.put(id.get(), info);
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
    TextState state = texts.computeIfAbsent(delta.partID(), id -> new TextState(delta.messageID(), id));
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

  private void onPartUpdated(MessagePartUpdated event) {
    Part part = event.part();
    Optional<String> partID = part.id();
    String messageID = part.messageID().orElse("");
    if (partID.isEmpty() || isUser(messageID)) {
      return;
    }
    started = true;
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
      event.delta().ifPresent(delta -> { // servers before message.part.delta sent the delta here
        state.text.append(delta);
        emit(state, delta);
      });
      part.text().ifPresent(full -> reconcile(state, full, part.time().flatMap(TimeSpan::end).isPresent()));
    } else if (part.is(PartType.TOOL)) {
      Reply.ToolCall call = Reply.ToolCall.of(part);
      toolCalls.put(partID.get(), call);
      toolCallListener.accept(call);
    } else if (part.is(PartType.STEP_FINISH)) {
      steps.put(partID.get(), Reply.Step.of(part));
    }
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
    }
  }

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
    if (text.isEmpty()) {
      return;
    }
    if (PartType.TEXT.equals(state.kind)) {
      deltaListener.accept(new ReplyDelta(ReplyDelta.Kind.TEXT, state.messageID, state.partID, text));
    } else if (PartType.REASONING.equals(state.kind)) {
      deltaListener.accept(new ReplyDelta(ReplyDelta.Kind.REASONING, state.messageID, state.partID, text));
    }
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
