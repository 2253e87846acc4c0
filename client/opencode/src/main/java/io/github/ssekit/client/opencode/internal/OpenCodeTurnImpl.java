package io.github.ssekit.client.opencode.internal;

import io.github.ssekit.client.SseConnectionException;
import io.github.ssekit.client.internal.BlockingIterator;
import io.github.ssekit.client.internal.DerivedStream;
import io.github.ssekit.client.internal.EventLoop;
import io.github.ssekit.client.internal.ReadStreamPublisher;
import io.github.ssekit.client.opencode.OpenCodeEventStream;
import io.github.ssekit.client.opencode.OpenCodeReplyIterator;
import io.github.ssekit.client.opencode.OpenCodeSessionBusyException;
import io.github.ssekit.client.opencode.OpenCodeTurn;
import io.github.ssekit.client.opencode.OpenCodeTurnListener;
import io.github.ssekit.opencode.PendingRequest;
import io.github.ssekit.opencode.Reply;
import io.github.ssekit.opencode.ReplyDelta;
import io.github.ssekit.opencode.Turn;
import io.github.ssekit.opencode.TurnCommand;
import io.github.ssekit.opencode.TurnState;
import io.github.ssekit.opencode.event.OpenCodeEvent;
import io.github.ssekit.opencode.model.SessionStatus;
import io.github.ssekit.opencode.request.PermissionReply;
import io.github.ssekit.opencode.request.PromptBody;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.protocol.ResponseMetadata;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.function.Function;

/**
 * One {@link io.github.ssekit.client.opencode.OpenCodeClient#streamPrompt} turn: protocol-opencode's {@link Turn}
 * driven over this client. Events go in from the turn's own {@code /event} stream, the turn's commands go out as
 * HTTP calls, and the reply completes as the turn decides. No decision is taken here.
 *
 * <p>The {@link Turn} is guarded by {@code this}: events come on the stream's event loop, {@link #cancel()} and
 * {@link #fail} from any thread. The listener calls a turn input causes are collected while the lock is held and
 * made after it is released, in order, so a listener may call {@link #cancel()}. The answers to the turn's calls
 * are handed back on the stream's event loop, so its deltas reach the listener there.
 *
 * <p>A turn of {@code pullPrompt} also hands its deltas to a {@link DerivedStream} for the pull consumer (the
 * transport's blocking iterator or Flow adapter): its event stream is opened on the turn's own event loop and read
 * as the consumer asks for deltas, so the consumer's demand reaches TCP; the deltas end when the reply completes.
 */
final class OpenCodeTurnImpl implements OpenCodeTurn {
  private final OpenCodeClientImpl client;
  private final String sessionID;
  private final OpenCodeTurnListener listener;
  private final Promise<Reply> result = Promise.promise();
  private final Promise<Void> abortSent = Promise.promise();
  /** For a pulled turn: its event loop (the stream's too) and the deltas there; else {@code null}. */
  private final EventLoop loop;
  private final DerivedStream<ReplyDelta> deltas;
  /** Whether the deltas were taken by an iterator or a publisher; guarded by {@code this}. */
  private boolean deltasTaken;
  /** Guarded by {@code this}. */
  private final Turn turn;
  /** The listener calls of the turn input being handled; guarded by {@code this}, made after it. */
  private final List<Runnable> told = new ArrayList<>();
  /** Guarded by {@code this}. */
  private OpenCodeEventStream stream;
  /** Abort calls sent and not answered yet; guarded by {@code this}. */
  private int abortsInFlight;
  private volatile Context streamContext;
  /** The turn's deadline timer, -1 when none is set or it was stopped; guarded by {@code this}. */
  private long deadlineTimer = -1;

  /** @param pulled whether the deltas are pulled ({@code pullPrompt}): the stream is then read on demand */
  OpenCodeTurnImpl(OpenCodeClientImpl client, String sessionID, PromptBody body, OpenCodeTurnListener listener,
      boolean pulled) {
    this.client = client;
    this.sessionID = sessionID;
    this.listener = listener;
    this.loop = pulled ? EventLoop.of(client.vertx()) : null;
    this.deltas = pulled ? new DerivedStream<>(loop) : null;
    this.turn = Turn.of(sessionID, body, client.diagnosticLimits()).maxReplyChars(client.maxReplyChars())
        .onDelta(delta -> told.add(() -> {
          listener.onDelta(delta);
          offer(delta);
        }))
        .onToolCall(call -> told.add(() -> listener.onToolCall(call)))
        .onWaiting(request -> told.add(() -> listener.onWaiting(request)))
        .onStateChange(state -> told.add(() -> listener.onStateChange(state)))
        .onDiagnostic(diagnostic -> told.add(() -> listener.onDiagnostic(diagnostic)))
        .onEveryDiagnostic(diagnostic -> told.add(() -> listener.onEveryDiagnostic(diagnostic)));
  }

  @Override
  public String sessionID() {
    return sessionID;
  }

  @Override
  public synchronized List<PendingRequest> pending() {
    return turn.pending();
  }

  @Override
  public Future<Boolean> replyToPermission(String requestID, PermissionReply reply) {
    return client.replyToPermission(requestID, reply);
  }

