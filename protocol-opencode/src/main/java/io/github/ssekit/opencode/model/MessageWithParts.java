package io.github.ssekit.opencode.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A message with its parts, {@code {"info","parts"}}: the answer of the synchronous prompt
 * ({@code POST /session/{id}/message}) and the items of {@code GET /session/{id}/message}.
 *
 * <p>A failed turn still answers HTTP 200: check {@code info().error()}.
 */
@Value.Immutable
@SuppressWarnings("exports") // @Value.* annotations are compile-time only; consumers need no Immutables
@JsonSerialize(as = ImmutableMessageWithParts.class)
@JsonDeserialize(as = ImmutableMessageWithParts.class)
public interface MessageWithParts {

  /** The message. */
  Optional<MessageInfo> info();

  /** Its parts, in order. */
  List<Part> parts();

  /** The text of the text parts, concatenated in order (synthetic parts included). */
  default String text() {
    StringBuilder text = new StringBuilder();
    for (Part part : parts()) {
      if (part.is(PartType.TEXT)) {
        text.append(part.text().orElse(""));
      }
    }
    return text.toString();
  }

  /** The error the turn ended with, if it failed. */
  default Optional<OpenCodeError> error() {
    return info().flatMap(MessageInfo::error);
  }

  /** Fields this version does not model, kept as sent. */
  @JsonAnyGetter
  Map<String, JsonNode> extra();
}
