package io.github.ssekit.client.internal;

import io.github.ssekit.client.HttpStatusException;
import io.github.ssekit.client.ObservedStream;
import io.github.ssekit.client.ReconnectAttempt;
import io.github.ssekit.client.RetryAttempt;
import io.github.ssekit.client.SseObserver;
import io.github.ssekit.client.StreamStats;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Gathers one stream's figures for its {@link SseObserver}: the transport records connection, head, retries,
 * reconnections and bytes; a binding records tokens, usage and diagnostics. Whoever owns the recorder ends it: the
 * transport for a plain stream, the binding (which knows the usage only after the transport ended) for its own.
 *
 * <p>No lock, because it is confined to the stream's event loop. Every call after the factory comes from that loop:
 * the transport's from {@link SseStreamImpl}, whose state lives there, and the binding's from
 * {@link BindingStreamCall}, which hands its own loop to {@link SseClientImpl#connect(io.github.ssekit.client.SseRequest,
 * StreamRecorder, EventLoop)}, so that its stream, its conversation and their recorder share one thread. The
 * recorder is made on the caller's thread and reaches the loop through the loop's task queue
 * ({@link EventLoop#execute}, Vert.x's {@code runOnContext}), whose hand-over is a happens-before edge, so the loop
 * sees {@link #startNanos}. The figures are read once, by {@link #end} on that same loop, and leave it only as an
 * immutable {@link StreamStats} handed to the observer.
 *
 * <p>Per-event work costs nothing when nobody reads it: with {@link SseObserver#NONE} ({@link #observing()} false)
 * the clock is not read and nothing is recorded or reported; the callers skip their own per-event work too (a
 * binding's {@code isToken} test, the transport's event count).
 */
public final class StreamRecorder {
  /** A bound on the distinct diagnostic codes kept: codes are a protocol's constants, so this is never reached. */
  private static final int MAX_DIAGNOSTIC_CODES = 64;

  private final SseObserver observer;
  private final ObservedStream stream;
  private final boolean ownedByBinding;
  private final boolean observing;
  private final long startNanos = System.nanoTime();

  private long connectNanos = -1;
  private long headNanos = -1;
  private long firstTokenNanos = -1;
  private long lastTokenNanos = -1;
  private long tokenEvents;
  private long maxGapNanos = -1;
  private long sumGapNanos;
  private long inputTokens = -1;
  private long outputTokens = -1;
  private int retries;
  private int reconnects;
  private long bytes;
  private final Map<String, Integer> diagnostics = new TreeMap<>();
  private boolean ended;

  private StreamRecorder(SseObserver observer, ObservedStream stream, boolean ownedByBinding) {
    this.observer = observer;
    this.stream = stream;
    this.ownedByBinding = ownedByBinding;
    this.observing = observer != SseObserver.NONE;
  }

  /** A recorder a binding owns and ends, for a stream it opens through {@link SseClientImpl#connect}. */
  public static StreamRecorder forBinding(SseObserver observer, ObservedStream stream) {
    return new StreamRecorder(observer, stream, true);
  }

  /** A recorder the transport owns, for a plain stream. */
  static StreamRecorder forTransport(SseObserver observer, ObservedStream stream) {
    return new StreamRecorder(observer, stream, false);
  }

  boolean ownedByBinding() {
    return ownedByBinding;
  }

  /**
   * Whether an observer reads the figures. When not, every recording call does nothing, and a caller should skip
   * whatever it does per event only to make one (a predicate, a count).
   */
  public boolean observing() {
    return observing;
  }

  void connected() {
    if (observing) {
      connectNanos = System.nanoTime() - startNanos;
    }
  }

  void responseHead() {
    if (observing) {
      headNanos = System.nanoTime() - startNanos;
    }
  }

  void bytes(int count) {
    bytes += count;
  }

  void retry(RetryAttempt attempt) {
    retries++;
    if (observing) {
      safely(() -> observer.onRetry(stream, attempt));
    }
  }

  void reconnect(ReconnectAttempt attempt) {
    reconnects++;
    if (observing) {
      safely(() -> observer.onReconnect(stream, attempt));
    }
  }

  /**
   * A token delta (or, for a plain stream, an event) arrived. Called per event while observing: the observer is
   * called in place rather than through {@link #safely}, whose lambda would be one more allocation per event.
   */
  public void token() {
    if (!observing) {
      return;
    }
    long now = System.nanoTime() - startNanos;
    try {
      if (tokenEvents++ == 0) {
        firstTokenNanos = now;
        lastTokenNanos = now;
        observer.onFirstToken(stream, Duration.ofNanos(now));
      } else {
        long gap = now - lastTokenNanos;
        lastTokenNanos = now;
        sumGapNanos += gap;
        maxGapNanos = Math.max(maxGapNanos, gap);
        observer.onTokenGap(stream, Duration.ofNanos(gap));
      }
    } catch (RuntimeException ignored) {
      // documented on SseObserver: what it throws is dropped
    }
  }

  /** A diagnostic with {@code code} was recorded. */
  public void diagnostic(String code) {
    if (observing && (diagnostics.containsKey(code) || diagnostics.size() < MAX_DIAGNOSTIC_CODES)) {
      diagnostics.merge(code, 1, Integer::sum);
    }
  }

  /** The provider's usage: token counts, negative when unknown. */
  public void usage(long input, long output) {
    inputTokens = input;
    outputTokens = output;
  }

  /** Ends a plain stream; a binding's recorder waits for {@link #end} from the binding. */
  void transportEnded(StreamStats.Outcome outcome, Throwable failure) {
    if (!ownedByBinding) {
      end(outcome, failure);
    }
  }

  /** The stream is over: the figures go to the observer, once. */
  public void end(StreamStats.Outcome outcome, Throwable failure) {
    if (ended) {
      return;
    }
    ended = true;
    if (observing) {
      StreamStats stats = stats(outcome, failure);
      safely(() -> observer.onEnd(stats));
    }
  }

  /** The figures, the stream having ended now with {@code outcome}. */
  private StreamStats stats(StreamStats.Outcome outcome, Throwable failure) {
    long duration = System.nanoTime() - startNanos;
    OptionalDouble perSecond = OptionalDouble.empty();
    if (outputTokens > 0 && firstTokenNanos >= 0 && lastTokenNanos > firstTokenNanos) {
      perSecond = OptionalDouble.of(outputTokens / ((lastTokenNanos - firstTokenNanos) / 1e9));
    }
    return new StreamStats(stream, outcome, Optional.ofNullable(failure).map(StreamRecorder::errorType),
        Duration.ofNanos(duration), time(connectNanos), time(headNanos), time(firstTokenNanos), tokenEvents,
        time(maxGapNanos), tokenEvents > 1 ? Optional.of(Duration.ofNanos(sumGapNanos / (tokenEvents - 1)))
            : Optional.empty(),
        count(inputTokens), count(outputTokens), perSecond, retries, reconnects, bytes, diagnostics);
  }

  /** A low-cardinality name of a failure, for a metric's tag: never its message. */
  public static String errorType(Throwable failure) {
    if (failure instanceof HttpStatusException status) {
      return String.valueOf(status.status());
    }
    return failure.getClass().getSimpleName();
  }

  private static Optional<Duration> time(long nanos) {
    return nanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(nanos));
  }

  private static OptionalLong count(long value) {
    return value < 0 ? OptionalLong.empty() : OptionalLong.of(value);
  }

  /** An observer's failure must not break the stream it observes. */
  private static void safely(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException ignored) {
      // documented on SseObserver: what it throws is dropped
    }
  }
}
