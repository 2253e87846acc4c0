package io.github.ssekit.recipes;

import io.github.ssekit.client.openai.OpenAiClient;
import io.github.ssekit.client.openai.OpenAiClientOptions;
import io.github.ssekit.openai.chat.ChatDeltaListener;
import io.github.ssekit.openai.chat.ChatRequest;
import io.github.ssekit.openai.chat.ChatResult;
import io.github.ssekit.sse.protocol.DiagnosticSummary;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * A Vert.x verticle that streams one chat completion with {@link OpenAiClient}: it prints the text as it arrives
 * and a provider's named progress events, then the assembled {@link ChatResult}: content, finish reason and every
 * deviation the provider made that was tolerated. Everything runs on the verticle's event loop; nothing blocks.
 *
 * <p>Its configuration: {@code baseUrl}, {@code model}, {@code prompt}; the API key comes from the environment
 * variable {@code OPENAI_API_KEY} (none for a local server).
 *
 * <pre>{@code
 * java -cp CLASSPATH io.github.ssekit.recipes.ChatVerticle http://127.0.0.1:11434/v1 llama3.2 "Say hi"
 * }</pre>
 */
public final class ChatVerticle extends VerticleBase {

  private final Promise<ChatResult> finished = Promise.promise();
  private OpenAiClient client;

  /**
   * Deploys the verticle with {@code args}: base URL, model, prompt; then closes Vert.x once the reply is complete,
   * so the JVM exits.
   */
  public static void main(String[] args) {
    JsonObject config = new JsonObject()
        .put("baseUrl", args.length > 0 ? args[0] : "https://api.openai.com/v1")
        .put("model", args.length > 1 ? args[1] : "gpt-4o-mini")
        .put("prompt", args.length > 2 ? args[2] : "Say hello.");
    Vertx vertx = Vertx.vertx();
    try {
      ChatVerticle verticle = new ChatVerticle();
      vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config)).await();
      verticle.finished().await();  // main is a plain thread: it may wait
    } finally {
      vertx.close().await();  // undeploys the verticle (stop() closes the client); the JVM can exit
    }
  }

  /** Completes with the assembled reply, or fails if no stream was accepted (an error status, for one). */
  public Future<ChatResult> finished() {
    return finished.future();
  }

  @Override
  public Future<?> start() {
    client = OpenAiClient.create(vertx, new OpenAiClientOptions()
        .setBaseUrl(config().getString("baseUrl"))
        .setApiKey(System.getenv("OPENAI_API_KEY")));
    ChatRequest request = ChatRequest.builder(config().getString("model")).user(config().getString("prompt")).build();
    // recipe:begin verticle
    client.streamChat(request)
        .onDelta(ChatDeltaListener.content(System.out::print))  // text as it arrives, in order
        .on("hermes.tool.progress", e -> System.out.println("\n[progress] " + e.data()))  // a named event
        .result()                                                // sends the request
        .onSuccess(result -> {
          System.out.println();
          result.message().ifPresent(m -> {
            System.out.println("content: " + m.content());
            System.out.println("finish reason: " + m.finishReason().map(f -> f.raw()).orElse("none"));
          });
          for (DiagnosticSummary d : result.diagnostics()) {      // deviations tolerated, each code once
            System.out.println("diagnostic " + d.code() + " (x" + d.count() + "): " + d.message());
          }
        })
        .onComplete(finished);
    // recipe:end verticle
    return Future.succeededFuture();  // deployed at once; the reply streams afterwards
  }

  @Override
  public Future<?> stop() {
    return client.closeAsync();  // a stream still open is cancelled: its result completes with what arrived
  }
}
