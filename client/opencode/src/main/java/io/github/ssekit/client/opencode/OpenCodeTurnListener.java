package io.github.ssekit.client.opencode;

import io.github.ssekit.client.ReconnectAttempt;
import io.github.ssekit.opencode.Reply;
import io.github.ssekit.opencode.ReplyDelta;
import io.github.ssekit.opencode.event.OpenCodeEvent;
import io.github.ssekit.sse.protocol.Diagnostic;

/**
 * Follows a turn started with {@link OpenCodeClient#streamPrompt}. Every method has an empty default; override what
 * you need. Calls come in stream order on one Vert.x event loop; do not block in them.
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

  /** The event stream was lost and reconnects; events sent meanwhile are lost (the reply re-syncs). */
  default void onReconnect(ReconnectAttempt attempt) {}

  /** A deviation the stream or the reply assembly tolerated. */
  default void onDiagnostic(Diagnostic diagnostic) {}
}
