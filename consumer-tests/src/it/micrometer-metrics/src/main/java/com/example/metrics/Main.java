package com.example.metrics;

import io.github.ssekit.client.SseClientOptions;
import io.github.ssekit.client.openai.OpenAiClient;
import io.github.ssekit.client.openai.OpenAiClientOptions;
import io.github.ssekit.client.openai.OpenAiStreamIterator;
import io.github.ssekit.micrometer.MicrometerObserver;
import io.github.ssekit.openai.chat.ChatChunk;
import io.github.ssekit.openai.chat.ChatRequest;
import io.github.ssekit.openai.chat.ChatResult;
import io.github.ssekit.testkit.FakeOpenAiServer;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Streams a Chat Completions reply with {@link OpenAiClient} from ssekit-testkit's fake provider on loopback, with a
 * {@link MicrometerObserver} on Micrometer's {@link SimpleMeterRegistry}, and prints the meters the stream
 * recorded: their names and tags are what dashboards are built on.
 */
public final class Main {

  /** How long the meters may take to appear once the result is in (the observer is told on the event loop). */
  private static final long METER_WAIT_MILLIS = 10_000;

  private Main() {}

  /** Runs the example. */
  public static void main(String[] args) throws Exception {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("process ended")));
    Vertx vertx = Vertx.vertx(); // the fake provider's
    try {
      FakeOpenAiServer provider = FakeOpenAiServer.start(vertx, Duration.ofMillis(5)).await();
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      try (OpenAiClient client = OpenAiClient.create(new OpenAiClientOptions().setBaseUrl(provider.baseUrl())
          .setSseClientOptions(new SseClientOptions().setObserver(new MicrometerObserver(registry))))) {
        StringBuilder streamed = new StringBuilder();
        ChatResult result;
        try (OpenAiStreamIterator<ChatChunk, ChatResult> chunks =
            client.streamChat(ChatRequest.builder("mock-normal").user("Say hello").build()).iterator()) {
          chunks.forEachRemaining(chunk -> streamed.append(chunk.textDelta()));
          result = chunks.result();
        }
        System.out.println("streamed: " + streamed);
        System.out.println("errors: " + result.errors());
        printMeters(registry);
      }
    } finally {
      vertx.close().await();
    }
    System.out.println("main returned");
  }

  private static void printMeters(SimpleMeterRegistry registry) throws InterruptedException {
    long deadline = System.currentTimeMillis() + METER_WAIT_MILLIS;
    Timer duration;
    while ((duration = registry.find(MicrometerObserver.OPERATION_DURATION).timer()) == null
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(10); // the stream's end is told to the observer on the client's event loop, maybe just after
    }
    if (duration == null) {
      System.out.println("no meter " + MicrometerObserver.OPERATION_DURATION + "; meters: "
          + registry.getMetersAsString());
      return;
    }
    Meter.Id id = duration.getId();
    System.out.println(MicrometerObserver.OPERATION_DURATION + ": count=" + duration.count() + " "
        + List.of(MicrometerObserver.OPERATION_NAME, MicrometerObserver.SYSTEM, MicrometerObserver.REQUEST_MODEL,
            MicrometerObserver.ERROR_TYPE).stream().map(key -> key + "=" + id.getTag(key))
            .collect(Collectors.joining(" ")));
    System.out.println(MicrometerObserver.SERVER_ADDRESS + " tagged: "
        + (id.getTag(MicrometerObserver.SERVER_ADDRESS) != null));
    for (String type : List.of("input", "output")) {
      DistributionSummary tokens = registry.find(MicrometerObserver.TOKEN_USAGE)
          .tag(MicrometerObserver.TOKEN_TYPE, type).summary();
      System.out.println(MicrometerObserver.TOKEN_USAGE + " " + type + ": "
          + (tokens == null ? "none" : Long.toString((long) tokens.totalAmount())));
    }
    Timer firstChunk = registry.find(MicrometerObserver.TIME_TO_FIRST_CHUNK).timer();
    System.out.println(MicrometerObserver.TIME_TO_FIRST_CHUNK + ": count="
        + (firstChunk == null ? 0 : firstChunk.count()));
  }
}
