package io.github.ssekit.recipes;

import io.github.ssekit.client.openai.OpenAiClient;
import io.github.ssekit.client.openai.OpenAiClientOptions;
import io.github.ssekit.openai.chat.ChatDeltaListener;
import io.github.ssekit.openai.chat.ChatRequest;
import io.github.ssekit.openai.chat.ChatResult;
import io.vertx.core.Vertx;

/**
 * {@link OpenAiClient} from a plain {@code main}, no verticle: streams one chat completion, printing the text as it
 * arrives, then the usage and the codes of the tolerated deviations, and exits. The API key comes from the
 * environment variable {@code OPENAI_API_KEY} (none for a local server).
 *
 * <pre>{@code
 * OPENAI_API_KEY=sk-... java -cp CLASSPATH io.github.ssekit.recipes.OpenAiPlainJava https://api.openai.com/v1 gpt-4o-mini "Say hi"
 * }</pre>
 */
public final class OpenAiPlainJava {

  private OpenAiPlainJava() {}

  /** Streams a reply from the provider at base URL {@code args[0]}, model {@code args[1]}, prompt {@code args[2]}. */
  public static void main(String[] args) {
    String baseUrl = args.length > 0 ? args[0] : "https://api.openai.com/v1";
    String model = args.length > 1 ? args[1] : "gpt-4o-mini";
    String prompt = args.length > 2 ? args[2] : "Say hello.";
    // recipe:begin openai
    Vertx vertx = Vertx.vertx();  // the client runs on Vert.x; its threads keep the JVM alive until closed
    try {
      OpenAiClient client = OpenAiClient.create(vertx, new OpenAiClientOptions()
          .setBaseUrl(baseUrl)
          .setApiKey(System.getenv("OPENAI_API_KEY")));
      ChatResult result = client.streamChat(ChatRequest.builder(model).user(prompt).build())
          .onDelta(ChatDeltaListener.content(System.out::print))  // called on a Vert.x thread, in order
          .result()                                                // sends the request
          .await();                                                // blocks this (plain) thread until the end
      System.out.println();
      result.usage().ifPresent(u -> System.out.println("tokens: " + u.totalTokens().orElse(0L)));
      System.out.println("diagnostics: " + result.diagnosticCodes());
    } finally {
      vertx.close().await();  // closes the client and its connections too
    }
    // recipe:end openai
  }
}
