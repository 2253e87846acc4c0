package io.github.ssekit.openai.responses;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/**
 * Any other event type (tool progress, audio, annotations, future types), kept whole: its members are in {@link
 * #extra()}.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableGenericResponsesEvent.class)
@JsonDeserialize(as = ImmutableGenericResponsesEvent.class)
public interface GenericResponsesEvent extends ResponsesEvent {
}
