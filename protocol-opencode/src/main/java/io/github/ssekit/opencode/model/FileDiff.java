package io.github.ssekit.opencode.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One changed file in {@code session.diff} or a summary: {@code {"file","patch","additions","deletions","status"}}.
 */
@Value.Immutable
@SuppressWarnings("exports") // @Value.* annotations are compile-time only; consumers need no Immutables
@JsonSerialize(as = ImmutableFileDiff.class)
@JsonDeserialize(as = ImmutableFileDiff.class)
public interface FileDiff {

  /** The file path. */
  Optional<String> file();

  /** The patch text. */
  Optional<String> patch();

  /** Lines added. */
  Optional<Long> additions();

  /** Lines deleted. */
  Optional<Long> deletions();

  /** added, deleted or modified. */
  Optional<String> status();

  /** Fields this version does not model, kept as sent. */
  @JsonAnyGetter
  Map<String, JsonNode> extra();
}
