package io.github.ssekit.client.internal;

import io.github.ssekit.client.SseClientOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a streaming binding's client (OpenAI, Anthropic) is besides its requests, written once: its transport, on the
 * caller's Vert.x (never closed) or on one of its own ({@link OwnedVertx}, closed last); the streams it has open,
 * which {@link #closeAsync()} cancels before the transport closes; and the response size limit its streams
 * ({@link BindingStreamCall}) keep. A binding's client extends it and adds its requests, its options and its public
 * interface, whose {@code close()} and {@code closeAsync()} this class implements.
 */
public abstract class BindingClient {
  private final SseClientImpl sse;
  private final int maxResponseChars;
  private final Set<BindingStreamCall<?, ?, ?>> open = ConcurrentHashMap.newKeySet();

  /**
   * @param transport where the transport runs: {@link #onVertx} or {@link #ownVertx}
   * @param sseOptions the transport's options
   * @param maxResponseChars the most event data, in characters, a stream of this client may carry
   */
  protected BindingClient(Transport transport, SseClientOptions sseOptions, int maxResponseChars) {
    this.sse = transport.open(sseOptions);
    this.maxResponseChars = maxResponseChars;
  }

  /** The transport on the caller's {@code vertx}, which the client never closes. */
  public static Transport onVertx(Vertx vertx) {
    Objects.requireNonNull(vertx, "vertx");
    return sseOptions -> new SseClientImpl(vertx, sseOptions);
  }

  /** The transport on a Vert.x of its own, which it closes last. */
  public static Transport ownVertx() {
    return SseClientImpl::owningVertx;
  }

  /** The transport this client's streams run on. */
  final SseClientImpl sse() {
    return sse;
  }

  final int maxResponseChars() {
    return maxResponseChars;
  }

  final void opened(BindingStreamCall<?, ?, ?> call) {
    open.add(call);
  }

  final void closed(BindingStreamCall<?, ?, ?> call) {
    open.remove(call);
  }

  /**
   * Cancels every open stream (their results complete with what arrived), closes the connections and the client's
   * own Vert.x if it made one, then returns; on an event loop, which must not block, it only starts all that.
   */
  public void close() {
    OwnedVertx.awaitClose(closeAsync());
  }

  /** Starts what {@link #close()} does; the future completes once it is done. */
  public Future<Void> closeAsync() {
    List<BindingStreamCall<?, ?, ?>> calls = new ArrayList<>(open);
    calls.forEach(BindingStreamCall::cancel);
    return sse.closeAsync();
  }

  /** Makes a client's transport from its options: on the caller's Vert.x or on one of its own. */
  @FunctionalInterface
  public interface Transport {
    /** The transport for {@code sseOptions}. */
    SseClientImpl open(SseClientOptions sseOptions);
  }
}
