package io.github.ssekit.recipes;

import io.github.ssekit.client.openai.OpenAiClient;
import io.github.ssekit.client.openai.OpenAiClientOptions;
import io.github.ssekit.client.openai.OpenAiStreamIterator;
import io.github.ssekit.openai.chat.ChatChunk;
import io.github.ssekit.openai.chat.ChatRequest;
import io.github.ssekit.openai.chat.ChatResult;

/**
 * {@link OpenAiClient} from a plain {@code main}, no Vert.x to know about: the client owns its Vert.x, and the
 * chunks are pulled on the main thread as they arrive. It prints the text, then the usage and the codes of the
 * tolerated deviations, and exits (it would exit even without closing the client: its threads are daemon threads).
 * The API key comes from the environment variable {@code OPENAI_API_KEY} (none for a local server). A provider's
 * refusal is thrown from the loop ({@code OpenAiHttpException}) and ends {@code main}.
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
    OpenAiClientOptions options = new OpenAiClientOptions()
        .setBaseUrl(baseUrl)
        .setApiKey(System.getenv("OPENAI_API_KEY"));
    try (OpenAiClient client = OpenAiClient.create(options);  // no Vert.x to set up: the client owns one
        OpenAiStreamIterator<ChatChunk, ChatResult> chunks =
            client.streamChat(ChatRequest.builder(model).user(prompt).build()).iterator()) {  // sends the request
      chunks.forEachRemaining(chunk -> System.out.print(chunk.textDelta()));  // on this thread, as they arrive
      ChatResult result = chunks.result();  // after the last chunk: usage, finish reason, diagnostics, errors
      System.out.println();
      result.usage().ifPresent(u -> System.out.println("tokens: " + u.totalTokens().orElse(0L)));
      System.out.println("diagnostics: " + result.diagnosticCodes());
    }
    // recipe:end openai
  }
}
