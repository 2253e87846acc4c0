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
 * A pending permission request: the properties of {@code permission.asked} and the items of
 * {@code GET /permission}. Answer it with {@code POST /permission/{id}/reply} (see
 * {@link io.github.ssekit.opencode.request.PermissionReplyBody}).
 */
@Value.Immutable
@SuppressWarnings("exports") // @Value.* annotations are compile-time only; consumers need no Immutables
@JsonSerialize(as = ImmutablePermissionRequest.class)
@JsonDeserialize(as = ImmutablePermissionRequest.class)
public interface PermissionRequest {

  /** The request ID ({@code per_...}): the {@code requestID} to reply to. */
  Optional<String> id();

  /** The session waiting on it. */
  Optional<String> sessionID();

  /** The permission asked for, such as {@code bash} or {@code edit}. */
  Optional<String> permission();

  /** What exactly is asked, such as the command line. */
  List<String> patterns();

  /** The patterns an {@code always} reply would allow from now on. */
  List<String> always();

  /** Permission-specific details, such as the command. */
  Optional<JsonNode> metadata();

  /** The tool call that asked. */
  Optional<ToolRef> tool();

  /** Fields this version does not model, kept as sent. */
  @JsonAnyGetter
  Map<String, JsonNode> extra();
}
