package com.example.openai;

import com.fasterxml.jackson.databind.cfg.PackageVersion;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.ssekit.client.openai.OpenAiClient;
import io.github.ssekit.client.openai.OpenAiClientOptions;
import io.github.ssekit.openai.chat.ChatDeltaListener;
import io.github.ssekit.openai.chat.ChatMessage;
import io.github.ssekit.openai.chat.ChatRequest;
import io.github.ssekit.openai.chat.ChatResult;
import io.github.ssekit.openai.chat.FinishReason;
import io.github.ssekit.openai.chat.Usage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Streams a Chat Completions reply with {@link OpenAiClient} from a provider served on loopback by the JDK's
 * {@link HttpServer}, prints the assembled message, and ends: the JVM must exit on its own once everything is
 * closed (a watchdog reports the threads that keep it alive otherwise).
 */
public final class Main {

  private static final long TIMEOUT_SECONDS = 30;
  private static final long EXIT_GRACE_MILLIS = 15_000;

  private static final List<String> CHUNKS = List.of(
      chunk("{\"role\":\"assistant\",\"content\":\"\"}", "null"),
      chunk("{\"content\":\"Hello\"}", "null"),
      chunk("{\"content\":\", consumer\"}", "null"),
      chunk("{\"content\":\"!\"}", "null"),
      chunk("{}", "\"stop\""),
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"consumer-model\","
          + "\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":4,\"total_tokens\":13}}",
      "[DONE]");

  private Main() {}

  /** Runs the example. */
  public static void main(String[] args) throws Exception {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("process ended")));
    try {
      streamOneReply();
    } finally {
      startExitWatchdog();
    }
  }

  private static void streamOneReply() throws Exception {
    HttpServer provider = startProvider();
    String baseUrl = "http://127.0.0.1:" + provider.getAddress().getPort() + "/v1";
    System.out.println("jackson-databind at run time: " + PackageVersion.VERSION);

    // For now the program owns the Vert.x instance the client runs on: created here, closed in finally.
    Vertx vertx = Vertx.vertx();
    try {
      OpenAiClient client = OpenAiClient.create(vertx, new OpenAiClientOptions().setBaseUrl(baseUrl));
      StringBuilder streamed = new StringBuilder();
      ChatResult result = await(client.streamChat(ChatRequest.builder("consumer-model").user("Say hello").build())
          .onDelta(ChatDeltaListener.content(streamed::append))
          .result());
      await(client.close());

      System.out.println("streamed: " + streamed);
      System.out.println("content: " + result.message().map(ChatMessage::content).orElse("(no message)"));
      System.out.println("finish reason: "
          + result.message().flatMap(ChatMessage::finishReason).map(FinishReason::raw).orElse("(none)"));
      System.out.println("usage: " + result.usage().map(Main::usage).orElse("(none)"));
      System.out.println("done received: " + result.doneReceived() + ", truncated: " + result.truncated()
          + ", errors: " + result.errors() + ", diagnostics: " + result.diagnosticCodes());
    } finally {
      await(vertx.close());
      provider.stop(0);
    }
    System.out.println("closed");
  }

  /** A provider that answers POST /v1/chat/completions with a short stream. */
  private static HttpServer startProvider() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", Main::stream);
    server.start();
    return server;
  }

  private static void stream(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    System.out.println("provider got: " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()
        + (body.contains("\"stream\":true") ? " streaming" : " NOT streaming"));
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

  private static String usage(Usage usage) {
    return "prompt=" + usage.promptTokens().orElse(-1L) + " completion=" + usage.completionTokens().orElse(-1L)
        + " total=" + usage.totalTokens().orElse(-1L);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  /**
   * Once main is done, the JVM ends when its last non-daemon thread does. If a thread (a Vert.x event loop, an HTTP
   * dispatcher) is still alive after a grace period, this names it and halts with exit code 3, so that the build
   * fails saying why instead of hanging.
   */
  private static void startExitWatchdog() {
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(EXIT_GRACE_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      System.out.println("process did not end; threads still alive: " + Thread.getAllStackTraces().keySet().stream()
          .filter(thread -> !thread.isDaemon() && !thread.getName().equals("DestroyJavaVM"))
          .map(Thread::getName).sorted().toList());
      Runtime.getRuntime().halt(3);
    }, "exit-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }
}
