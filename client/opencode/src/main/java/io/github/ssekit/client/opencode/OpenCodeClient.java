package io.github.ssekit.client.opencode;

import io.github.ssekit.client.SseConnectionException;
import io.github.ssekit.client.opencode.internal.OpenCodeClientImpl;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ssekit.opencode.model.MessageWithParts;
import io.github.ssekit.opencode.model.PermissionRequest;
import io.github.ssekit.opencode.model.QuestionRequest;
import io.github.ssekit.opencode.model.Session;
import io.github.ssekit.opencode.model.SessionStatus;
import io.github.ssekit.opencode.request.PermissionReply;
import io.github.ssekit.opencode.request.PromptBody;
import io.github.ssekit.opencode.request.SessionCreateBody;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;

/**
 * A client of an OpenCode server ({@code opencode serve}; observed on opencode-ai 1.18.33): its HTTP API, its event
 * streams, and the call most users want, {@link #streamPrompt}: send a prompt and stream its reply.
 *
 * <pre>{@code
 * OpenCodeClient client = OpenCodeClient.create(vertx, new OpenCodeClientOptions("http://127.0.0.1:4096")
 *     .setDirectory("/home/me/project")
 *     .setPassword(System.getenv("OPENCODE_SERVER_PASSWORD")));
 * Session session = client.createSession().await();
 * OpenCodeTurn turn = client.streamPrompt(session.id().orElseThrow(),
 *     PromptBody.builder().model(ModelRef.parse("anthropic/claude-sonnet-4")).addParts(PromptPart.text("Hi")).build(),
 *     new OpenCodeTurnListener() {
 *       public void onDelta(ReplyDelta delta) { System.out.print(delta.text()); }
 *     });
 * Reply reply = turn.reply().await();   // at session.idle: text, model that answered, tokens, cost, error
 * }</pre>
 *
 * <p>Every call goes to the configured base URL with basic authentication when a password is set (user
 * {@code opencode} by default) and the configured directory, as the {@code directory} query parameter and the
 * {@code x-opencode-directory} header: OpenCode scopes sessions, permissions and {@code /event} by directory.
 *
 * <p>Failures: an HTTP error answer fails the future with {@link OpenCodeHttpException} (status, body and the
 * server's {@code {"name","data"}} error); a connection failure or a timeout with {@link SseConnectionException}.
 * A failed turn is not a failed call: a synchronous prompt and a streamed reply carry the error in the message or
 * the {@link io.github.ssekit.opencode.Reply}.
 *
 * <p>From plain Java, with no Vert.x to know about ({@link #create(OpenCodeClientOptions)}: the client owns its
 * Vert.x, with daemon threads), the reply's deltas pulled on your own thread until the session is idle:
 *
 * <pre>{@code
 * try (OpenCodeClient client = OpenCodeClient.create(new OpenCodeClientOptions("http://127.0.0.1:4096"))) {
 *   String session = client.createSession().await().id().orElseThrow();
 *   OpenCodeTurn turn = client.pullPrompt(session, PromptBody.builder().addParts(PromptPart.text("Hi")).build());
 *   try (OpenCodeReplyIterator deltas = turn.iterator()) {
 *     deltas.forEachRemaining(delta -> System.out.print(delta.text()));
 *     Reply reply = deltas.reply();
 *   }
 * }
 * }</pre>
 *
 * <p>Methods may be called from any thread; futures complete on a Vert.x event loop. Close the client when done
 * ({@link #close()} waits, {@link #closeAsync()} does not): it closes its HTTP clients, cancels its open streams and
 * turns, and releases its own Vert.x if it made one; a caller's {@code Vertx} is never closed. A client on its own
 * Vert.x that is never closed does not keep the JVM alive.
 */
public interface OpenCodeClient extends AutoCloseable {

  /**
   * A client of the server {@code options} names (the options are copied), on a Vert.x instance of its own (daemon
   * threads), released by {@link #close()}.
   */
  static OpenCodeClient create(OpenCodeClientOptions options) {
    checkBaseUrl(options);
    return OpenCodeClientImpl.owningVertx(new OpenCodeClientOptions(options), options.authorizationHeader());
  }

