package io.github.ssekit.client.openai.internal;

import io.github.ssekit.client.ObservedStream;
import io.github.ssekit.sse.protocol.ResponseMetadata;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the generic stream driver needs to know of one API's values and result to observe it and attach the
 * response's metadata: kept apart from {@link OpenAiStreamCall} so that the driver stays the same for both APIs.
 *
 * @param stream the labels of the stream for the observer
 * @param isToken whether a value carries output (text, reasoning, a tool call's arguments): counted as a token delta
 * @param withMetadata the result with the response's metadata attached
 * @param usage the input and output token counts the result reports, each empty when unknown
 */
record ResultWiring<T, R>(ObservedStream stream, Predicate<T> isToken,
    BiFunction<R, ResponseMetadata, R> withMetadata, Function<R, OptionalLong[]> usage) {}
