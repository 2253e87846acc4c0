package io.github.ssekit.relay;

import io.github.ssekit.opencode.model.MessageWithParts;
import io.github.ssekit.opencode.model.PermissionRequest;
import io.github.ssekit.opencode.model.QuestionRequest;
import io.github.ssekit.opencode.model.SessionStatus;
import io.github.ssekit.opencode.request.PromptBody;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/**
 * The OpenCode calls a session channel's turn asks for (its {@link io.github.ssekit.opencode.TurnCommand}s), on the
 * session's directory. The relay's answers complete on its event loop, where the channel lives.
 */
interface TurnCalls {

  /** {@code POST /session/{id}/prompt_async}. */
  Future<Void> promptAsync(String sessionID, PromptBody body);

  /** {@code POST /session/{id}/abort}: whether the server accepted. */
  Future<Boolean> abort(String sessionID);

  /** {@code GET /session/status}: the busy and retrying sessions. */
  Future<Map<String, SessionStatus>> sessionStatuses();

  /** {@code GET /session/{id}/message}: the stored messages, oldest first. */
  Future<List<MessageWithParts>> messages(String sessionID);

  /** {@code GET /permission}: the directory's pending permission requests. */
  Future<List<PermissionRequest>> permissions();

  /** {@code GET /question}: the directory's pending questions. */
  Future<List<QuestionRequest>> questions();
}
