package io.github.ssekit.opencode;

/**
 * Where a {@link Turn} is: one prompt to an OpenCode session, from before it is sent to its end.
 *
 * <pre>
 * CONNECTING -&gt; PROMPT_SENT -&gt; PROMPT_ACCEPTED -&gt; STREAMING &lt;-&gt; WAITING
 *      |              |                |               |           |
 *      v              v                v               v           v
 *   ABORTED        FAILED      DONE | FAILED | ABORTED (at the session's first idle after the turn started)
 * </pre>
 *
 * <p>Events of the turn can come before {@code prompt_async} answers, so {@link #STREAMING} may come straight after
 * {@link #PROMPT_SENT}.
 */
public enum TurnState {
  /** Waiting for the event stream to connect ({@code server.connected}); nothing was sent. */
  CONNECTING,
  /** The prompt was sent ({@code prompt_async}); the server has not answered yet. */
  PROMPT_SENT,
  /** The server accepted the prompt; nothing of the turn has come yet. */
  PROMPT_ACCEPTED,
  /** The turn runs: the session is busy, messages, parts and deltas come. */
  STREAMING,
  /** The turn waits for an answer to a permission request or a question ({@link Turn#pending()}). */
  WAITING,
  /** Over: the session went idle and the reply carries no error. */
  DONE,
  /**
   * Over with an error: the reply carries one (a provider's error, say), or the turn could not be followed (the
   * prompt was refused, the event stream failed, the reply grew past its limit).
   */
  FAILED,
  /**
   * Over because it was aborted: cancelled before the prompt was sent, or aborted at the server (the reply carries a
   * {@code MessageAbortedError}).
   */
  ABORTED;

  /** Whether the turn is over: nothing changes it any more. */
  public boolean isTerminal() {
    return this == DONE || this == FAILED || this == ABORTED;
  }
}