  /**
   * A client of the server {@code options} names (the options are copied), on the caller's {@code vertx}, which the
   * client never closes.
   */
  static OpenCodeClient create(Vertx vertx, OpenCodeClientOptions options) {
    checkBaseUrl(options);
    return new OpenCodeClientImpl(vertx, new OpenCodeClientOptions(options), options.authorizationHeader());
  }

  private static void checkBaseUrl(OpenCodeClientOptions options) {
    if (options.getBaseUrl() == null) {
      throw new IllegalArgumentException("the options have no base URL");
    }
  }

  /** The options in use (a copy). */
  OpenCodeClientOptions options();

  /** {@code GET /global/health}: {@code {"healthy":true,"version"}}. */
  Future<ObjectNode> health();

  /** {@code POST /session} with an empty body: a session in the client's directory. */
  Future<Session> createSession();

  /** {@code POST /session}: a session in the client's directory with a title, a model, ... */
  Future<Session> createSession(SessionCreateBody body);

  /** {@code GET /session}: the sessions of the client's directory. */
  Future<List<Session>> listSessions();

  /** {@code GET /session/{id}}; a missing session fails with an {@link OpenCodeHttpException} (404). */
  Future<Session> getSession(String sessionID);

  /** {@code DELETE /session/{id}}: whether the server deleted it. */
  Future<Boolean> deleteSession(String sessionID);

  /** {@code POST /session/{id}/abort}: stops the running turn; whether the server accepted. */
  Future<Boolean> abort(String sessionID);

  /** {@code GET /session/status}: the status of the busy and retrying sessions of the directory (idle ones are absent). */
  Future<Map<String, SessionStatus>> sessionStatuses();

  /** {@code GET /session/{id}/message}: the session's messages with their parts, oldest first. */
  Future<List<MessageWithParts>> messages(String sessionID);

  /**
   * {@code POST /session/{id}/message}: the synchronous prompt. It answers when the turn is over (within the
   * {@linkplain OpenCodeClientOptions#setPromptTimeout prompt timeout}), also when the turn failed: check
   * {@link MessageWithParts#error()}.
   */
  Future<MessageWithParts> prompt(String sessionID, PromptBody body);

  /**
   * {@code POST /session/{id}/prompt_async}: starts the turn and answers at once (204). Follow it on an event
   * stream opened <em>before</em>, or use {@link #streamPrompt}, which does all of that.
   */
  Future<Void> promptAsync(String sessionID, PromptBody body);

  /**
   * Sends a prompt and streams its reply: subscribes to {@code /event} in the client's directory, waits for
   * {@code server.connected}, sends {@code prompt_async} (the model nested, as {@link PromptBody} always writes
   * it), hands text and reasoning deltas to {@code listener} as they arrive, and completes
   * {@link OpenCodeTurn#reply()} with the assembled reply at the session's first {@code session.idle} after the
   * turn started. {@link OpenCodeTurn#cancel()} aborts the turn.
   *
   * <p>A turn that waits for a permission or a question says so ({@link io.github.ssekit.opencode.TurnState#WAITING},
   * {@link OpenCodeTurnListener#onWaiting}, {@link OpenCodeTurn#pending()}); answer it through the turn
   * ({@link OpenCodeTurn#replyToPermission}, {@link OpenCodeTurn#replyToQuestion}, {@link OpenCodeTurn#rejectQuestion}).
   *
   * <p>A busy session is refused, not waited for: before sending the prompt the turn reads {@code GET /session/status};
   * if the session is busy or retrying (another turn runs, or waits for an answer), no prompt is sent and the reply
   * fails with {@link OpenCodeSessionBusyException}, since OpenCode stores a prompt sent to a busy session and never
   * answers it. (A turn started elsewhere between that read and the prompt is not caught.)
   */
  OpenCodeTurn streamPrompt(String sessionID, PromptBody body, OpenCodeTurnListener listener);