  @Override
  public Future<Boolean> replyToQuestion(String requestID, List<List<String>> answers) {
    return client.replyToQuestion(requestID, answers);
  }

  @Override
  public Future<Boolean> rejectQuestion(String requestID) {
    return client.rejectQuestion(requestID);
  }

  @Override
  public Future<Reply> reply() {
    return result.future();
  }

  @Override
  public synchronized TurnState state() {
    return turn.state();
  }

  void start() {
    Duration deadline = client.turnDeadline();
    if (!deadline.isZero()) {
      long timer = client.vertx().setTimer(Math.max(1, deadline.toMillis()), t -> {
        synchronized (this) {
          deadlineTimer = -1;
        }
        feed(Turn::deadlineExpired); // aborts at the server, completes with the partial reply
      });
      synchronized (this) {
        deadlineTimer = timer;
      }
    }
    if (loop == null) {
      openStream();
    } else {
      // opened from the turn's loop, the stream runs there too (SseClient takes the caller's loop): the deltas and
      // the stream they are read from share one thread
      loop.execute(this::openStream);
    }
  }

  private void openStream() {
    client.events().onComplete(ar -> {
      if (ar.failed()) {
        feed(t -> t.onStreamFailed(ar.cause()));
      } else if (loop == null) {
        attach(ar.result());
      } else {
        loop.execute(() -> attach(ar.result()));
      }
    });
  }

  private void attach(OpenCodeEventStream opened) {
    synchronized (this) {
      if (turn.state().isTerminal()) {
        opened.cancel();
        return;
      }
      stream = opened;
    }
    if (deltas != null) {
      deltas.attach(opened); // events as the consumer asks for deltas
    }
    opened.exceptionHandler(e -> feed(t -> t.onStreamFailed(e)))
        .endHandler(v -> feed(t -> t.onStreamFailed(
            new SseConnectionException("the event stream ended before the turn was over", null))))
        .reconnectHandler(attempt -> tellThenFeed(() -> listener.onReconnect(attempt), Turn::onReconnecting))
        // through the turn's record, so the listener sees each code once, however many events repeat it
        .diagnosticHandler(diagnostic -> feed(t -> t.onStreamDiagnostic(diagnostic)))
        .handler(this::onEvent);
    if (deltas != null) {
      deltas.drain();
    }
  }

  private void onEvent(OpenCodeEvent event) {
    if (result.future().isComplete()) {
      return;
    }
    if (deltas != null) {
      deltas.itemArrived();
    }
    streamContext = Vertx.currentContext();
    tellThenFeed(() -> listener.onEvent(event), t -> t.onEvent(event));
    if (deltas != null) {
      deltas.drain();
    }
  }

  /** A delta for the pull consumer, on the turn's loop (where the stream's deltas are told already). */
  private void offer(ReplyDelta delta) {
    if (deltas != null) {
      loop.execute(() -> {
        deltas.offer(delta);
        deltas.drain();
      });
    }
  }

  /** The deltas are over: after the last one, the end ({@code failure == null}) or the failure of the reply. */
  private void endDeltas(Throwable failure) {
    if (deltas != null) {
      loop.execute(() -> deltas.end(failure));
    }
  }

  @Override
  public OpenCodeReplyIterator iterator() {
    BlockingIterator.checkMayBlock("iterator()");
    takeDeltas("iterator()");
    return new ReplyIterator(deltas, this::cancel, BlockingIterator.lookAhead(client.maxPendingEvents()),
        result.future());
  }

  /** The pull consumer's iterator: the transport's blocking iterator over the deltas, and the reply. */
  private static final class ReplyIterator extends BlockingIterator<ReplyDelta> implements OpenCodeReplyIterator {
    private final Future<Reply> reply;

    ReplyIterator(DerivedStream<ReplyDelta> deltas, Runnable cancel, int capacity, Future<Reply> reply) {
      super(deltas, cancel, capacity);
      this.reply = reply;
    }

    @Override
    public Reply reply() {
      return resultOnceFinished(reply, "reply");
    }
  }

  @Override
  public Flow.Publisher<ReplyDelta> publisher() {
    takeDeltas("publisher()");
    return new ReadStreamPublisher<>(deltas, this::cancel, loop::defer);
  }

  private synchronized void takeDeltas(String what) {
    if (deltas == null) {
      throw new IllegalStateException(what + ": this turn hands its deltas to its listener (streamPrompt); "
          + "pull them from a turn of pullPrompt");
    }
    if (deltasTaken) {
      throw new IllegalStateException(what + ": the deltas were already taken by iterator() or publisher(); use one");
    }
    deltasTaken = true;
  }

  @Override
  public Future<Void> cancel() {
    feed(Turn::cancel);
    synchronized (this) {
      if (turn.state().isTerminal() && abortsInFlight == 0) {
        abortSent.tryComplete(); // nothing to abort (any more): cancelled before the prompt, or over
      }
    }
    return abortSent.future(); // else: completes when the abort was sent, now or once the prompt is accepted
  }

