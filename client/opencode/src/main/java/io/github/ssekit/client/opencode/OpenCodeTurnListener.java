package io.github.ssekit.client.opencode;

import io.github.ssekit.client.ReconnectAttempt;
import io.github.ssekit.opencode.PendingRequest;
import io.github.ssekit.opencode.Reply;
import io.github.ssekit.opencode.ReplyDelta;
import io.github.ssekit.opencode.TurnState;
import io.github.ssekit.opencode.event.OpenCodeEvent;
import io.github.ssekit.sse.protocol.Diagnostic;

/**
 * Follows a turn started with {@link OpenCodeClient#streamPrompt}. Every method has an empty default; override what
 * you need. Calls come in stream order on one Vert.x event loop (except the state changes that
 * {@link OpenCodeTurn#cancel()} or closing the client cause, which come on the caller's thread); do not block in them.
 * A listener that throws ends the turn: {@link OpenCodeTurn#reply()} fails with its exception.
 */
public interface OpenCodeTurnListener {

  /** Text or reasoning of the reply, as it arrives. */
  default void onDelta(ReplyDelta delta) {}

  /** A tool call changed state (pending, running, completed, error). */
  default void onToolCall(Reply.ToolCall call) {}

  /**
   * Every event of the directory's stream, before the reply takes it into account: a {@code permission.asked}
   * waiting for {@link OpenCodeClient#replyToPermission}, status changes, other sessions' events.
   */
  default void onEvent(OpenCodeEvent event) {}

  /**
   * The turn waits for an answer: a permission request ({@link OpenCodeClient#replyToPermission}) or a question of
   * the {@code question} tool. The state is {@link TurnState#WAITING} until every request it waits for is answered.
   */
  default void onWaiting(PendingRequest request) {}

  /** The turn moved on: prompt sent, accepted, streaming, waiting, or over. */
  default void onStateChange(TurnState state) {}

  /**
   * The event stream was lost and reconnects; events sent meanwhile are lost: once it is back, the reply re-syncs
   * from the session's stored messages (text missed arrives as one more delta).
   */
  default void onReconnect(ReconnectAttempt attempt) {}

  /** A deviation the stream or the reply assembly tolerated. */
  default void onDiagnostic(Diagnostic diagnostic) {}
}