  /** {@link #streamPrompt(String, PromptBody, OpenCodeTurnListener)} without a listener. */
  default OpenCodeTurn streamPrompt(String sessionID, PromptBody body) {
    return streamPrompt(sessionID, body, new OpenCodeTurnListener() {});
  }

  /**
   * The turn of {@link #streamPrompt}, with its deltas to be pulled: {@link OpenCodeTurn#iterator()} on a plain or
   * virtual thread, or {@link OpenCodeTurn#publisher()}. Its event stream is read only as the deltas are taken, so
   * a consumer that stops taking them holds the server back in TCP, and the turn does not advance (not even to
   * sending the prompt, which waits for the stream's first event) until a consumer asks for deltas. The deltas end
   * at the session's {@code session.idle}; the reply follows. {@code listener} still sees everything, on the event
   * loop, as the stream is read.
   */
  OpenCodeTurn pullPrompt(String sessionID, PromptBody body, OpenCodeTurnListener listener);

  /** {@link #pullPrompt(String, PromptBody, OpenCodeTurnListener)} without a listener. */
  default OpenCodeTurn pullPrompt(String sessionID, PromptBody body) {
    return pullPrompt(sessionID, body, new OpenCodeTurnListener() {});
  }

  /** {@code GET /permission}: the pending permission requests of the directory. */
  Future<List<PermissionRequest>> permissions();

  /** {@code POST /permission/{requestID}/reply}: answers a {@code permission.asked}; whether the server accepted. */
  Future<Boolean> replyToPermission(String requestID, PermissionReply reply);

  /** {@code GET /question}: the pending questions of the {@code question} tool in the directory. */
  Future<List<QuestionRequest>> questions();

  /**
   * {@code POST /question/{requestID}/reply}: answers a {@code question.asked}, one answer per question in order (the
   * labels of the options picked, or the text typed where the question allows a free answer); whether the server
   * accepted. The model then goes on with the answers as the tool's result.
   */
  Future<Boolean> replyToQuestion(String requestID, List<List<String>> answers);

  /** {@code POST /question/{requestID}/reject}: dismisses a question (its tool call fails); whether the server accepted. */
  Future<Boolean> rejectQuestion(String requestID);

  /** {@code GET /config}: the effective configuration, as raw JSON. */
  Future<ObjectNode> config();

  /** {@code GET /config/providers}: {@code {"providers":[...],"default":{...}}}, as raw JSON. */
  Future<ObjectNode> providers();

  /**
   * {@code POST /instance/dispose}: disposes the directory's instance. Its {@code /event} streams get
   * {@code server.instance.disposed} and are closed by the server (an {@link OpenCodeEventStream} reconnects).
   */
  Future<Boolean> disposeInstance();

  /**
   * Opens {@code GET /event} for the client's directory: typed events, reconnecting (and reporting it to
   * {@link OpenCodeEventStream#reconnectHandler}) when the server closes the stream, such as after
   * {@code server.instance.disposed}, or when it stays silent past the idle timeout. Completes once the server
   * accepted the stream; fails on an HTTP error (401) or a connection failure (the first connection is not
   * retried).
   */
  Future<OpenCodeEventStream> events();

  /**
   * Opens {@code GET /global/event}: the events of every directory (the directory is in each event's
   * {@link io.github.ssekit.opencode.event.EventEnvelope#directory()}), reconnecting like {@link #events()}. It
   * survives instance disposal. Sync frames, which repeat durable events, are skipped.
   */
  Future<OpenCodeEventStream> globalEvents();

  /**
   * Cancels the open streams and turns, closes the HTTP clients and releases the client's own Vert.x (if it made
   * one), then returns. On a Vert.x event loop, which must not block, it only starts all that, as
   * {@link #closeAsync()} does.
   */
  @Override
  void close();

  /** Starts what {@link #close()} does; the future completes once it is done. */
  Future<Void> closeAsync();
}
