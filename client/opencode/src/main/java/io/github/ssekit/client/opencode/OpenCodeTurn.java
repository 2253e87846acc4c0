package io.github.ssekit.client.opencode;

import io.github.ssekit.client.SseConnectionException;
import io.github.ssekit.opencode.PendingRequest;
import io.github.ssekit.opencode.Reply;
import io.github.ssekit.opencode.ReplyDelta;
import io.github.ssekit.opencode.TurnState;
import io.github.ssekit.opencode.request.PermissionReply;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * A prompt in flight, from {@link OpenCodeClient#streamPrompt}.
 *
 * <p>{@link #reply()} completes at the session's first {@code session.idle} after the turn started, with the
 * assembled reply: text, reasoning, tool calls, the model that answered, tokens, cost, and the error if the turn
 * failed ({@link Reply#error()}: a provider's HTTP error is an {@code APIError} with its status code, an abort a
 * {@code MessageAbortedError}). It fails when the turn could not be followed: the event stream or
 * {@code prompt_async} failed ({@link OpenCodeHttpException}, {@link SseConnectionException}, ...), or the turn was
 * cancelled before the prompt was sent ({@link java.util.concurrent.CancellationException}), or the session was busy
 * ({@link OpenCodeSessionBusyException}: no prompt was sent). The reply's {@link Reply#responseMetadata()} is the status
 * and headers of the response that accepted the prompt ({@code prompt_async}), such as a proxy's
 * {@code x-request-id}, with the credentials the request carried and {@code Set-Cookie} values redacted.
 *
 * <p>The decisions (when to prompt, when an abort applies, what to re-read after a reconnection, when the turn is
 * over) are protocol-opencode's {@link io.github.ssekit.opencode.Turn}; this is its Vert.x driver.
 */
public interface OpenCodeTurn {

  /** The session the prompt went to. */
  String sessionID();

  /**
   * Where the turn is: connecting, prompt sent, accepted, streaming, waiting for a permission or a question, or
   * over (done, failed, aborted).
   */
  TurnState state();

  /**
   * What the turn waits for, oldest first: permission requests and questions of its session, asked during the turn
   * (or found pending when its stream reconnected) and not answered yet; empty unless {@link TurnState#WAITING}.
   */
  List<PendingRequest> pending();

  /** Answers a permission request of this turn ({@code POST /permission/{id}/reply}); whether the server accepted. */
  Future<Boolean> replyToPermission(String requestID, PermissionReply reply);

  /**
   * Answers a question of this turn ({@code POST /question/{id}/reply}): one answer per question, in order, each the
   * labels picked or the text typed; whether the server accepted.
   */
  Future<Boolean> replyToQuestion(String requestID, List<List<String>> answers);

  /** Dismisses a question of this turn ({@code POST /question/{id}/reject}); whether the server accepted. */
  Future<Boolean> rejectQuestion(String requestID);

  /** The reply, once the turn is over. */
  Future<Reply> reply();

  /**
   * Aborts the turn ({@code POST /session/{id}/abort}, once the prompt was sent); the reply then completes with a
   * {@code MessageAbortedError} and the text streamed so far. Before the prompt was sent, nothing is sent and the
   * reply fails with a {@link java.util.concurrent.CancellationException}. Completes when the abort was sent.
   */
  Future<Void> cancel();

  /**
   * The reply's text and reasoning deltas as a blocking iterator, for a plain or virtual thread, ending at the
   * session's {@code session.idle} (then {@link OpenCodeReplyIterator#reply()} is the reply); only for a turn of
   * {@link OpenCodeClient#pullPrompt}. It throws what fails {@link #reply()}; closing it cancels the turn.
   *
   * @throws IllegalStateException on a Vert.x event loop thread, for a turn of {@link OpenCodeClient#streamPrompt}
   *     (its deltas go to its listener), or when the deltas were already taken
   */
  OpenCodeReplyIterator iterator();

  /**
   * The reply's deltas as a {@link Flow.Publisher} for one subscriber, completing at {@code session.idle} and failing
   * as {@link #reply()} does; {@code cancel()} cancels the turn. Only for a turn of {@link OpenCodeClient#pullPrompt}.
   *
   * @throws IllegalStateException for a turn of {@link OpenCodeClient#streamPrompt}, or when the deltas were already
   *     taken
   */
  Flow.Publisher<ReplyDelta> publisher();
}
