package io.github.ssekit.benchmarks.anthropic;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.AnthropicClientImpl;
import com.anthropic.core.ClientOptions;
import com.anthropic.core.RequestOptions;
import com.anthropic.core.http.Headers;
import com.anthropic.core.http.HttpClient;
import com.anthropic.core.http.HttpRequest;
import com.anthropic.core.http.HttpResponse;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import io.github.ssekit.benchmarks.pipeline.Assembled;
import io.github.ssekit.benchmarks.workload.ChunkedInputStream;
import io.github.ssekit.benchmarks.workload.Input;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;

/**
 * The official anthropic-java SDK, driven from bytes through its public transport SPI: an {@link HttpClient} whose
 * response body is the input. {@code messages().createStreaming(...)} then runs the SDK's own SSE framing, JSON to
 * {@link RawMessageStreamEvent}, and its {@link MessageAccumulator} assembles the {@link Message}. The request side
 * (building and serialising the params) is included; it is one small object per stream.
 */
public final class AnthropicJavaPipeline implements MessagesPipeline {

  private final BodyClient http = new BodyClient();
  private final AnthropicClient client = new AnthropicClientImpl(ClientOptions.builder()
      .httpClient(http)
      .putHeader("x-api-key", "sk-ant-benchmark")
      .baseUrl("http://127.0.0.1")
      .maxRetries(0)
      .build());

  @Override
  public String name() {
    return "anthropic-java";
  }

  @Override
  public Assembled run(Input input) {
    Message message = message(new ChunkedInputStream(input));
    StringBuilder text = new StringBuilder();
    for (ContentBlock block : message.content()) {
      block.text().ifPresent(t -> text.append(t.text()));
    }
    return new Assembled(text.toString(), message.stopReason().map(r -> r.asString()).orElse(""),
        message.usage().outputTokens());
  }

  /** The message the SDK assembles from {@code stream}; throws what the SDK throws. */
  public Message message(byte[] stream) {
    return message(new ByteArrayInputStream(stream));
  }

  private Message message(InputStream body) {
    http.body = body;
    MessageCreateParams params = MessageCreateParams.builder()
        .model("claude-sonnet-4-5")
        .maxTokens(1024)
        .addUserMessage("Hello!")
        .build();
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
      stream.stream().forEach(accumulator::accumulate);
    }
    return accumulator.message();
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
