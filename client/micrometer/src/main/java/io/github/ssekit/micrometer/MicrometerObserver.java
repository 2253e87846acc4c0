package io.github.ssekit.micrometer;

import io.github.ssekit.client.ObservedStream;
import io.github.ssekit.client.ReconnectAttempt;
import io.github.ssekit.client.RetryAttempt;
import io.github.ssekit.client.SseObserver;
import io.github.ssekit.client.StreamStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Records the streams of an ssekit client in a Micrometer {@link MeterRegistry}, with the meter and tag names of
 * the OpenTelemetry GenAI semantic conventions (client metrics):
 *
 * <ul>
 *   <li>{@value #OPERATION_DURATION} (timer): each stream from request to end; tagged {@value #ERROR_TYPE} with the
 *       failure's class name or HTTP status ({@code "429"}), the outcome ({@code "cancelled"}) or {@code "none"}, never a
 *       message;
 *   <li>{@value #TOKEN_USAGE} (distribution summary, {@code {token}}): the provider's usage, tagged
 *       {@value #TOKEN_TYPE} {@code input} or {@code output};
 *   <li>{@value #TIME_TO_FIRST_CHUNK} (timer): from the request to the first token delta;
 *   <li>{@value #TIME_PER_OUTPUT_CHUNK} (timer): between consecutive token deltas;
 *   <li>{@value #RETRIES}, {@value #RECONNECTS} (counters), {@value #RECEIVED_BYTES} (distribution summary, bytes)
 *       and {@value #DIAGNOSTICS} (counter, tagged {@code ssekit.diagnostic.code}): ssekit's own.
 * </ul>
 *
 * <p>Every meter is tagged {@value #OPERATION_NAME}, {@value #SYSTEM}, {@value #REQUEST_MODEL} ({@code ""} when
 * none) and {@value #SERVER_ADDRESS}. Install it with {@code SseClientOptions.setObserver(new
 * MicrometerObserver(registry))}.
 */
public final class MicrometerObserver implements SseObserver {
  /** {@code gen_ai.client.operation.duration}. */
  public static final String OPERATION_DURATION = "gen_ai.client.operation.duration";
  /** {@code gen_ai.client.token.usage}. */
  public static final String TOKEN_USAGE = "gen_ai.client.token.usage";
  /** {@code gen_ai.client.operation.time_to_first_chunk}. */
  public static final String TIME_TO_FIRST_CHUNK = "gen_ai.client.operation.time_to_first_chunk";
  /** {@code gen_ai.client.operation.time_per_output_chunk}. */
  public static final String TIME_PER_OUTPUT_CHUNK = "gen_ai.client.operation.time_per_output_chunk";
  /** Retries before a stream was accepted. */
  public static final String RETRIES = "ssekit.client.retries";
  /** Reconnections of accepted streams. */
  public static final String RECONNECTS = "ssekit.client.reconnects";
  /** Body bytes a stream received. */
  public static final String RECEIVED_BYTES = "ssekit.client.received.bytes";
  /** Diagnostics (tolerated deviations) by code. */
  public static final String DIAGNOSTICS = "ssekit.client.diagnostics";

  /** {@code gen_ai.operation.name}. */
  public static final String OPERATION_NAME = "gen_ai.operation.name";
  /** {@code gen_ai.system}. */
  public static final String SYSTEM = "gen_ai.system";
  /** {@code gen_ai.request.model}. */
  public static final String REQUEST_MODEL = "gen_ai.request.model";
  /** {@code server.address}. */
  public static final String SERVER_ADDRESS = "server.address";
  /** {@code error.type}, on {@value #OPERATION_DURATION} only. */
  public static final String ERROR_TYPE = "error.type";
  /** {@code gen_ai.token.type}, on {@value #TOKEN_USAGE}. */
  public static final String TOKEN_TYPE = "gen_ai.token.type";
  /** The tag of {@value #DIAGNOSTICS}. */
  public static final String DIAGNOSTIC_CODE = "ssekit.diagnostic.code";

  /** The {@value #ERROR_TYPE} of a stream that completed: OpenTelemetry leaves it out, a registry wants one tag set. */
  private static final String NO_ERROR = "none";

  private final MeterRegistry registry;

  /** Records into {@code registry}. */
  public MicrometerObserver(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public void onRetry(ObservedStream stream, RetryAttempt attempt) {
    Counter.builder(RETRIES).description("Retries of requests that failed before their stream was accepted")
        .tags(tags(stream)).register(registry).increment();
  }

  @Override
  public void onReconnect(ObservedStream stream, ReconnectAttempt attempt) {
    Counter.builder(RECONNECTS).description("Reconnections of accepted streams").tags(tags(stream))
        .register(registry).increment();
  }

  @Override
  public void onFirstToken(ObservedStream stream, Duration sinceStart) {
    Timer.builder(TIME_TO_FIRST_CHUNK).description("Time from the request to the first chunk of output")
        .tags(tags(stream)).register(registry).record(sinceStart);
  }

  @Override
  public void onTokenGap(ObservedStream stream, Duration gap) {
    Timer.builder(TIME_PER_OUTPUT_CHUNK).description("Time between consecutive chunks of output")
        .tags(tags(stream)).register(registry).record(gap);
  }

  @Override
  public void onEnd(StreamStats stats) {
    Tags tags = tags(stats.stream());
    Timer.builder(OPERATION_DURATION).description("GenAI operation duration")
        .tags(tags.and(ERROR_TYPE, stats.errorType().orElse(stats.outcome() == StreamStats.Outcome.COMPLETED
            ? NO_ERROR : stats.outcome().name().toLowerCase(Locale.ROOT))))
        .register(registry).record(stats.duration());
    stats.inputTokens().ifPresent(n -> tokens(tags, "input").record(n));
    stats.outputTokens().ifPresent(n -> tokens(tags, "output").record(n));
    DistributionSummary.builder(RECEIVED_BYTES).baseUnit("bytes").description("Body bytes a stream received")
        .tags(tags).register(registry).record(stats.bytes());
    for (Map.Entry<String, Integer> diagnostic : stats.diagnostics().entrySet()) {
      Counter.builder(DIAGNOSTICS).description("Deviations from the protocol that were tolerated")
          .tags(tags.and(DIAGNOSTIC_CODE, diagnostic.getKey())).register(registry).increment(diagnostic.getValue());
    }
  }

  private DistributionSummary tokens(Tags tags, String type) {
    return DistributionSummary.builder(TOKEN_USAGE).baseUnit("{token}").description("Input and output tokens used")
        .tags(tags.and(TOKEN_TYPE, type)).register(registry);
  }

  private static Tags tags(ObservedStream stream) {
    return Tags.of(OPERATION_NAME, stream.operation(), SYSTEM, stream.system(), REQUEST_MODEL,
        stream.model().orElse(""), SERVER_ADDRESS, stream.serverAddress());
  }

  @Override
  public String toString() {
    return "MicrometerObserver[" + registry.getClass().getSimpleName() + "]";
  }
}
