package io.github.ssekit.client.anthropic.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ssekit.anthropic.AnthropicEvent;
import io.github.ssekit.anthropic.AnthropicMessage;
import io.github.ssekit.anthropic.MessagesAccumulator;
import io.github.ssekit.anthropic.MessagesProtocol;
import io.github.ssekit.anthropic.MessagesRequest;
import io.github.ssekit.anthropic.MessagesResult;
import io.github.ssekit.anthropic.StrictModeException;
import io.github.ssekit.anthropic.Usage;
import io.github.ssekit.client.SseRequest;
import io.github.ssekit.client.anthropic.AnthropicClient;
import io.github.ssekit.client.anthropic.AnthropicClientOptions;
import io.github.ssekit.client.anthropic.AnthropicMessagesStream;
import io.github.ssekit.client.internal.BindingClient;
import io.github.ssekit.client.internal.BindingStreamCall;
import io.github.ssekit.client.internal.RedactingAccumulator;
import io.github.ssekit.client.internal.ResultWiring;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The {@link AnthropicClient}: builds the POST requests and hands each stream to the transport's generic
 * {@link BindingStreamCall} with protocol-anthropic's lenient protocol and a fresh accumulator.
 */
public final class AnthropicClientImpl extends BindingClient implements AnthropicClient {
  private final AnthropicClientOptions options;

  /** A client for {@code options} (copied) on the caller's {@code vertx}, which it never closes. */
  public AnthropicClientImpl(Vertx vertx, AnthropicClientOptions options) {
    this(copy(options), onVertx(vertx));
  }

  private AnthropicClientImpl(AnthropicClientOptions options, Transport transport) {
    super(transport, options.getSseClientOptions(), options.getMaxResponseChars());
    this.options = options;
  }

  /** A client for {@code options} (copied) on a Vert.x of its own: its transport owns it and closes it last. */
  public static AnthropicClientImpl owningVertx(AnthropicClientOptions options) {
    return new AnthropicClientImpl(copy(options), ownVertx());
  }

  private static AnthropicClientOptions copy(AnthropicClientOptions options) {
    return new AnthropicClientOptions(Objects.requireNonNull(options, "options"));
  }

  @Override
  public AnthropicMessagesStream streamMessages(MessagesRequest request) {
    ObjectNode body = request.body();
    body.put("stream", true);
    SseRequest sseRequest = post(body);
    AnthropicSecrets secrets = AnthropicSecrets.of(sseRequest);
    ResultWiring<AnthropicEvent, MessagesResult> wiring = new ResultWiring<>(
        ResultWiring.observed(sseRequest, "anthropic", "chat", body.path("model").textValue()),
        AnthropicClientImpl::carriesOutput, MessagesResult::withResponseMetadata, AnthropicClientImpl::usage);
    return new AnthropicFaces.Messages(new BindingStreamCall<AnthropicEvent, MessagesResult, Void>(this, sseRequest,
        MessagesProtocol.lenient(), StrictModeException::new,
        // nothing follows message_stop: the stream ends there, even if the connection stays open
        event -> event instanceof AnthropicEvent.MessageStop,
        none -> new RedactingAccumulator<>(
            new MessagesAccumulator(options.getDiagnosticLimits(), options.getMaxBlocks()),
            secrets::text, secrets::json, secrets::error),
        null, wiring, status -> AnthropicErrors.httpException(status, secrets)));
  }

  /** Whether an event adds output: a delta with text, thinking or a piece of a tool's input. */
  private static boolean carriesOutput(AnthropicEvent event) {
    return event instanceof AnthropicEvent.ContentBlockDelta delta
        && (delta.delta().text().filter(t -> !t.isEmpty()).isPresent()
            || delta.delta().thinking().filter(t -> !t.isEmpty()).isPresent()
            || delta.delta().partialJson().filter(t -> !t.isEmpty()).isPresent());
  }

  /** The input and output token counts of the message, each empty when unknown. */
  private static OptionalLong[] usage(MessagesResult result) {
    Usage usage = result.message().flatMap(AnthropicMessage::usage).orElse(Usage.EMPTY);
    return new OptionalLong[] {usage.inputTokens(), usage.outputTokens()};
  }

  private SseRequest post(ObjectNode body) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.put("Content-Type", "application/json");
    headers.put("anthropic-version", options.getAnthropicVersion());
    if (options.getApiKey() != null) {
      headers.put("x-api-key", options.getApiKey());
    }
    headers.putAll(options.getHeaders());
    return SseRequest.post(options.getBaseUrl() + "/messages")
        .reconnect(false)
        .headers(headers)
        .body(Buffer.buffer(body.toString().getBytes(StandardCharsets.UTF_8)))
        .deadline(options.getDeadline())
        .build();
  }

  @Override
  public AnthropicClientOptions options() {
    return new AnthropicClientOptions(options);
  }

  @Override
  public String toString() {
    return "AnthropicClient[" + options + "]";
  }
}
