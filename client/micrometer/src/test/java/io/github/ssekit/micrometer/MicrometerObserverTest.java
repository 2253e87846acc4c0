package io.github.ssekit.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.ssekit.client.HttpStatusException;
import io.github.ssekit.client.ObservedStream;
import io.github.ssekit.client.RetryAttempt;
import io.github.ssekit.client.StreamStats;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.MultiMap;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MicrometerObserverTest {
  private static final ObservedStream CHAT = new ObservedStream("openai", "chat", Optional.of("gpt-test"),
      "127.0.0.1", 8080);

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MicrometerObserver observer = new MicrometerObserver(registry);

  private static StreamStats stats(StreamStats.Outcome outcome, Optional<String> errorType) {
    return new StreamStats(CHAT, outcome, errorType, Duration.ofMillis(1200), Optional.of(Duration.ofMillis(5)),
        Optional.of(Duration.ofMillis(100)), Optional.of(Duration.ofMillis(200)), 3,
        Optional.of(Duration.ofMillis(600)), Optional.of(Duration.ofMillis(500)), OptionalLong.of(7),
        OptionalLong.of(20), OptionalDouble.of(20.0), 1, 0, 512, Map.of("chat.missing_done", 1));
  }

  @Test
  void aCompletedStreamIsRecordedUnderTheGenAiNamesAndTags() {
    observer.onFirstToken(CHAT, Duration.ofMillis(200));
    observer.onTokenGap(CHAT, Duration.ofMillis(400));
    observer.onTokenGap(CHAT, Duration.ofMillis(600));
    observer.onEnd(stats(StreamStats.Outcome.COMPLETED, Optional.empty()));

    Timer duration = registry.find("gen_ai.client.operation.duration").tag("gen_ai.operation.name", "chat")
        .tag("gen_ai.system", "openai").tag("gen_ai.request.model", "gpt-test").tag("server.address", "127.0.0.1")
        .tag("error.type", "none").timer();
    assertNotNull(duration);
    assertEquals(1, duration.count());
    assertEquals(1200, duration.totalTime(TimeUnit.MILLISECONDS), 0.5);

    DistributionSummary input = registry.find("gen_ai.client.token.usage").tag("gen_ai.token.type", "input")
        .summary();
    DistributionSummary output = registry.find("gen_ai.client.token.usage").tag("gen_ai.token.type", "output")
        .tag("gen_ai.request.model", "gpt-test").summary();
    assertEquals(7, input.totalAmount());
    assertEquals(20, output.totalAmount());

    Timer firstChunk = registry.find("gen_ai.client.operation.time_to_first_chunk").tag("gen_ai.system", "openai")
        .timer();
    assertEquals(200, firstChunk.totalTime(TimeUnit.MILLISECONDS), 0.5);
    Timer perChunk = registry.find("gen_ai.client.operation.time_per_output_chunk").timer();
    assertEquals(2, perChunk.count());
    assertEquals(600, perChunk.max(TimeUnit.MILLISECONDS), 0.5);

    assertEquals(512, registry.find("ssekit.client.received.bytes").summary().totalAmount());
    assertEquals(1, registry.find("ssekit.client.diagnostics").tag("ssekit.diagnostic.code", "chat.missing_done")
        .counter().count());
  }

  @Test
  void retriesAndFailuresAreTagged() {
    HttpStatusException busy = new HttpStatusException("HTTP 503", 503, MultiMap.caseInsensitiveMultiMap(),
        new byte[0], false);
    observer.onRetry(CHAT, new RetryAttempt(1, Duration.ofMillis(500), busy, Optional.empty()));
    observer.onRetry(CHAT, new RetryAttempt(2, Duration.ofSeconds(1), busy, Optional.empty()));
    observer.onEnd(stats(StreamStats.Outcome.REJECTED, Optional.of("503")));
    observer.onEnd(stats(StreamStats.Outcome.CANCELLED, Optional.empty()));

    assertEquals(2, registry.find("ssekit.client.retries").tag("gen_ai.system", "openai").counter().count());
    assertEquals(1, registry.find("gen_ai.client.operation.duration").tag("error.type", "503").timer().count());
    assertEquals(1, registry.find("gen_ai.client.operation.duration").tag("error.type", "cancelled").timer()
        .count());
  }

  @Test
  void aStreamWithoutAModelIsTaggedWithAnEmptyModel() {
    ObservedStream plain = new ObservedStream("sse", "stream", Optional.empty(), "example.org", 443);
    observer.onFirstToken(plain, Duration.ofMillis(1));
    assertEquals(1, registry.find("gen_ai.client.operation.time_to_first_chunk").tag("gen_ai.request.model", "")
        .tag("gen_ai.system", "sse").timer().count());
  }
}
