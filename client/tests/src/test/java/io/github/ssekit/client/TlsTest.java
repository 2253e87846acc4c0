package io.github.ssekit.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.ssekit.client.openai.OpenAiClient;
import io.github.ssekit.client.openai.OpenAiClientOptions;
import io.github.ssekit.client.opencode.OpenCodeClient;
import io.github.ssekit.client.opencode.OpenCodeClientOptions;
import io.github.ssekit.client.testing.Sink;
import io.github.ssekit.openai.chat.ChatRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TLS is verified by default: a server with a self-signed certificate is rejected by every client (SseClient,
 * OpenAiClient, OpenCodeClient) unless the certificate is explicitly trusted through
 * {@link SseClientOptions#setHttpClientOptions}, and trusting it does not switch off host name verification.
 */
// SelfSignedCertificate is deprecated for removal in Vert.x 5, yet still there in 5.2: it makes a fresh certificate
// per run with no tool and no committed key; replace it by a generated keystore when Vert.x drops it
@SuppressWarnings("removal")
class TlsTest {
  private static final long WAIT_SECONDS = 10;
  private static final String CHUNK = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"m\","
      + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"secure\"},"
      + "\"finish_reason\":\"stop\"}]}";

  private static Vertx vertx;
  private static SelfSignedCertificate certificate;
  private static HttpServer tls;
  private static HttpServer plain;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    certificate = SelfSignedCertificate.create("localhost");
    plain = await(vertx.createHttpServer().requestHandler(req -> req.response()
        .putHeader("content-type", "text/event-stream").end("data: clear text\n\n")).listen(0, "127.0.0.1"));
    tls = await(vertx.createHttpServer(new HttpServerOptions().setSsl(true)
            .setKeyCertOptions(certificate.keyCertOptions()))
        .requestHandler(req -> {
          switch (req.path()) {
            case "/events" -> req.response().putHeader("content-type", "text/event-stream").end("data: secure\n\n");
            case "/v1/chat/completions" -> req.body().onSuccess(b -> req.response()
                .putHeader("content-type", "text/event-stream").end("data: " + CHUNK + "\n\ndata: [DONE]\n\n"));
            case "/global/health" -> req.response().putHeader("content-type", "application/json")
                .end("{\"healthy\":true}");
            case "/downgrade" -> req.response().setStatusCode(307)
                .putHeader("Location", "http://127.0.0.1:" + plain.actualPort() + "/events").end();
            default -> req.response().setStatusCode(404).end();
          }
        })
        .listen(0, "127.0.0.1"));
  }

  @AfterAll
  static void stop() throws Exception {
    await(vertx.close());
    certificate.delete();
  }

  /** The certificate's name: resolves to 127.0.0.1, where the server listens. */
  private static String url(String path) {
    return "https://localhost:" + tls.actualPort() + path;
  }

  private static SseClientOptions trusting() {
    return new SseClientOptions().setConnectTimeout(Duration.ofSeconds(WAIT_SECONDS))
        .setHttpClientOptions(new HttpClientOptions().setTrustOptions(certificate.trustOptions()));
  }

  private static SseClientOptions defaults() {
    return new SseClientOptions().setConnectTimeout(Duration.ofSeconds(WAIT_SECONDS));
  }

  // ---- one row per client: how to call the TLS server, and what a success gives ------------------------------

  /** A call through one of the clients, returning what the server answered. */
  record Call(String client, Function<SseClientOptions, Future<String>> run, String expected) {
    @Override
    public String toString() {
      return client;
    }
  }

  static Stream<Call> calls() {
    return Stream.of(
        new Call("SseClient", options -> {
          SseClient client = SseClient.create(vertx, options);
          return client.connect(SseRequest.get(url("/events")).reconnect(false).build())
              .compose(stream -> {
                Sink sink = Sink.attach(stream);
                return Future.fromCompletionStage(sink.done).map(v -> String.join(",", sink.data()));
              })
              .eventually(client::closeAsync);
        }, "secure"),
        new Call("OpenAiClient", options -> {
          OpenAiClient client = OpenAiClient.create(vertx, new OpenAiClientOptions().setBaseUrl(url("/v1"))
              .setApiKey("sk-tls").setSseClientOptions(options));
          return client.streamChat(ChatRequest.builder("m").user("hi").build()).result()
              .map(result -> result.message().map(m -> m.content()).orElse(""))
              .eventually(client::closeAsync);
        }, "secure"),
        new Call("OpenCodeClient", options -> {
          OpenCodeClient client = OpenCodeClient.create(vertx,
              new OpenCodeClientOptions("https://localhost:" + tls.actualPort()).setSseClientOptions(options));
          return client.health().map(Object::toString).eventually(client::closeAsync);
        }, "{\"healthy\":true}"));
  }

  @ParameterizedTest(name = "{0} rejects a self-signed server by default")
  @MethodSource("calls")
  void aSelfSignedServerIsRejectedByDefault(Call call) throws Exception {
    Throwable failure = failureOf(call.run().apply(defaults()));
    assertInstanceOf(SseConnectionException.class, failure, failure.toString());
    assertTrue(causedBySsl(failure), "a TLS handshake failure: " + failure);
  }

  @ParameterizedTest(name = "{0} accepts it when its certificate is trusted")
  @MethodSource("calls")
  void anExplicitlyTrustedCertificateIsAccepted(Call call) throws Exception {
    assertEquals(call.expected(), await(call.run().apply(trusting())));
  }

  @Test
  void trustingACertificateDoesNotTurnOffHostNameVerification() throws Exception {
    SseClient client = SseClient.create(vertx, trusting());
    try {
      // the same server and certificate, reached by an address that is not the certificate's name
      Throwable failure = failureOf(client.connect(
          SseRequest.get("https://127.0.0.1:" + tls.actualPort() + "/events").reconnect(false).build()));
      assertInstanceOf(SseConnectionException.class, failure);
      assertTrue(causedBySsl(failure), failure.toString());
    } finally {
      await(client.closeAsync());
    }
  }

  @Test
  void verificationIsOnInTheDefaultOptions() {
    HttpClientOptions http = new SseClientOptions().getHttpClientOptions();
    assertFalse(http.isTrustAll(), "trust all");
    assertTrue(http.isVerifyHost(), "host name verification");
    assertEquals(null, http.getTrustOptions(), "only the JDK's trusted authorities");
  }

  @Test
  void aRedirectFromHttpsToHttpIsRefused() throws Exception {
    SseClient client = SseClient.create(vertx, trusting());
    try {
      Throwable failure = failureOf(client.connect(SseRequest.post(url("/downgrade")).body("private").build()));
      RedirectException e = assertInstanceOf(RedirectException.class, failure);
      assertEquals(307, e.status());
      assertTrue(e.getMessage().contains("https to http"), e.getMessage());
    } finally {
      await(client.closeAsync());
    }
  }

  private static boolean causedBySsl(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return true;
      }
    }
    return false;
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  private static Throwable failureOf(Future<?> future) throws Exception {
    try {
      Object value = await(future);
      return fail("expected a failure, got " + value);
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }
}
