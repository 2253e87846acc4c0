package io.github.ssekit.opencode;

import io.github.ssekit.opencode.event.MessagePartDelta;
import io.github.ssekit.opencode.event.MessagePartUpdated;
import io.github.ssekit.opencode.event.MessageUpdated;
import io.github.ssekit.opencode.event.OpenCodeEvent;
import io.github.ssekit.opencode.event.PermissionAsked;
import io.github.ssekit.opencode.event.PermissionReplied;
import io.github.ssekit.opencode.event.PermissionV2Asked;
import io.github.ssekit.opencode.event.QuestionAsked;
import io.github.ssekit.opencode.event.QuestionRejected;
import io.github.ssekit.opencode.event.QuestionReplied;
import io.github.ssekit.opencode.event.ServerConnected;
import io.github.ssekit.opencode.model.MessageInfo;
import io.github.ssekit.opencode.model.MessageWithParts;
import io.github.ssekit.opencode.model.ImmutablePermissionRequest;
import io.github.ssekit.opencode.model.OpenCodeError;
import io.github.ssekit.opencode.model.PermissionRequest;
import io.github.ssekit.opencode.model.QuestionRequest;
import io.github.ssekit.opencode.model.SessionStatus;
import io.github.ssekit.opencode.request.PromptBody;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.protocol.DiagnosticLimits;
import io.github.ssekit.sse.protocol.DiagnosticSummary;
import io.github.ssekit.sse.protocol.ResponseMetadata;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * One prompt to an OpenCode session and its reply, from before the prompt is sent to the end of the turn, with no
 * transport: a driver (such as the Vert.x {@code OpenCodeClient} or the chat relay) feeds it what happens and
 * executes what it asks for.
 *
 * <p>Inputs, each answering the {@link TurnCommand}s to execute, in order:
 *
 * <ul>
 *   <li>{@link #onEvent} with every event of the session's event stream ({@code /event} in the session's
 *       directory), {@code server.connected} included (or {@link #onConnected()} when the stream was connected
 *       already); events of other sessions change nothing. {@link #onReconnecting()} when the stream was lost.
 *   <li>{@link #onPromptAccepted(ResponseMetadata)} (or {@link #onPromptAccepted()}) or {@link #onPromptFailed} for
 *       {@link TurnCommand.SendPrompt};
 *       {@link #onSessionStatuses}, {@link #onStoredMessages} or {@link #onFetchFailed} for
 *       {@link TurnCommand.FetchStatus} and {@link TurnCommand.FetchMessages}.
 *   <li>{@link #onStreamDiagnostic} with each diagnostic of the event stream's decoder.
 *   <li>{@link #cancel()}, {@link #onStreamFailed}, {@link #abandon}.
 * </ul>
 *
 * <p>What it decides:
 *
 * <ul>
 *   <li><b>When to prompt.</b> Only once the event stream is connected ({@link TurnCommand.SendPrompt}), so no
 *       event of the turn can be missed. Events before that are not the turn's (a previous turn's late events, on a
 *       shared stream) and are ignored.
 *   <li><b>The reply</b>, through a {@link ReplyAccumulator}: deltas ({@link #onDelta}), tool calls, the end at the
 *       session's first idle after the turn started ({@link TurnCommand.Complete}; {@code session.idle} may come
 *       twice, the second changes nothing). Its size is bounded by {@link #maxReplyChars}.
 *   <li><b>Another turn's late events</b> are left out: once the turn's own prompt is known (the first user
 *       message after the prompt was sent), an assistant message answering another prompt ({@code parentID}), such
 *       as the final message of an aborted previous turn, is not this reply's, nor are its parts.
 *   <li><b>Waiting.</b> A {@code permission.asked} or {@code question.asked} for the session makes the turn
 *       {@link TurnState#WAITING} until it is answered ({@code permission.replied}, {@code question.replied},
 *       {@code question.rejected}); {@link #onWaiting} is told each request.
 *   <li><b>Reconnections.</b> OpenCode replays nothing. After a reconnection (once the prompt was accepted) it asks
 *       for the session status ({@link TurnCommand.FetchStatus}), then for the stored messages
 *       ({@link TurnCommand.FetchMessages}), and hands them to {@link ReplyAccumulator#resync}: text missed is
 *       delivered, text streamed is not repeated, and if the session went idle meanwhile the turn ends. An end
 *       signalled while this is under way waits for it, so the reply is complete.
 *   <li><b>Diagnostics</b>, the reply assembly's and the decoder's, in the accumulator's one record: each code is
 *       told to {@link #onDiagnostic} once, at its first occurrence, and counted in {@link #diagnostics()}; every
 *       occurrence goes to {@link #onEveryDiagnostic}, and is kept one by one only up to the default
 *       {@link io.github.ssekit.sse.protocol.DiagnosticLimits}.
 *   <li><b>Aborts.</b> {@link #cancel()} before the prompt was sent: nothing is sent and the turn fails with a
 *       {@link CancellationException} ({@link TurnState#ABORTED}). While the prompt is in flight: the abort is sent
 *       once the server accepted it. After: {@link TurnCommand.SendAbort} now; the turn then completes at the next
 *       idle with a {@code MessageAbortedError} and the text so far.
 * </ul>
 *
 * <p>Not thread-safe: feed it from one thread or event loop, and do not call it from its own callbacks (queue what
 * they want done). The callbacks run during the input that caused them.
 */
public final class Turn {
  private final String sessionID;
  private final PromptBody prompt;
  private final ReplyAccumulator accumulator;
  private Consumer<ReplyDelta> deltaListener = delta -> {};
  private Consumer<ReplyDelta> textReplacedListener = replaced -> {};
  private Consumer<Reply.ToolCall> toolCallListener = call -> {};
  private Consumer<PendingRequest> waitingListener = request -> {};
  private Consumer<TurnState> stateListener = state -> {};
  private Consumer<Diagnostic> diagnosticListener = diagnostic -> {};
  private Consumer<Diagnostic> everyDiagnosticListener = diagnostic -> {};
  private long maxReplyChars = Long.MAX_VALUE;

  private TurnState state = TurnState.CONNECTING;
  private boolean promptAccepted;
  /** The response that accepted the prompt, as the driver handed it; put on the reply. */
  private ResponseMetadata promptResponse = ResponseMetadata.NONE;
  /** {@link #cancel()} came once the prompt was sent: the abort goes (or went) to the server. */
  private boolean abortRequested;
  private boolean abortSent;
  private boolean streamConnected;
  /** Events may have been lost: the stored state is read once the stream is back and the prompt accepted. */
  private boolean resyncNeeded;
  /** The session status or messages were asked for and have not come yet. */
  private boolean resyncing;
  /** What the session status said in the resync under way. */
  private boolean idleAtResync;
  private long replyChars;
  private final Map<String, PendingRequest> pending = new LinkedHashMap<>();
  /** The turn's own prompt: the first user message seen once the prompt was sent. */
  private String userMessageID;
  /** Assistant messages answering another prompt (a previous turn's, late); one entry per such message seen. */
  private final Set<String> otherTurnsMessages = new HashSet<>();
  /** The commands of the input being handled. */
  private List<TurnCommand> out = new ArrayList<>();

  private Turn(String sessionID, PromptBody prompt, DiagnosticLimits limits) {
    this.sessionID = sessionID;
    this.prompt = prompt;
    this.accumulator = ReplyAccumulator.forSession(sessionID, limits)
        .onDelta(this::delta)
        .onTextReplaced(replaced -> {
          if (!state.isTerminal()) {
            textReplacedListener.accept(replaced);
          }
        })
        .onToolCall(call -> {
          if (!state.isTerminal()) {
            toolCallListener.accept(call);
          }
        })
        .onDiagnostic(diagnostic -> diagnosticListener.accept(diagnostic))
        .onEveryDiagnostic(diagnostic -> everyDiagnosticListener.accept(diagnostic))
        .onDone(this::done);
  }

  /** A turn that sends {@code prompt} to {@code sessionID}. */
  public static Turn of(String sessionID, PromptBody prompt) {
    return of(sessionID, prompt, DiagnosticLimits.DEFAULT);
  }

  /**
   * A turn that sends {@code prompt} to {@code sessionID}, keeping diagnostic occurrences one by one only up to
   * {@code limits} (counts are always exact; see {@link #diagnosticOccurrences()}).
   */
  public static Turn of(String sessionID, PromptBody prompt, DiagnosticLimits limits) {
    if (sessionID == null || sessionID.isBlank()) {
      throw new IllegalArgumentException("sessionID must not be blank");
    }
    return new Turn(sessionID, Objects.requireNonNull(prompt, "prompt"), Objects.requireNonNull(limits, "limits"));
  }

  /** Calls {@code listener} with each text or reasoning delta of the reply, as it arrives. */
  public Turn onDelta(Consumer<ReplyDelta> listener) {
    this.deltaListener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /** Calls {@code listener} when a part's text was replaced, not extended (see {@link ReplyAccumulator#onTextReplaced}). */
  public Turn onTextReplaced(Consumer<ReplyDelta> listener) {
    this.textReplacedListener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /** Calls {@code listener} each time a tool call changes state. */
  public Turn onToolCall(Consumer<Reply.ToolCall> listener) {
    this.toolCallListener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /** Calls {@code listener} with each permission request or question the turn starts waiting for. */
  public Turn onWaiting(Consumer<PendingRequest> listener) {
    this.waitingListener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /** Calls {@code listener} with each new state. */
  public Turn onStateChange(Consumer<TurnState> listener) {
    this.stateListener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * Calls {@code listener} with the first occurrence of each diagnostic code, the reply assembly's and the
   * decoder's ({@link #onStreamDiagnostic}): once per code, in the order of {@link #diagnostics()}.
   */
  public Turn onDiagnostic(Consumer<Diagnostic> listener) {
    this.diagnosticListener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /** Calls {@code listener} with every occurrence of every diagnostic, after {@link #onDiagnostic}. */
  public Turn onEveryDiagnostic(Consumer<Diagnostic> listener) {
    this.everyDiagnosticListener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * Bounds the reply: once its text and reasoning pass {@code characters}, the turn is aborted at the server and
   * fails ({@link TurnCommand.Fail.Reason#REPLY_TOO_LARGE}); the delta that passed it is not delivered. Unbounded by
   * default.
   */
  public Turn maxReplyChars(long characters) {
    if (characters <= 0) {
      throw new IllegalArgumentException("maxReplyChars must be positive: " + characters);
    }
    this.maxReplyChars = characters;
    return this;
  }

  /** The limit of {@link #maxReplyChars(long)}. */
  public long maxReplyChars() {
    return maxReplyChars;
  }

  /** The session. */
  public String sessionID() {
    return sessionID;
  }

  /** The prompt. */
  public PromptBody prompt() {
    return prompt;
  }

  /** Where the turn is. */
  public TurnState state() {
    return state;
  }

  /** What the turn waits for, oldest first; empty unless {@link TurnState#WAITING}. */
  public List<PendingRequest> pending() {
    return List.copyOf(pending.values());
  }

  /** Whether the turn waits for the permission request or question {@code requestID}. */
  public boolean isPending(String requestID) {
    return pending.containsKey(requestID);
  }

  /** The reply as built so far, with the response metadata of the accepted prompt once it is known. */
  public Reply reply() {
    return accumulator.reply().withResponseMetadata(promptResponse);
  }

  /** The diagnostics so far, one per code with its count (see {@link ReplyAccumulator#diagnostics()}). */
  public List<DiagnosticSummary> diagnostics() {
    return accumulator.diagnostics();
  }

  /** The diagnostics one by one, up to the limits (see {@link ReplyAccumulator#diagnosticOccurrences()}). */
  public List<Diagnostic> diagnosticOccurrences() {
    return accumulator.diagnosticOccurrences();
  }

  /** How many occurrences {@link #diagnosticOccurrences()} leaves out because of the limits. */
  public long diagnosticOccurrencesNotKept() {
    return accumulator.diagnosticOccurrencesNotKept();
  }

  // ---- inputs ----

  /** An event of the session's event stream ({@code server.connected} included). */
  public List<TurnCommand> onEvent(OpenCodeEvent event) {
    Objects.requireNonNull(event, "event");
    if (event instanceof ServerConnected) {
      return onConnected();
    }
    return handle(() -> {
      if (state == TurnState.CONNECTING || !event.sessionID().filter(sessionID::equals).isPresent()) {
        return; // before the prompt: not this turn's
      }
      if (isAnotherTurns(event)) {
        return;
      }
      accumulator.accept(event);
      if (!state.isTerminal()) {
        track(event);
        settle();
      }
    });
  }

  /** The event stream is connected (its {@code server.connected}, or already connected when the turn began). */
  public List<TurnCommand> onConnected() {
    return handle(() -> {
      streamConnected = true;
      if (state == TurnState.CONNECTING) {
        setState(TurnState.PROMPT_SENT);
        out.add(new TurnCommand.SendPrompt(prompt));
      } else {
        resyncIfDue();
      }
    });
  }

  /**
   * A diagnostic of the event stream's decoder (malformed JSON, an unexpected shape, a skipped sync frame, ...):
   * recorded with the reply assembly's, so the listeners see each code once. Ignored once the turn is over.
   */
  public List<TurnCommand> onStreamDiagnostic(Diagnostic diagnostic) {
    Objects.requireNonNull(diagnostic, "diagnostic");
    return handle(() -> accumulator.recordDiagnostic(diagnostic));
  }

  /** The event stream was lost and reconnects: events sent meanwhile are lost. */
  public List<TurnCommand> onReconnecting() {
    return handle(() -> {
      streamConnected = false;
      if (state != TurnState.CONNECTING) {
        resyncNeeded = true;
        accumulator.streamLost();
      }
    });
  }

  /** The server accepted the prompt ({@code prompt_async} answered 2xx); the reply has no response metadata. */
  public List<TurnCommand> onPromptAccepted() {
    return onPromptAccepted(ResponseMetadata.NONE);
  }

  /**
   * The server accepted the prompt ({@code prompt_async} answered 2xx) with {@code response}: its status and headers
   * become the reply's {@link Reply#responseMetadata()} (the driver has cut out the credentials the request carried).
   */
  public List<TurnCommand> onPromptAccepted(ResponseMetadata response) {
    Objects.requireNonNull(response, "response");
    return handle(() -> {
      if (state == TurnState.CONNECTING || promptAccepted) {
        return;
      }
      promptAccepted = true;
      promptResponse = response;
      if (abortRequested) {
        sendAbort();
      }
      resyncIfDue();
      settle();
    });
  }

  /** The prompt could not be sent, or the server refused it. */
  public List<TurnCommand> onPromptFailed(Throwable cause) {
    Objects.requireNonNull(cause, "cause");
    return handle(() -> fail(TurnCommand.Fail.Reason.PROMPT_FAILED, cause));
  }

  /** The answer to {@link TurnCommand.FetchStatus}: {@code GET /session/status} (busy and retrying sessions). */
  public List<TurnCommand> onSessionStatuses(Map<String, SessionStatus> statuses) {
    Objects.requireNonNull(statuses, "statuses");
    return handle(() -> {
      if (!resyncing) {
        return;
      }
      SessionStatus status = statuses.get(sessionID);
      idleAtResync = status == null || status.isIdle();
      // also while busy: the parts that ended while the stream was down are in the store, not in any event to come
      out.add(new TurnCommand.FetchMessages());
    });
  }

  /** The answer to {@link TurnCommand.FetchMessages}: the session's stored messages, oldest first. */
  public List<TurnCommand> onStoredMessages(List<MessageWithParts> messages) {
    Objects.requireNonNull(messages, "messages");
    return handle(() -> {
      if (!resyncing) {
        return;
      }
      resyncing = false;
      accumulator.resync(messages, idleAtResync);
      if (!state.isTerminal() && accumulator.isDone() && !resyncNeeded) {
        finish(accumulator.reply()); // it ended while this resync was under way
      }
      if (!state.isTerminal()) {
        settle();
        resyncIfDue(); // lost again meanwhile
      }
    });
  }

  /**
   * The answer to {@link TurnCommand.FetchPending}: the pending permission requests ({@code GET /permission}) and
   * questions ({@code GET /question}) of the directory. The session's become what the turn waits for: a request
   * asked while the stream was down is told to {@link #onWaiting}, one answered meanwhile is no longer pending.
   * Ignored before the prompt was accepted and once the turn is over.
   */
  public List<TurnCommand> onPendingRequests(List<PermissionRequest> permissions, List<QuestionRequest> questions) {
    Objects.requireNonNull(permissions, "permissions");
    Objects.requireNonNull(questions, "questions");
    return handle(() -> {
      if (!promptAccepted) {
        return;
      }
      Map<String, PendingRequest> now = new LinkedHashMap<>();
      for (PermissionRequest p : permissions) {
        if (p.sessionID().filter(sessionID::equals).isPresent() && p.id().isPresent()) {
          now.put(p.id().get(), new PendingRequest.Permission(p.id().get(), p));
        }
      }
      for (QuestionRequest q : questions) {
        if (q.sessionID().filter(sessionID::equals).isPresent() && q.id().isPresent()) {
          now.put(q.id().get(), new PendingRequest.Question(q.id().get(), q));
        }
      }
      pending.keySet().retainAll(now.keySet());
      now.values().forEach(this::startWaiting);
      settle();
    });
  }

  /** {@link TurnCommand.FetchStatus} or {@link TurnCommand.FetchMessages} failed: the turn cannot be followed. */
  public List<TurnCommand> onFetchFailed(Throwable cause) {
    Objects.requireNonNull(cause, "cause");
    return handle(() -> fail(TurnCommand.Fail.Reason.RESYNC_FAILED, cause));
  }

  /** The event stream failed for good (it will not reconnect). */
  public List<TurnCommand> onStreamFailed(Throwable cause) {
    Objects.requireNonNull(cause, "cause");
    return handle(() -> fail(TurnCommand.Fail.Reason.STREAM_FAILED, cause));
  }

  /** The driver gives the turn up (it was closed, or its own code failed); nothing is sent to the server. */
  public List<TurnCommand> abandon(Throwable cause) {
    Objects.requireNonNull(cause, "cause");
    return handle(() -> fail(TurnCommand.Fail.Reason.ABANDONED, cause));
  }

  /**
   * Aborts the turn: before the prompt was sent, it fails at once with a {@link CancellationException}; while the
   * prompt is in flight, the abort is sent once it is accepted; after, {@link TurnCommand.SendAbort} now. Repeated
   * and late cancels change nothing.
   */
  public List<TurnCommand> cancel() {
    return handle(() -> {
      if (state == TurnState.CONNECTING) {
        fail(TurnCommand.Fail.Reason.CANCELLED, new CancellationException("cancelled before the prompt was sent"));
        return;
      }
      abortRequested = true;
      if (promptAccepted) {
        sendAbort();
      } // else: sent by onPromptAccepted
    });
  }

  /**
   * The driver's deadline for the whole turn expired: once the prompt was sent, {@link TurnCommand.SendAbort} (the
   * server's turn would go on for nothing), and the turn completes at once with the reply so far (its
   * {@link Reply#done()} is {@code false}). Before the prompt was sent, nothing is sent. Late calls change nothing.
   */
  public List<TurnCommand> deadlineExpired() {
    return handle(() -> {
      if (state != TurnState.CONNECTING) {
        sendAbort();
      }
      finish(accumulator.reply());
    });
  }

  // ---- decisions ----

  /** Runs one input and answers the commands it produced; nothing changes once the turn is over. */
  private List<TurnCommand> handle(Runnable input) {
    if (state.isTerminal()) {
      return List.of();
    }
    List<TurnCommand> outer = out; // an input from a callback of another one gets its own commands
    out = new ArrayList<>();
    try {
      input.run();
      return List.copyOf(out);
    } finally {
      out = outer;
    }
  }

  /**
   * Whether {@code event} belongs to another turn: once the turn's own prompt is known, an assistant message
   * answering another user message ({@code parentID}), such as the final message of an aborted previous turn on a
   * shared stream, and its parts are not this reply's.
   */
  private boolean isAnotherTurns(OpenCodeEvent event) {
    if (event instanceof MessageUpdated updated) {
      MessageInfo info = updated.info();
      if (info.isUser() && userMessageID == null) {
        userMessageID = info.id().orElse(null);
      } else if (info.isAssistant() && userMessageID != null && info.id().isPresent()
          && info.parentID().filter(parent -> !parent.equals(userMessageID)).isPresent()) {
        otherTurnsMessages.add(info.id().get());
      }
      return info.id().filter(otherTurnsMessages::contains).isPresent();
    }
    if (event instanceof MessagePartUpdated updated) {
      return updated.part().messageID().filter(otherTurnsMessages::contains).isPresent();
    }
    if (event instanceof MessagePartDelta delta) {
      return otherTurnsMessages.contains(delta.messageID());
    }
    return false;
  }

  private void resyncIfDue() {
    if (resyncNeeded && streamConnected && promptAccepted && !resyncing) {
      resyncNeeded = false;
      resyncing = true;
      out.add(new TurnCommand.FetchStatus());
      // a request asked or answered while the stream was down is in no event to come; the turn does not wait for it
      out.add(new TurnCommand.FetchPending());
    }
  }

  /** Follows what the turn waits for. */
  private void track(OpenCodeEvent event) {
    if (event instanceof PermissionAsked asked) {
      asked.request().id().ifPresent(id -> startWaiting(new PendingRequest.Permission(id, asked.request())));
    } else if (event instanceof PermissionV2Asked asked) {
      startWaiting(new PendingRequest.Permission(asked.requestID(), ImmutablePermissionRequest.builder()
          .id(asked.requestID()).sessionID(sessionID).permission(asked.action())
          .patterns(asked.resources()).always(asked.save()).build()));
    } else if (event instanceof QuestionAsked asked) {
      asked.request().id().ifPresent(id -> startWaiting(new PendingRequest.Question(id, asked.request())));
    } else if (event instanceof PermissionReplied replied) {
      pending.remove(replied.requestID());
    } else if (event instanceof QuestionReplied replied) {
      pending.remove(replied.requestID());
    } else if (event instanceof QuestionRejected rejected) {
      pending.remove(rejected.requestID());
    }
  }

  private void startWaiting(PendingRequest request) {
    if (pending.putIfAbsent(request.id(), request) == null) {
      waitingListener.accept(request);
    }
  }

  /** The state the facts give, for a turn that is neither connecting nor over. */
  private void settle() {
    if (state.isTerminal() || state == TurnState.CONNECTING) {
      return;
    }
    TurnState next = !pending.isEmpty() ? TurnState.WAITING
        : accumulator.isStarted() ? TurnState.STREAMING
        : promptAccepted ? TurnState.PROMPT_ACCEPTED
        : TurnState.PROMPT_SENT;
    setState(next);
  }

  private void delta(ReplyDelta delta) {
    if (state.isTerminal()) {
      return;
    }
    replyChars += delta.text().length();
    if (replyChars > maxReplyChars) {
      sendAbort(); // the server's turn would go on for nothing
      fail(TurnCommand.Fail.Reason.REPLY_TOO_LARGE, new SseException("the reply is larger than "
          + maxReplyChars + " characters: the turn was aborted"));
      return;
    }
    deltaListener.accept(delta);
  }

  /** The accumulator saw the end; if a resync is under way or due, the end waits for it. */
  private void done(Reply reply) {
    if (!state.isTerminal() && !resyncing && !resyncNeeded) {
      finish(reply);
    }
  }

  private void sendAbort() {
    if (!abortSent) {
      abortSent = true;
      out.add(new TurnCommand.SendAbort());
    }
  }

  private void finish(Reply reply) {
    if (state.isTerminal()) {
      return;
    }
    pending.clear();
    boolean aborted = reply.error().filter(e -> e.is(OpenCodeError.MESSAGE_ABORTED_ERROR)).isPresent();
    setState(aborted ? TurnState.ABORTED : reply.failed() ? TurnState.FAILED : TurnState.DONE);
    out.add(new TurnCommand.Complete(reply.withResponseMetadata(promptResponse))); // the accumulator's has none
  }

  private void fail(TurnCommand.Fail.Reason reason, Throwable cause) {
    if (state.isTerminal()) {
      return;
    }
    pending.clear();
    setState(reason == TurnCommand.Fail.Reason.CANCELLED ? TurnState.ABORTED : TurnState.FAILED);
    out.add(new TurnCommand.Fail(reason, cause));
  }

  private void setState(TurnState next) {
    if (next != state) {
      state = next;
      stateListener.accept(next);
    }
  }

  /** The session, the state and the reply's sizes only: the prompt and the reply may be private. */
  @Override
  public String toString() {
    return "Turn[" + sessionID + ", " + state + (pending.isEmpty() ? "" : ", waiting for " + pending.keySet())
        + ", " + accumulator.reply() + "]";
  }
}
