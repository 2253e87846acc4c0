package io.github.ssekit.openai.responses;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/** Any other event type (tool progress, audio, annotations, future types), kept whole: its members are in {@link #extra()}. */
@Value.Immutable
@JsonSerialize(as = ImmutableGenericResponsesEvent.class)
@JsonDeserialize(as = ImmutableGenericResponsesEvent.class)
public interface GenericResponsesEvent extends ResponsesEvent {
}
