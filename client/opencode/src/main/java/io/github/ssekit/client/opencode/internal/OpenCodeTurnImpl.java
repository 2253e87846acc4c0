package io.github.ssekit.client.opencode.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ssekit.client.SseConnectionException;
import io.github.ssekit.client.opencode.OpenCodeEventStream;
import io.github.ssekit.client.opencode.OpenCodeTurn;
import io.github.ssekit.client.opencode.OpenCodeTurnListener;
import io.github.ssekit.opencode.Reply;
import io.github.ssekit.opencode.ReplyAccumulator;
import io.github.ssekit.opencode.ReplyDelta;
import io.github.ssekit.opencode.event.EventEnvelope;
import io.github.ssekit.opencode.event.MessagePartUpdated;
import io.github.ssekit.opencode.event.MessageUpdated;
import io.github.ssekit.opencode.event.OpenCodeEvent;
import io.github.ssekit.opencode.event.ServerConnected;
import io.github.ssekit.opencode.event.SessionIdle;
import io.github.ssekit.opencode.model.MessageInfo;
import io.github.ssekit.opencode.model.MessageWithParts;
import io.github.ssekit.opencode.model.Part;
import io.github.ssekit.opencode.request.PromptBody;
import io.github.ssekit.sse.SseException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * One {@link io.github.ssekit.client.opencode.OpenCodeClient#streamPrompt} turn: subscribe, wait for
 * {@code server.connected}, {@code prompt_async}, feed the events to a {@link ReplyAccumulator}, complete at idle.
 *
 * <p>Events are handled on the stream's event loop only; the state shared with {@link #cancel()} and the HTTP
 * callbacks is guarded by {@code this}. After a reconnection (events were lost meanwhile) the turn asks
 * {@code GET /session/status}: if the session went idle while disconnected, the reply is completed from
 * {@code GET /session/{id}/message}.
 */
final class OpenCodeTurnImpl implements OpenCodeTurn {
  private final OpenCodeClientImpl client;
  private final String sessionID;
  private final PromptBody body;
  private final OpenCodeTurnListener listener;
  private final ReplyAccumulator accumulator;
  private final Promise<Reply> result = Promise.promise();
  private final Promise<Void> abortSent = Promise.promise();

  private OpenCodeEventStream stream;
  private Context streamContext;
  private boolean prompted;
  private boolean promptAccepted;
  private boolean cancelRequested;
  private boolean reconnected;
  private long replySize;

  OpenCodeTurnImpl(OpenCodeClientImpl client, String sessionID, PromptBody body, OpenCodeTurnListener listener) {
    this.client = client;
    this.sessionID = sessionID;
    this.body = body;
    this.listener = listener;
    this.accumulator = ReplyAccumulator.forSession(sessionID)
        .onDelta(this::onDelta)
        .onToolCall(listener::onToolCall)
        .onDiagnostic(listener::onDiagnostic)
        .onDone(this::complete);
  }

  @Override
  public String sessionID() {
    return sessionID;
  }

  @Override
  public Future<Reply> reply() {
    return result.future();
  }

  void start() {
    client.events().onComplete(ar -> {
      if (ar.failed()) {
        fail(ar.cause());
      } else {
        attach(ar.result());
      }
    });
  }

  private void attach(OpenCodeEventStream opened) {
    synchronized (this) {
      if (result.future().isComplete()) {
        opened.cancel();
        return;
      }
      stream = opened;
    }
    opened.exceptionHandler(this::fail)
        .endHandler(v -> fail(new SseConnectionException("the event stream ended before the turn was over", null)))
        .reconnectHandler(attempt -> {
          reconnected = true;
          listener.onReconnect(attempt);
        })
        .diagnosticHandler(listener::onDiagnostic)
        .handler(this::onEvent);
  }

  private void onEvent(OpenCodeEvent event) {
    if (result.future().isComplete()) {
      return;
    }
    streamContext = Vertx.currentContext();
    try {
      listener.onEvent(event);
      if (event instanceof ServerConnected) {
        if (!prompted()) {
          sendPrompt();
        } else if (reconnected) {
          reconnected = false;
          resync();
        }
        return;
      }
      accumulator.accept(event);
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  /** Counts the reply's size before handing the delta on: the reply grows with the turn, so it has a limit. */
  private void onDelta(ReplyDelta delta) {
    replySize += delta.text().length();
    if (replySize > client.maxReplySize()) {
      sendAbort(); // the server's turn would go on for nothing
      throw new SseException("the reply is larger than maxReplySize (" + client.maxReplySize()
          + " characters): the turn was aborted");
    }
    listener.onDelta(delta);
  }

  private synchronized boolean prompted() {
    return prompted;
  }

  private void sendPrompt() {
    synchronized (this) {
      if (cancelRequested) {
        fail(new CancellationException("cancelled before the prompt was sent"));
        return;
      }
      prompted = true;
    }
    client.promptAsync(sessionID, body).onComplete(ar -> {
      if (ar.failed()) {
        fail(ar.cause());
        return;
      }
      boolean abort;
      synchronized (this) {
        promptAccepted = true;
        abort = cancelRequested;
      }
      if (abort) {
        sendAbort();
      }
    });
  }

  @Override
  public Future<Void> cancel() {
    boolean abortNow;
    synchronized (this) {
      if (cancelRequested) {
        return abortSent.future();
      }
      cancelRequested = true;
      if (result.future().isComplete()) {
        abortSent.tryComplete();
        return abortSent.future();
      }
      if (!prompted) {
        abortSent.tryComplete();
        fail(new CancellationException("cancelled before the prompt was sent"));
        return abortSent.future();
      }
      abortNow = promptAccepted;
    }
    if (abortNow) {
      sendAbort();
    } // else: sent once prompt_async has answered
    return abortSent.future();
  }

  private void sendAbort() {
    client.abort(sessionID).onComplete(ar -> {
      if (ar.succeeded()) {
        abortSent.tryComplete();
      } else {
        abortSent.tryFail(ar.cause());
      }
    });
  }

  /** After a reconnection: if the session went idle while the stream was down, finish from the stored messages. */
  private void resync() {
    Context context = streamContext;
    client.sessionStatuses().compose(statuses -> {
      if (statuses.containsKey(sessionID)) {
        return Future.succeededFuture(Optional.<List<MessageWithParts>>empty()); // still busy: events follow
      }
      return client.messages(sessionID).map(Optional::of);
    }).onComplete(ar -> {
      if (ar.failed()) {
        fail(ar.cause());
      } else if (ar.result().isPresent()) {
        context.runOnContext(v -> finishFrom(ar.result().get()));
      }
    });
  }

  private void finishFrom(List<MessageWithParts> messages) {
    if (result.future().isComplete()) {
      return;
    }
    int lastUser = -1;
    for (int i = 0; i < messages.size(); i++) {
      if (messages.get(i).info().filter(MessageInfo::isUser).isPresent()) {
        lastUser = i;
      }
    }
    try {
      for (MessageWithParts message : messages.subList(lastUser + 1, messages.size())) {
        Optional<MessageInfo> info = message.info().filter(MessageInfo::isAssistant);
        if (info.isEmpty()) {
          continue;
        }
        accumulator.accept(new MessageUpdated(envelope(MessageUpdated.TYPE), info.get()));
        for (Part part : message.parts()) {
          accumulator.accept(new MessagePartUpdated(envelope(MessagePartUpdated.TYPE), part, Optional.empty()));
        }
      }
      accumulator.accept(new SessionIdle(envelope(SessionIdle.TYPE)));
    } catch (RuntimeException e) {
      fail(e);
      return;
    }
    if (!result.future().isComplete()) {
      complete(accumulator.reply()); // nothing of the turn was stored: report what was streamed
    }
  }

  private EventEnvelope envelope(String type) {
    ObjectNode properties = JsonNodeFactory.instance.objectNode().put("sessionID", sessionID);
    return EventEnvelope.of("", type, properties);
  }

  private void complete(Reply reply) {
    if (result.tryComplete(reply)) {
      closeStream();
    }
  }

  void fail(Throwable error) {
    if (result.tryFail(error)) {
      closeStream();
    }
  }

  private void closeStream() {
    OpenCodeEventStream s;
    synchronized (this) {
      s = stream;
    }
    if (s != null) {
      s.cancel();
    }
  }

  @Override
  public String toString() {
    return "OpenCodeTurn[" + sessionID + ", " + accumulator + "]";
  }
}
