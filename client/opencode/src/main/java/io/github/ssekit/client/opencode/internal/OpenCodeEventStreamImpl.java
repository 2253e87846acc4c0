package io.github.ssekit.client.opencode.internal;

import io.github.ssekit.client.ReconnectAttempt;
import io.github.ssekit.client.SseStream;
import io.github.ssekit.client.opencode.OpenCodeEventStream;
import io.github.ssekit.opencode.OpenCodeProtocol;
import io.github.ssekit.opencode.event.OpenCodeEvent;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.protocol.ProtocolDispatcher;
import io.github.ssekit.sse.protocol.ProtocolListener;
import io.vertx.core.Future;
import io.vertx.core.Handler;

/**
 * An {@link OpenCodeEventStream} over an {@link SseStream}: each SSE event goes through the {@link OpenCodeProtocol}.
 * An SSE event that yields no OpenCode event (a heartbeat, a sync frame, malformed JSON) gives its unit of demand
 * back to the transport, so {@link #fetch(long)} counts delivered OpenCode events.
 */
final class OpenCodeEventStreamImpl implements OpenCodeEventStream {
  private final SseStream sse;
  private final ProtocolDispatcher<OpenCodeEvent> dispatcher;
  private volatile Handler<OpenCodeEvent> handler;
  private volatile Handler<Diagnostic> diagnosticHandler;
  /** Whether the consumer paused and asks for events with {@link #fetch}. */
  private volatile boolean fetching;
  /** Whether the SSE event being dispatched produced an OpenCode event. */
  private boolean delivered;

  OpenCodeEventStreamImpl(SseStream sse, OpenCodeProtocol protocol) {
    this.sse = sse;
    this.dispatcher = new ProtocolDispatcher<>(protocol, new ProtocolListener<>() {
      @Override
      public void onValue(OpenCodeEvent event) {
        delivered = true;
        Handler<OpenCodeEvent> h = handler;
        if (h != null) {
          h.handle(event);
        }
      }

      @Override
      public void onDiagnostic(Diagnostic diagnostic) {
        Handler<Diagnostic> h = diagnosticHandler;
        if (h != null) {
          h.handle(diagnostic);
        }
      }
    });
  }

  private void onSseEvent(SseEvent event) {
    delivered = false;
    dispatcher.onEvent(event);
    if (!delivered && fetching) {
      sse.fetch(1);
    }
  }

  @Override
  public OpenCodeEventStream handler(Handler<OpenCodeEvent> handler) {
    this.handler = handler;
    sse.handler(handler == null ? null : this::onSseEvent);
    return this;
  }

  @Override
  public OpenCodeEventStream pause() {
    fetching = true;
    sse.pause();
    return this;
  }

  @Override
  public OpenCodeEventStream resume() {
    fetching = false;
    sse.resume();
    return this;
  }

  @Override
  public OpenCodeEventStream fetch(long amount) {
    sse.fetch(amount);
    return this;
  }

  @Override
  public OpenCodeEventStream endHandler(Handler<Void> endHandler) {
    sse.endHandler(endHandler);
    return this;
  }

  @Override
  public OpenCodeEventStream exceptionHandler(Handler<Throwable> handler) {
    sse.exceptionHandler(handler);
    return this;
  }

  @Override
  public OpenCodeEventStream reconnectHandler(Handler<ReconnectAttempt> handler) {
    sse.reconnectHandler(handler);
    return this;
  }

  @Override
  public OpenCodeEventStream diagnosticHandler(Handler<Diagnostic> handler) {
    this.diagnosticHandler = handler;
    return this;
  }

  @Override
  public Future<Void> cancel() {
    return sse.cancel();
  }

  @Override
  public String toString() {
    return "OpenCodeEventStream[" + sse + "]";
  }
}
