package io.github.ssekit.client.opencode;

import io.github.ssekit.client.HttpStatusException;
import io.github.ssekit.client.ReconnectAttempt;
import io.github.ssekit.opencode.event.OpenCodeEvent;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.streams.ReadStream;

/**
 * OpenCode's {@code /event} or {@code /global/event} as typed events ({@link OpenCodeEvent}: switch on the record
 * type; unknown types are {@link io.github.ssekit.opencode.event.GenericEvent}s), across reconnections.
 *
 * <p>Events flow once a {@link #handler} is set: set the other handlers first. Heartbeats keep the stream alive
 * and are not delivered. When the server closes the stream (after {@code server.instance.disposed}, for instance)
 * or it stays silent past the idle timeout, it reconnects with backoff and says so to {@link #reconnectHandler}
 * first; the new connection starts with a fresh {@code server.connected}. OpenCode replays nothing: events sent
 * while disconnected are lost, so re-read the state you need (session status, messages) after a reconnection.
 * It fails ({@link #exceptionHandler}) only when reconnecting fails for good or the server refuses the stream (an
 * {@link HttpStatusException} such as a 401).
 *
 * <p>Backpressure: {@link #pause()} and {@link #fetch(long)} count delivered events. Cancel a stream you abandon.
 */
public interface OpenCodeEventStream extends ReadStream<OpenCodeEvent> {

  @Override
  OpenCodeEventStream handler(Handler<OpenCodeEvent> handler);

  @Override
  OpenCodeEventStream pause();

  @Override
  OpenCodeEventStream resume();

  @Override
  OpenCodeEventStream fetch(long amount);

  @Override
  OpenCodeEventStream endHandler(Handler<Void> endHandler);

  /** Receives the terminal failure of the stream; nothing follows it. */
  @Override
  OpenCodeEventStream exceptionHandler(Handler<Throwable> handler);

  /** Receives each reconnection when it is scheduled, before its delay. */
  OpenCodeEventStream reconnectHandler(Handler<ReconnectAttempt> handler);

  /**
   * Receives what the decoder tolerated: malformed JSON, unexpected shapes, skipped sync frames, ... It is called
   * once per occurrence, as each event is decoded (a deviation every event repeats is reported for every event), and
   * the stream keeps none of them: it holds no record to bound. To see each code once with its count, record them in
   * a {@link io.github.ssekit.sse.protocol.Diagnostics} or a {@link io.github.ssekit.opencode.ReplyAccumulator}
   * ({@code recordDiagnostic}), as {@link OpenCodeClient#streamPrompt} does for its turn.
   */
  OpenCodeEventStream diagnosticHandler(Handler<Diagnostic> handler);

  /** Cancels the stream: its connection is closed, no reconnection happens and no handler is called any more. */
  Future<Void> cancel();
}
