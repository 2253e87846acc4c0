package com.example.openai;

import com.fasterxml.jackson.databind.cfg.PackageVersion;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.ssekit.client.openai.OpenAiClient;
import io.github.ssekit.client.openai.OpenAiClientOptions;
import io.github.ssekit.client.openai.OpenAiStreamIterator;
import io.github.ssekit.openai.chat.ChatChunk;
import io.github.ssekit.openai.chat.ChatMessage;
import io.github.ssekit.openai.chat.ChatRequest;
import io.github.ssekit.openai.chat.ChatResult;
import io.github.ssekit.openai.chat.FinishReason;
import io.github.ssekit.openai.chat.Usage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Streams a Chat Completions reply with {@link OpenAiClient} from a provider served on loopback by the JDK's
 * {@link HttpServer}, pulling the typed chunks on the main thread, prints the assembled message, and ends. The
 * program knows nothing of Vert.x (the client owns its own) and on purpose never closes the client: the JVM must
 * still exit on its own, which is what a client never closed must allow (a watchdog reports the threads that keep
 * it alive otherwise).
 */
public final class Main {

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

    try {
      // no Vertx here, and no close(): the client's own Vert.x runs on daemon threads
      OpenAiClient client = OpenAiClient.create(new OpenAiClientOptions().setBaseUrl(baseUrl));
      StringBuilder streamed = new StringBuilder();
      ChatResult result;
      try (OpenAiStreamIterator<ChatChunk, ChatResult> chunks =
          client.streamChat(ChatRequest.builder("consumer-model").user("Say hello").build()).iterator()) {
        chunks.forEachRemaining(chunk -> streamed.append(chunk.textDelta()));
        result = chunks.result();
      }

      System.out.println("streamed: " + streamed);
      System.out.println("content: " + result.message().map(ChatMessage::content).orElse("(no message)"));
      System.out.println("finish reason: "
          + result.message().flatMap(ChatMessage::finishReason).map(FinishReason::raw).orElse("(none)"));
      System.out.println("usage: " + result.usage().map(Main::usage).orElse("(none)"));
      System.out.println("done received: " + result.doneReceived() + ", truncated: " + result.truncated()
          + ", errors: " + result.errors() + ", diagnostics: " + result.diagnosticCodes());
    } finally {
      provider.stop(0); // the JDK server's dispatcher thread is not daemon: the provider is the test's to stop
    }
    System.out.println("main returned, the client never closed");
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

  /**
   * Once main is done, the JVM ends when its last non-daemon thread does. If a thread (a Vert.x event loop of the
   * never-closed client, an HTTP dispatcher) is still alive after a grace period, this names it and halts with exit code 3, so that the build
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
