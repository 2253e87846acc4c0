package io.github.ssekit.client;

import java.time.Duration;
import java.util.Optional;

/**
 * A reconnection a stream has just scheduled, as reported to {@link SseStream#reconnectHandler}.
 *
 * @param attempt 1 for the first reconnection since the last received event, then 2, 3, ...
 * @param delay how long the stream waits before reconnecting
 * @param cause why the connection ended: empty when the body simply ended, else the error
 * @param lastEventId the {@code Last-Event-ID} the reconnection will send, {@code ""} for none
 */
public record ReconnectAttempt(int attempt, Duration delay, Optional<Throwable> cause, String lastEventId) {}
