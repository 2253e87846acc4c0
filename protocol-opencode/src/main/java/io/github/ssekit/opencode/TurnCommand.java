package io.github.ssekit.opencode;

import io.github.ssekit.opencode.request.PromptBody;
import java.util.Objects;

/**
 * What a {@link Turn} asks its driver to do: the I/O it needs (each answer goes back to the turn through the input
 * named here), or the end of the turn. The turn itself does no I/O.
 */
public sealed interface TurnCommand permits TurnCommand.SendPrompt, TurnCommand.SendAbort, TurnCommand.FetchStatus,
    TurnCommand.FetchPending,
    TurnCommand.FetchMessages, TurnCommand.Complete, TurnCommand.Fail {

  /**
   * Send the prompt now: {@code POST /session/{id}/prompt_async} with {@code body}; then
   * {@link Turn#onPromptAccepted(io.github.ssekit.sse.protocol.ResponseMetadata)} (with the response's status and
   * headers, or {@link Turn#onPromptAccepted()}) or {@link Turn#onPromptFailed}.
   *
   * @param body the prompt
   */
  record SendPrompt(PromptBody body) implements TurnCommand {
    /** Checks that nothing is null. */
    public SendPrompt {
      Objects.requireNonNull(body, "body");
    }

    /** The number of parts only: the prompt may be private. */
    @Override
    public String toString() {
      return "SendPrompt[" + body.parts().size() + " parts]";
    }
  }

  /** Abort the turn at the server now: {@code POST /session/{id}/abort}. The turn then ends at the next idle. */
  record SendAbort() implements TurnCommand {}

  /**
   * Read the session status ({@code GET /session/status}), events having been lost; then
   * {@link Turn#onSessionStatuses} or {@link Turn#onFetchFailed}.
   */
  record FetchStatus() implements TurnCommand {}

  /**
   * Read the pending permission requests ({@code GET /permission}) and questions ({@code GET /question}), events
   * having been lost; then {@link Turn#onPendingRequests}. The turn does not wait for the answer: a driver that
   * cannot read them may ignore this command, and a failure is only a lost refresh.
   */
  record FetchPending() implements TurnCommand {}

  /**
   * Read the session's stored messages ({@code GET /session/{id}/message}); then {@link Turn#onStoredMessages} or
   * {@link Turn#onFetchFailed}.
   */
  record FetchMessages() implements TurnCommand {}

  /**
   * The turn is over: complete it with {@code reply} (which may carry the error the turn ended with, a provider's
   * error or a {@code MessageAbortedError}). Nothing follows.
   *
   * @param reply the reply
   */
  record Complete(Reply reply) implements TurnCommand {
    /** Checks that nothing is null. */
    public Complete {
      Objects.requireNonNull(reply, "reply");
    }
  }

  /**
   * The turn is over without a reply: fail it with {@code cause}. Nothing follows.
   *
   * @param reason why
   * @param cause the error to report: the driver's own for a failed call, a
   *     {@link java.util.concurrent.CancellationException} for {@link Reason#CANCELLED}, an
   *     {@link io.github.ssekit.sse.SseException} for {@link Reason#REPLY_TOO_LARGE}
   */
  record Fail(Reason reason, Throwable cause) implements TurnCommand {
    /** Checks that nothing is null. */
    public Fail {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(cause, "cause");
    }

    /** Why a turn failed. */
    public enum Reason {
      /** {@link Turn#cancel()} came before the prompt was sent: nothing was sent. */
      CANCELLED,
      /** The prompt was refused or could not be sent ({@link Turn#onPromptFailed}). */
      PROMPT_FAILED,
      /** The event stream failed for good ({@link Turn#onStreamFailed}). */
      STREAM_FAILED,
      /** After a reconnection, the session status or messages could not be read ({@link Turn#onFetchFailed}). */
      RESYNC_FAILED,
      /** The reply grew past {@link Turn#maxReplyChars}; the turn was aborted at the server. */
      REPLY_TOO_LARGE,
      /** The driver gave up ({@link Turn#abandon}): it was closed, or its own code failed. */
      ABANDONED
    }
  }
}
