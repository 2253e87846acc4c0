package io.github.ssekit.client;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The figures of one stream, handed to {@link SseObserver#onEnd} once it is over. Times count from the moment the
 * stream was requested.
 *
 * @param stream what was observed
 * @param outcome how it ended
 * @param errorType the simple class name of the failure (or {@code "HTTP <status>"}), when it did not complete
 * @param duration from the request to the end
 * @param connectTime until the HTTP connection for the accepted attempt was obtained
 * @param responseHeadTime until the accepted response's head arrived
 * @param firstTokenTime until the first token (a protocol's first content delta; for a plain stream, the first event)
 * @param tokenEvents how many token deltas arrived (for a plain stream, events)
 * @param maxTokenGap the longest wait between two token deltas
 * @param meanTokenGap the mean wait between two token deltas
 * @param inputTokens the input tokens the provider reported in its usage
 * @param outputTokens the output tokens the provider reported in its usage
 * @param outputTokensPerSecond output tokens per second after the first token, when both are known
 * @param retries retries before the stream was accepted
 * @param reconnects reconnections after it was
 * @param bytes body bytes received on accepted responses
 * @param diagnostics each diagnostic code seen, with its count
 */
public record StreamStats(ObservedStream stream, Outcome outcome, Optional<String> errorType, Duration duration,
    Optional<Duration> connectTime, Optional<Duration> responseHeadTime, Optional<Duration> firstTokenTime,
    long tokenEvents, Optional<Duration> maxTokenGap, Optional<Duration> meanTokenGap, OptionalLong inputTokens,
    OptionalLong outputTokens, OptionalDouble outputTokensPerSecond, int retries, int reconnects, long bytes,
    Map<String, Integer> diagnostics) {

  /** Copies the diagnostics. */
  public StreamStats {
    diagnostics = Map.copyOf(diagnostics);
  }

  /** How a stream ended. */
  public enum Outcome {
    /** It ended normally. */
    COMPLETED,
    /** It failed before its stream was accepted (after any retries). */
    REJECTED,
    /** It failed after it was accepted: what arrived was kept. */
    BROKEN,
    /** The total deadline expired. */
    DEADLINE,
    /** The consumer cancelled it. */
    CANCELLED
  }
}
