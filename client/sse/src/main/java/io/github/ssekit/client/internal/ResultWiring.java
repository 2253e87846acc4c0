package io.github.ssekit.client.internal;

import io.github.ssekit.client.ObservedStream;
import io.github.ssekit.client.SseRequest;
import io.github.ssekit.sse.protocol.ResponseMetadata;
import java.net.URI;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the generic stream driver ({@link BindingStreamCall}) needs to know of one API's values and result to observe
 * it and attach the response's metadata: kept apart so that the driver stays the same for every binding.
 *
 * @param stream the labels of the stream for the observer
 * @param isToken whether a value carries output (text, reasoning, a tool call's arguments): counted as a token delta
 * @param withMetadata the result with the response's metadata attached
 * @param usage the input and output token counts the result reports, each empty when unknown
 * @param <T> the protocol's value type
 * @param <R> the assembled result
 */
public record ResultWiring<T, R>(ObservedStream stream, Predicate<T> isToken,
    BiFunction<R, ResponseMetadata, R> withMetadata, Function<R, OptionalLong[]> usage) {

  /**
   * The observer's labels of a binding's request: OpenTelemetry's GenAI system and operation names (such as
   * {@code openai} and {@code chat}), the model, the server's host and port.
   */
  public static ObservedStream observed(SseRequest request, String system, String operation, String model) {
    URI uri = request.uri();
    int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    return new ObservedStream(system, operation, Optional.ofNullable(model), uri.getHost(), port);
  }
}