  /** Ends the turn from outside: the client was closed. */
  void fail(Throwable error) {
    feed(t -> t.abandon(error));
  }

  /** Hands one input to the turn, then tells the listener what it caused and executes what it asks for. */
  private void feed(Function<Turn, List<TurnCommand>> input) {
    List<TurnCommand> commands;
    List<Runnable> calls;
    synchronized (this) {
      commands = input.apply(turn);
      calls = List.copyOf(told);
      told.clear();
    }
    for (Runnable call : calls) {
      List<TurnCommand> abandoned = tell(call);
      if (abandoned != null) {
        if (!abandoned.isEmpty()) {
          abandoned.forEach(this::execute);
          return; // what the input asked for is void: the turn is over
        }
        break; // the input ended the turn already: what ended it still has to be done
      }
    }
    commands.forEach(this::execute);
  }

  /** Calls the listener, then feeds the turn if the listener returned normally. */
  private void tellThenFeed(Runnable call, Function<Turn, List<TurnCommand>> input) {
    List<TurnCommand> abandoned = tell(call);
    if (abandoned == null) {
      feed(input);
    } else {
      abandoned.forEach(this::execute);
    }
  }

  /**
   * Calls the listener. One that throws ends the turn with its exception: answers the commands that end it (none if
   * it was over already), or {@code null} when the listener returned normally.
   */
  private List<TurnCommand> tell(Runnable call) {
    try {
      call.run();
      return null;
    } catch (RuntimeException e) {
      synchronized (this) {
        told.clear();
        return turn.abandon(e);
      }
    }
  }

  private void execute(TurnCommand command) {
    if (command instanceof TurnCommand.SendPrompt prompt) {
      // OpenCode stores a prompt sent to a busy session and never answers it: refuse it with a typed error instead
      client.sessionStatuses()
          .compose(statuses -> {
            SessionStatus status = statuses.get(sessionID);
            if (status != null && !status.isIdle()) {
              return Future.<ResponseMetadata>failedFuture(
                  new OpenCodeSessionBusyException(sessionID, status.type().map(type -> type.raw()).orElse("busy")));
            }
            return client.promptAccepted(sessionID, prompt.body());
          })
          .onComplete(ar -> onStreamContext(() -> feed(
              ar.succeeded() ? t -> t.onPromptAccepted(ar.result()) : t -> t.onPromptFailed(ar.cause()))));
    } else if (command instanceof TurnCommand.SendAbort) {
      synchronized (this) {
        abortsInFlight++;
      }
      client.abort(sessionID).onComplete(ar -> {
        synchronized (this) {
          abortsInFlight--;
        }
        if (ar.succeeded()) {
          abortSent.tryComplete();
        } else {
          abortSent.tryFail(ar.cause());
        }
      });
    } else if (command instanceof TurnCommand.FetchStatus) {
      client.sessionStatuses().onComplete(ar -> onStreamContext(
          () -> feed(ar.succeeded() ? t -> t.onSessionStatuses(ar.result()) : t -> t.onFetchFailed(ar.cause()))));
    } else if (command instanceof TurnCommand.FetchPending) {
      // what was asked or answered while the stream was down; a failure only loses this refresh
      Future.all(client.permissions(), client.questions()).onComplete(ar -> {
        if (ar.succeeded()) {
          onStreamContext(() -> feed(t -> t.onPendingRequests(ar.result().resultAt(0), ar.result().resultAt(1))));
        }
      });
    } else if (command instanceof TurnCommand.FetchMessages) {
      client.messages(sessionID).onComplete(ar -> onStreamContext(
          () -> feed(ar.succeeded() ? t -> t.onStoredMessages(ar.result()) : t -> t.onFetchFailed(ar.cause()))));
    } else if (command instanceof TurnCommand.Complete complete) {
      result.tryComplete(complete.reply());
      endDeltas(null);
      over();
    } else if (command instanceof TurnCommand.Fail fail) {
      Throwable failure = fail.reason() == TurnCommand.Fail.Reason.REPLY_TOO_LARGE
          ? new SseException("the reply is larger than maxReplyChars (" + client.maxReplyChars()
              + " characters): the turn was aborted", fail.cause())
          : fail.cause();
      result.tryFail(failure);
      endDeltas(failure);
      over();
    }
  }

  /** The turn is over: its stream is closed, and a cancel with no abort on its way is done. */
  private void over() {
    OpenCodeEventStream s;
    long timer;
    synchronized (this) {
      s = stream;
      timer = deadlineTimer;
      deadlineTimer = -1;
      if (abortsInFlight == 0) {
        abortSent.tryComplete();
      }
    }
    if (timer >= 0) {
      client.vertx().cancelTimer(timer);
    }
    if (s != null) {
      s.cancel();
    }
  }

  /** Runs an answer on the stream's event loop (once known), where the listener is called. */
  private void onStreamContext(Runnable task) {
    Context context = streamContext;
    if (context == null || Vertx.currentContext() == context) {
      task.run();
    } else {
      context.runOnContext(v -> task.run());
    }
  }

  @Override
  public String toString() {
    return "OpenCodeTurn[" + sessionID + ", " + state() + "]";
  }
}
