package io.github.ssekit.relay;

import io.github.ssekit.client.ReconnectAttempt;
import io.github.ssekit.client.internal.EventLoop;
import io.github.ssekit.client.opencode.OpenCodeClient;
import io.github.ssekit.client.opencode.OpenCodeEventStream;
import io.github.ssekit.opencode.event.OpenCodeEvent;
import io.github.ssekit.opencode.event.ServerConnected;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One OpenCode event stream ({@code /event}) for one directory, shared by every session channel of that directory
 * that needs it (reference counted: a channel holds it while a browser follows the session or a turn runs).
 * Events are dispatched by their session ID, so each channel sees its own session's events only.
 *
 * <p>{@link #ready()} completes at the stream's first {@code server.connected}. Each channel is told when the stream
 * is connected, lost or failed; its turn decides what follows (prompts are sent only once connected, so no delta
 * can be missed; after a reconnection, OpenCode replaying nothing, the turn re-reads the session). When the last
 * channel lets go, the stream is closed after a grace period (a page reload does not reconnect upstream). Used on
 * the relay's event loop only.
 */
final class Upstream {
  private final EventLoop loop;
  private final String directory;
  private final OpenCodeClient client;
  private final RelayStats stats;
  private final long graceMillis;
  private final Map<String, SessionChannel> channels = new HashMap<>();
  private OpenCodeEventStream stream;
  private Promise<Void> ready;
  private boolean reconnecting;
  private long closeTimer = -1;
  /** Events of sessions no channel holds the stream for (Redis mode: a turn another node prompted). */
  private Consumer<OpenCodeEvent> orphans = event -> {};
  /** Identifies the current stream: callbacks of a stream closed or failed since are ignored. */
  private int generation;

  Upstream(EventLoop loop, String directory, OpenCodeClient client, RelayStats stats, long graceMillis) {
    this.loop = loop;
    this.directory = directory;
    this.client = client;
    this.stats = stats;
    this.graceMillis = graceMillis;
  }

  /** Where events of sessions no channel holds the stream for go (by default nowhere). */
  void onOrphanEvent(Consumer<OpenCodeEvent> handler) {
    this.orphans = handler;
  }

  /** Whether the stream has delivered its {@code server.connected} and not failed since. */
  boolean isConnected() {
    return ready != null && ready.future().succeeded() && !reconnecting;
  }

  /** The client scoped to this directory. */
  OpenCodeClient client() {
    return client;
  }

  /** The directory, or {@code null} for the server's. */
  String directory() {
    return directory;
  }

  /** Whether a stream is open or opening. */
  boolean isOpen() {
    return ready != null;
  }

  /** {@code channel} needs the stream: its session's events go to it from now on. */
  void acquire(SessionChannel channel) {
    channels.put(channel.sessionID(), channel);
    if (closeTimer >= 0) {
      vertx().cancelTimer(closeTimer);
      closeTimer = -1;
    }
    ensureOpen();
  }

  /** {@code channel} no longer needs the stream; the last one out closes it after the grace period. */
  void release(SessionChannel channel) {
    channels.remove(channel.sessionID());
    if (channels.isEmpty() && closeTimer < 0) {
      closeTimer = vertx().setTimer(graceMillis, t -> {
        closeTimer = -1;
        if (channels.isEmpty()) {
          close();
        }
      });
    }
  }

  /** Completes once the stream is connected (opening it if needed); fails if it could not be opened. */
  Future<Void> ready() {
    ensureOpen();
    return ready.future();
  }

  /** Closes the stream now. */
  void close() {
    generation++; // a stream still opening is cancelled when it arrives
    if (ready != null) {
      stats.upstreamClosed();
    }
    if (stream != null) {
      stream.cancel();
    }
    stream = null;
    if (ready != null) {
      ready.tryFail("the relay closed the OpenCode event stream");
    }
    ready = null;
  }

  private void ensureOpen() {
    if (ready == null) {
      open();
    }
  }

  private void open() {
    int gen = ++generation;
    ready = Promise.promise();
    reconnecting = false;
    stats.upstreamOpened();
    client.events().onComplete(ar -> loop.execute(() -> {
      if (gen != generation) {
        if (ar.succeeded()) {
          ar.result().cancel();
        }
        return;
      }
      if (ar.failed()) {
        failed(gen, ar.cause());
        return;
      }
      stream = ar.result();
      stream.exceptionHandler(e -> loop.execute(() -> failed(gen, e)))
          .endHandler(v -> loop.execute(() -> failed(gen, new IllegalStateException("the event stream ended"))))
          .reconnectHandler(attempt -> loop.execute(() -> onReconnecting(gen, attempt)))
          .handler(event -> loop.execute(() -> onEvent(gen, event)));
    }));
  }

  private void onEvent(int gen, OpenCodeEvent event) {
    if (gen != generation) {
      return;
    }
    if (event instanceof ServerConnected) {
      ready.tryComplete();
      for (SessionChannel channel : List.copyOf(channels.values())) {
        if (reconnecting) {
          channel.notice("info", "The OpenCode event stream is back.");
        }
        channel.upstreamConnected();
      }
      reconnecting = false;
      return;
    }
    Optional<String> session = event.sessionID();
    if (session.isEmpty()) {
      return;
    }
    SessionChannel channel = channels.get(session.get());
    if (channel != null) {
      channel.onEvent(event);
    } else {
      orphans.accept(event);
    }
  }

  private void onReconnecting(int gen, ReconnectAttempt attempt) {
    if (gen != generation) {
      return;
    }
    reconnecting = true;
    stats.upstreamReconnected();
    for (SessionChannel channel : List.copyOf(channels.values())) {
      channel.notice("warn", "The OpenCode event stream was lost; reconnecting in " + attempt.delay().toMillis()
          + " ms.");
      channel.upstreamLost();
    }
  }

  private void failed(int gen, Throwable error) {
    if (gen != generation) {
      return;
    }
    generation++;
    stream = null;
    Promise<Void> failedReady = ready;
    ready = null;
    stats.upstreamClosed();
    failedReady.tryFail(error);
    String message = ChatRelay.describe(error);
    for (SessionChannel channel : List.copyOf(channels.values())) {
      channel.upstreamFailed(error);
      channel.notice("error", "The OpenCode event stream failed: " + message);
    }
  }

  private Vertx vertx() {
    return loop.context().owner();
  }


  @Override
  public String toString() {
    return "Upstream[" + (directory == null ? "(server's directory)" : directory) + ", " + channels.size()
        + " sessions" + (ready != null ? ", open" : "") + "]";
  }
}
