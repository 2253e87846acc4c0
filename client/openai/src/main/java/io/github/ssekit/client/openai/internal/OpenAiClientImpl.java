package io.github.ssekit.client.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ssekit.client.ObservedStream;
import io.github.ssekit.client.SseRequest;
import io.github.ssekit.client.internal.BindingClient;
import io.github.ssekit.client.internal.BindingStreamCall;
import io.github.ssekit.client.internal.RedactingAccumulator;
import io.github.ssekit.client.internal.Redactor;
import io.github.ssekit.client.internal.ResultWiring;
import io.github.ssekit.client.openai.OpenAiChatStream;
import io.github.ssekit.client.openai.OpenAiClient;
import io.github.ssekit.client.openai.OpenAiClientOptions;
import io.github.ssekit.client.openai.OpenAiRequestOptions;
import io.github.ssekit.client.openai.OpenAiResponsesStream;
import io.github.ssekit.openai.ProviderStreamException;
import io.github.ssekit.openai.StrictModeException;
import io.github.ssekit.openai.chat.ChatAccumulator;
import io.github.ssekit.openai.chat.ChatChoice;
import io.github.ssekit.openai.chat.ChatChunk;
import io.github.ssekit.openai.chat.ChatCompletionsProtocol;
import io.github.ssekit.openai.chat.ChatDelta;
import io.github.ssekit.openai.chat.ChatDeltaListener;
import io.github.ssekit.openai.chat.ChatRequest;
import io.github.ssekit.openai.chat.ChatResult;
import io.github.ssekit.openai.chat.ImmutableChatResult;
import io.github.ssekit.openai.chat.Usage;
import io.github.ssekit.openai.responses.FunctionCallArgumentsEvent;
import io.github.ssekit.openai.responses.ImmutableResponsesResult;
import io.github.ssekit.openai.responses.OutputTextEvent;
import io.github.ssekit.openai.responses.ReasoningEvent;
import io.github.ssekit.openai.responses.RefusalEvent;
import io.github.ssekit.openai.responses.ResponseLifecycleEvent;
import io.github.ssekit.openai.responses.ResponseUsage;
import io.github.ssekit.openai.responses.ResponsesAccumulator;
import io.github.ssekit.openai.responses.ResponsesDeltaListener;
import io.github.ssekit.openai.responses.ResponsesEvent;
import io.github.ssekit.openai.responses.ResponsesProtocol;
import io.github.ssekit.openai.responses.ResponsesRequest;
import io.github.ssekit.openai.responses.ResponsesResult;
import io.github.ssekit.sse.protocol.StreamAccumulator;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The {@link OpenAiClient}: builds the POST requests and hands each stream to the transport's generic
 * {@link BindingStreamCall} with the lenient protocol and a fresh accumulator.
 */
public final class OpenAiClientImpl extends BindingClient implements OpenAiClient {
  private final OpenAiClientOptions options;

  /** A client for {@code options} (copied) on the caller's {@code vertx}, which it never closes. */
  public OpenAiClientImpl(Vertx vertx, OpenAiClientOptions options) {
    this(copy(options), onVertx(vertx));
  }

  private OpenAiClientImpl(OpenAiClientOptions options, Transport transport) {
    super(transport, options.getSseClientOptions(), options.getMaxResponseChars());
    this.options = options;
  }

  /**
   * A client for {@code options} (copied) on a Vert.x instance of its own: its transport owns it and closes it
   * last.
   */
  public static OpenAiClientImpl owningVertx(OpenAiClientOptions options) {
    return new OpenAiClientImpl(copy(options), ownVertx());
  }

  private static OpenAiClientOptions copy(OpenAiClientOptions options) {
    return new OpenAiClientOptions(Objects.requireNonNull(options, "options"));
  }

  @Override
  public OpenAiChatStream streamChat(ChatRequest request, OpenAiRequestOptions requestOptions) {
    ObjectNode body = request.toJsonTree();
    body.put("stream", true);
    JsonNode streamOptions = body.get("stream_options");
    ObjectNode usage = streamOptions instanceof ObjectNode o ? o : body.putObject("stream_options");
    if (!usage.has("include_usage")) {
      usage.put("include_usage", true);
    }
    SseRequest sseRequest = post("/chat/completions", body, requestOptions);
    // a chat stream ends at [DONE], which the conversation reports itself
    ResultWiring<ChatChunk, ChatResult> wiring = new ResultWiring<>(observed(sseRequest, request.model()),
        OpenAiClientImpl::carriesOutput,
        (result, metadata) -> ImmutableChatResult.builder().from(result).responseMetadata(metadata).build(),
        result -> new OptionalLong[] {
            count(result.usage().flatMap(Usage::promptTokens)), count(result.usage().flatMap(Usage::completionTokens))});
    return new OpenAiFaces.Chat(new BindingStreamCall<>(this, sseRequest,
        ChatCompletionsProtocol.lenient(), StrictModeException::new, chunk -> false,
        deltas -> redacting(new ChatAccumulator(deltas, options.getDiagnosticLimits()), sseRequest),
        ChatDeltaListener.NONE, wiring, status -> OpenAiErrors.httpException(sseRequest, status)));
  }

