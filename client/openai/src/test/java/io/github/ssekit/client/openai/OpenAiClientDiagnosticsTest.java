package io.github.ssekit.client.openai;

import static io.github.ssekit.client.testing.ScriptedServer.eventStream;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.client.testing.ScriptedServer;
import io.github.ssekit.openai.OpenAiDiagnostics;
import io.github.ssekit.openai.chat.ChatRequest;
import io.github.ssekit.openai.chat.ChatResult;
import io.github.ssekit.openai.responses.ResponsesRequest;
import io.github.ssekit.openai.responses.ResponsesResult;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.protocol.DiagnosticLimits;
import io.github.ssekit.sse.protocol.DiagnosticSummary;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Over HTTP, from a scripted server: a deviation the provider repeats in every event is reported once with its
 * count, {@code onDiagnostic} is called once and {@code onEveryDiagnostic} for each, and the result keeps the
 * occurrences only up to the client's {@link OpenAiClientOptions#setDiagnosticLimits limits}.
 */
class OpenAiClientDiagnosticsTest {
  private static final int N = 5000;

  private Vertx vertx;
  private ScriptedServer server;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server = ScriptedServer.start(vertx)
        .on("/v1/chat/completions", req -> {
          StringBuilder body = new StringBuilder();
          for (int i = 0; i < N; i++) {
            body.append("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"\",\"content\":\"t").append(i)
                .append(" \"},\"finish_reason\":null}]}\n\n");
          }
          eventStream(req).end(body.append("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,"
              + "\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
              + "data: [DONE]\n\n").toString());
        })
        .on("/v1/responses", req -> {
          StringBuilder body = new StringBuilder();
          for (int i = 0; i < N; i++) { // unnamed events: each reported as openai.unnamed-event
            body.append("data: {\"type\":\"response.output_text.delta\",\"output_index\":0,\"content_index\":0,"
                + "\"delta\":\"t").append(i).append(" \"}\n\n");
          }
          eventStream(req).end(body.append("event: response.completed\ndata: {\"type\":\"response.completed\","
              + "\"response\":{\"id\":\"r\",\"status\":\"completed\"}}\n\n").toString());
        });
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** What one stream reported: its result's views of the diagnostics, and what the handlers were called with. */
  record Seen(List<DiagnosticSummary> summaries, List<Diagnostic> occurrences, long notKept, String text,
      List<Diagnostic> firsts, List<Diagnostic> every) {}

  /** One API of the client, run with both diagnostic handlers. */
  record Api(String name, String code, Runner runner) {
    @Override
    public String toString() {
      return name;
    }
  }

  interface Runner {
    Seen run(OpenAiClient client) throws Exception;
  }

  static Stream<Api> apis() {
    return Stream.of(
        new Api("chat completions", OpenAiDiagnostics.EMPTY_ROLE, client -> {
          List<Diagnostic> firsts = new CopyOnWriteArrayList<>();
          List<Diagnostic> every = new CopyOnWriteArrayList<>();
          ChatResult result = await(client.streamChat(ChatRequest.builder("m").user("hi").build())
              .onDiagnostic(handler(firsts)).onEveryDiagnostic(handler(every)).result());
          return new Seen(result.diagnostics(), result.diagnosticOccurrences(),
              result.diagnosticOccurrencesNotKept(), result.message().orElseThrow().content(), firsts, every);
        }),
        new Api("responses", OpenAiDiagnostics.UNNAMED_EVENT, client -> {
          List<Diagnostic> firsts = new CopyOnWriteArrayList<>();
          List<Diagnostic> every = new CopyOnWriteArrayList<>();
          ResponsesResult result = await(client.streamResponses(ResponsesRequest.builder("m").input("hi").build())
              .onDiagnostic(handler(firsts)).onEveryDiagnostic(handler(every)).result());
          return new Seen(result.diagnostics(), result.diagnosticOccurrences(),
              result.diagnosticOccurrencesNotKept(), result.text(), firsts, every);
        }));
  }

  private static Handler<Diagnostic> handler(List<Diagnostic> into) {
    return into::add;
  }

  private Seen run(Api api, OpenAiClientOptions options) throws Exception {
    OpenAiClient client = OpenAiClient.create(vertx, options.setBaseUrl(server.url("/v1")));
    try {
      return api.runner().run(client);
    } finally {
      await(client.closeAsync());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("apis")
  void aDeviationInEveryEventIsReportedOnceWithItsCount(Api api) throws Exception {
    Seen seen = run(api, new OpenAiClientOptions());

    assertEquals(1, seen.summaries().size(), seen.summaries().toString());
    DiagnosticSummary summary = seen.summaries().get(0);
    assertEquals(api.code(), summary.code());
    assertEquals(N, summary.count());
    assertTrue(summary.excerpt().contains("\"t0 \""), summary.excerpt());
    assertEquals(List.of(summary.first()), seen.firsts(), "onDiagnostic is called once");
    assertEquals(N, seen.every().size(), "onEveryDiagnostic is called for each");
    assertEquals(seen.every().subList(0, DiagnosticLimits.DEFAULT_MAX_OCCURRENCES_PER_CODE), seen.occurrences(),
        "the result keeps the first occurrences, up to the default limit");
    assertEquals(N - DiagnosticLimits.DEFAULT_MAX_OCCURRENCES_PER_CODE, seen.notKept());
    assertTrue(seen.text().startsWith("t0 t1 ") && seen.text().endsWith("t" + (N - 1) + " "), "the text is whole");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("apis")
  void theResultKeepsOccurrencesUpToTheClientsLimits(Api api) throws Exception {
    Seen seen = run(api, new OpenAiClientOptions().setDiagnosticLimits(new DiagnosticLimits(3, 2)));
    assertEquals(seen.every().subList(0, 2), seen.occurrences(), "at most 2 in all");
    assertEquals(N - 2, seen.notKept());
    assertEquals(N, seen.summaries().get(0).count(), "the count stays exact");
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
