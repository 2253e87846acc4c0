package io.github.ssekit.client.opencode;

import io.github.ssekit.sse.SseException;
import java.util.Objects;

/**
 * A turn was started on a session that is still busy (running another turn, or waiting for a permission or a
 * question): {@link OpenCodeClient#streamPrompt} and {@link OpenCodeClient#pullPrompt} send no prompt then, and the
 * reply fails with this. OpenCode stores a prompt sent to a busy session but never answers it (upstream issue
 * 46842), so the turn would wait for ever. Wait for the session to go idle (its {@code session.idle}), or
 * {@linkplain OpenCodeClient#abort abort} the running turn, then prompt again.
 */
public final class OpenCodeSessionBusyException extends SseException {
  private static final long serialVersionUID = 1L;

  private final String sessionID;
  private final String status;

  /**
   * @param sessionID the busy session
   * @param status its status type, such as {@code busy} or {@code retry}
   */
  public OpenCodeSessionBusyException(String sessionID, String status) {
    super("session " + Objects.requireNonNull(sessionID, "sessionID") + " is " + status
        + ": no prompt was sent (OpenCode would store it and never answer); wait for session.idle or abort it");
    this.sessionID = sessionID;
    this.status = status;
  }

  /** The busy session. */
  public String sessionID() {
    return sessionID;
  }

  /** Its status type when the turn started, such as {@code busy} or {@code retry}. */
  public String status() {
    return status;
  }
}