  @Override
  public OpenAiResponsesStream streamResponses(ResponsesRequest request, OpenAiRequestOptions requestOptions) {
    ObjectNode body = request.toJsonTree();
    body.put("stream", true);
    SseRequest sseRequest = post("/responses", body, requestOptions);
    // nothing follows response.completed, .incomplete or .failed: the stream ends there, even if the body goes on
    ResultWiring<ResponsesEvent, ResponsesResult> wiring = new ResultWiring<>(observed(sseRequest, request.model()),
        OpenAiClientImpl::carriesOutput,
        (result, metadata) -> ImmutableResponsesResult.builder().from(result).responseMetadata(metadata).build(),
        result -> new OptionalLong[] {count(result.usage().flatMap(ResponseUsage::inputTokens)),
            count(result.usage().flatMap(ResponseUsage::outputTokens))});
    return new OpenAiFaces.Responses(new BindingStreamCall<>(this, sseRequest,
        ResponsesProtocol.lenient(), StrictModeException::new,
        event -> event instanceof ResponseLifecycleEvent lifecycle && lifecycle.isTerminal(),
        deltas -> redacting(new ResponsesAccumulator(deltas, options.getDiagnosticLimits()), sseRequest),
        ResponsesDeltaListener.NONE, wiring, status -> OpenAiErrors.httpException(sseRequest, status)));
  }

  /**
   * The accumulator with the request's credentials cut out of the errors and diagnostics a provider sends in its
   * stream.
   */
  private static <T, R> StreamAccumulator<T, R> redacting(StreamAccumulator<T, R> accumulator, SseRequest request) {
    DecodedSecrets secrets = new DecodedSecrets(Redactor.of(request.headers()));
    return new RedactingAccumulator<>(accumulator, secrets::text, secrets::json,
        error -> error instanceof ProviderStreamException provider ? secrets.error(provider) : error);
  }

  /** The observer's labels: OpenTelemetry's GenAI names {@code openai} and {@code chat}, the model, the host. */
  private static ObservedStream observed(SseRequest request, String model) {
    return ResultWiring.observed(request, "openai", "chat", model);
  }

  /** Whether a chunk adds output to a choice: content, reasoning, a refusal or a tool call's arguments. */
  private static boolean carriesOutput(ChatChunk chunk) {
    for (ChatChoice choice : chunk.choices()) {
      Optional<ChatDelta> delta = choice.delta();
      if (delta.isPresent() && (delta.get().content().filter(t -> !t.isEmpty()).isPresent()
          || delta.get().reasoningText().filter(t -> !t.isEmpty()).isPresent()
          || delta.get().refusal().filter(t -> !t.isEmpty()).isPresent() || !delta.get().toolCalls().isEmpty())) {
        return true;
      }
    }
    return false;
  }

  /** Whether a Responses event is a delta of output: text, reasoning, a refusal or a function call's arguments. */
  private static boolean carriesOutput(ResponsesEvent event) {
    Optional<String> delta = event instanceof OutputTextEvent text ? text.delta()
        : event instanceof ReasoningEvent reasoning ? reasoning.delta()
        : event instanceof RefusalEvent refusal ? refusal.delta()
        : event instanceof FunctionCallArgumentsEvent arguments ? arguments.delta()
        : Optional.empty();
    return delta.filter(t -> !t.isEmpty()).isPresent();
  }

  private static OptionalLong count(Optional<Long> value) {
    return value.map(OptionalLong::of).orElse(OptionalLong.empty());
  }

  private SseRequest post(String path, ObjectNode body, OpenAiRequestOptions requestOptions) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.put("Content-Type", "application/json");
    if (options.getApiKey() != null) {
      headers.put("Authorization", "Bearer " + options.getApiKey());
    }
    headers.putAll(options.getHeaders());
    headers.putAll(requestOptions.getHeaders());
    SseRequest.Builder builder = SseRequest.post(options.getBaseUrl() + path)
        .reconnect(false)
        .headers(headers)
        .body(Buffer.buffer(body.toString().getBytes(StandardCharsets.UTF_8)));
    requestOptions.getIdleTimeout().ifPresent(builder::idleTimeout);
    builder.deadline(requestOptions.getDeadline().orElse(options.getDeadline()));
    requestOptions.getMaxRetries().ifPresent(builder::maxRetries);
    return builder.build();
  }

  @Override
  public OpenAiClientOptions options() {
    return new OpenAiClientOptions(options);
  }

  @Override
  public String toString() {
    return "OpenAiClient[" + options + "]";
  }
}
