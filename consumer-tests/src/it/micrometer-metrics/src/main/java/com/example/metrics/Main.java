package com.example.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.ssekit.client.SseClientOptions;
import io.github.ssekit.client.openai.OpenAiClient;
import io.github.ssekit.client.openai.OpenAiClientOptions;
import io.github.ssekit.client.openai.OpenAiStreamIterator;
import io.github.ssekit.micrometer.MicrometerObserver;
import io.github.ssekit.openai.chat.ChatChunk;
import io.github.ssekit.openai.chat.ChatRequest;
import io.github.ssekit.openai.chat.ChatResult;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Streams a Chat Completions reply with {@link OpenAiClient} from a provider served on loopback by the JDK's
 * {@link HttpServer}, with a {@link MicrometerObserver} on Micrometer's {@link SimpleMeterRegistry}, and prints the
 * meters the stream recorded: their names and tags are what dashboards are built on.
 */
public final class Main {

  /** How long the meters may take to appear once the result is in (the observer is told on the event loop). */
  private static final long METER_WAIT_MILLIS = 10_000;

  private static final List<String> CHUNKS = List.of(
      chunk("{\"role\":\"assistant\",\"content\":\"\"}", "null"),
      chunk("{\"content\":\"Hello\"}", "null"),
      chunk("{\"content\":\", metrics\"}", "null"),
      chunk("{\"content\":\"!\"}", "null"),
      chunk("{}", "\"stop\""),
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"consumer-model\","
          + "\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":4,\"total_tokens\":13}}",
      "[DONE]");

  private Main() {}

  /** Runs the example. */
  public static void main(String[] args) throws Exception {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("process ended")));
    HttpServer provider = startProvider();
    String baseUrl = "http://127.0.0.1:" + provider.getAddress().getPort() + "/v1";
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (OpenAiClient client = OpenAiClient.create(new OpenAiClientOptions().setBaseUrl(baseUrl)
        .setSseClientOptions(new SseClientOptions().setObserver(new MicrometerObserver(registry))))) {
      StringBuilder streamed = new StringBuilder();
      ChatResult result;
      try (OpenAiStreamIterator<ChatChunk, ChatResult> chunks =
          client.streamChat(ChatRequest.builder("consumer-model").user("Say hello").build()).iterator()) {
        chunks.forEachRemaining(chunk -> streamed.append(chunk.textDelta()));
        result = chunks.result();
      }
      System.out.println("streamed: " + streamed);
      System.out.println("errors: " + result.errors());
      printMeters(registry);
    } finally {
      provider.stop(0); // the JDK server's dispatcher thread is not daemon
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
      System.out.println("no meter " + MicrometerObserver.OPERATION_DURATION + "; meters: " + registry.getMetersAsString());
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

  /** A provider that answers POST /v1/chat/completions with a short stream. */
  private static HttpServer startProvider() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", Main::stream);
    server.start();
    return server;
  }

  private static void stream(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      for (String data : CHUNKS) {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    }
  }

  private static String chunk(String delta, String finishReason) {
    return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"consumer-model\","
        + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finishReason + "}]}";
  }
}
