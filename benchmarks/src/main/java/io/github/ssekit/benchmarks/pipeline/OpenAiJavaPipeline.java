package io.github.ssekit.benchmarks.pipeline;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientImpl;
import com.openai.core.ClientOptions;
import com.openai.core.RequestOptions;
import com.openai.core.http.Headers;
import com.openai.core.http.HttpClient;
import com.openai.core.http.HttpRequest;
import com.openai.core.http.HttpResponse;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.github.ssekit.benchmarks.workload.ChunkedInputStream;
import io.github.ssekit.benchmarks.workload.Input;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;

/**
 * The official openai-java SDK, driven from bytes through its public transport SPI: an {@link HttpClient} whose
 * response body is the input. {@code chat().completions().createStreaming(...)} then runs the SDK's own SSE
 * framing (a BufferedReader line loop), JSON to {@link ChatCompletionChunk}, and {@link ChatCompletionAccumulator}
 * assembles the {@link ChatCompletion}. The request side (building and serialising the params) is included; it
 * is one small object per stream.
 */
public final class OpenAiJavaPipeline implements ChatPipeline {

  private final BodyClient http = new BodyClient();
  private final OpenAIClient client = new OpenAIClientImpl(ClientOptions.builder()
      .httpClient(http)
      .apiKey("sk-benchmark")
      .baseUrl("http://127.0.0.1/v1")
      .maxRetries(0)
      .build());

  @Override
  public String name() {
    return "openai-java";
  }

  @Override
  public Assembled run(Input input) {
    http.body = new ChunkedInputStream(input);
    ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
        .model("gpt-4o-mini")
        .addUserMessage("Hello!")
        .build();
    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
    try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
      stream.stream().forEach(accumulator::accumulate);
    }
    ChatCompletion completion = accumulator.chatCompletion();
    ChatCompletion.Choice choice = completion.choices().get(0);
    return new Assembled(choice.message().content().orElse(""), choice.finishReason().asString(),
        completion.usage().map(u -> u.totalTokens()).orElse(-1L));
  }

  /** Answers every request with 200, {@code text/event-stream} and the current body. */
  private static final class BodyClient implements HttpClient {
    private InputStream body;

    @Override
    public HttpResponse execute(HttpRequest request, RequestOptions options) {
      InputStream stream = body;
      return new HttpResponse() {
        @Override
        public int statusCode() {
          return 200;
        }

        @Override
        public Headers headers() {
          return Headers.builder().put("content-type", "text/event-stream").build();
        }

        @Override
        public InputStream body() {
          return stream;
        }

        @Override
        public void close() {}
      };
    }

    @Override
    public CompletableFuture<HttpResponse> executeAsync(HttpRequest request, RequestOptions options) {
      return CompletableFuture.completedFuture(execute(request, options));
    }

    @Override
    public void close() {}
  }
}
