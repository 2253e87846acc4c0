package io.github.ssekit.opencode.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The body of {@code POST /session}; every field is optional, so {@code SessionCreateBody.builder().build()}
 * (written {@code {}}) is a valid request. Without a title the server generates one with its small model (an extra
 * LLM call). The directory is not part of the body: pass it as the {@code directory} query parameter or the
 * {@code x-opencode-directory} header.
 */
@Value.Immutable
@SuppressWarnings("exports") // @Value.* annotations are compile-time only; consumers need no Immutables
@JsonSerialize(as = ImmutableSessionCreateBody.class)
@JsonPropertyOrder({"parentID", "title", "agent", "model", "metadata", "permission", "workspaceID"})
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public interface SessionCreateBody {

  /** A new builder. */
  static ImmutableSessionCreateBody.Builder builder() {
    return ImmutableSessionCreateBody.builder();
  }

  /** The parent session ({@code ses...}), for a child session. */
  Optional<String> parentID();

  /** The title. */
  Optional<String> title();

  /** The default agent of the session. */
  Optional<String> agent();

  /** The default model of the session, in the session shape {@code {"id","providerID"}}. */
  Optional<SessionModel> model();

  /** Free-form metadata; must be a JSON object. */
  Optional<JsonNode> metadata();

  /** Permission rules for this session. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  List<PermissionRule> permission();

  /** The workspace ({@code wrk...}). */
  Optional<String> workspaceID();

  /** Checks the ID prefixes and the metadata shape. */
  @Value.Check
  default void check() {
    Checks.prefixed(parentID(), "ses", "parentID");
    Checks.prefixed(workspaceID(), "wrk", "workspaceID");
    if (metadata().isPresent() && !metadata().get().isObject()) {
      throw new IllegalStateException("metadata must be a JSON object");
    }
  }
}
