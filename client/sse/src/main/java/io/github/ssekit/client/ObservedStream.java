package io.github.ssekit.client;

import java.util.Optional;

/**
 * What an {@link SseObserver} is told about the stream it observes: enough to label a metric, nothing secret (no
 * query, no header).
 *
 * @param system the provider or protocol, such as {@code "openai"}; {@code "sse"} for a plain {@link SseClient}
 *     stream (the OpenTelemetry attribute {@code gen_ai.system})
 * @param operation what the stream does, such as {@code "chat"}; {@code "stream"} for a plain stream
 *     ({@code gen_ai.operation.name})
 * @param model the model asked for, if any ({@code gen_ai.request.model})
 * @param serverAddress the host the request went to ({@code server.address})
 * @param serverPort its port ({@code server.port})
 */
public record ObservedStream(String system, String operation, Optional<String> model, String serverAddress,
    int serverPort) {}
