package io.github.ssekit.client;

import java.time.Duration;

/**
 * Observes the streams of a client: retries, reconnections, the first token as it happens, and each stream's
 * {@link StreamStats} at its end. Dependency-free, so any metrics library can be bound to it (the
 * {@code ssekit-micrometer} module binds Micrometer). Every method has an empty default.
 *
 * <p>Called on a Vert.x event loop: an implementation must be quick and must not block; what it throws is dropped.
 * It is shared by all streams of the client, so it must be thread-safe.
 */
public interface SseObserver {
  /** Observes nothing. */
  SseObserver NONE = new SseObserver() {};

  /** A request failed before its stream was accepted and will be sent again after {@code attempt.delay()}. */
  default void onRetry(ObservedStream stream, RetryAttempt attempt) {}

  /** An accepted stream lost its connection and will reconnect. */
  default void onReconnect(ObservedStream stream, ReconnectAttempt attempt) {}

  /** The first token (or, for a plain stream, the first event) arrived, {@code sinceStart} after the request. */
  default void onFirstToken(ObservedStream stream, Duration sinceStart) {}

  /**
   * Another token (or event) arrived, {@code gap} after the previous one: OpenTelemetry's time per output chunk.
   * Called for every delta after the first, so it must be cheap.
   */
  default void onTokenGap(ObservedStream stream, Duration gap) {}

  /** The stream is over: its figures. */
  default void onEnd(StreamStats stats) {}
}
