package io.github.ssekit.opencode.event;

import java.util.List;
import java.util.Objects;

/**
 * {@code permission.v2.asked}: the experimental v2 form of {@code permission.asked}, with its own shape
 * ({@code {"id","sessionID","action","resources","save"?,"metadata"?,"source"?}}). Answered like the v1 form; its
 * answer comes as {@code permission.v2.replied} ({@link PermissionReplied}).
 *
 * @param envelope the envelope (raw properties included: metadata and source are there)
 * @param requestID the request ID ({@code per_...}): the ID to reply to
 * @param action what is asked for, such as {@code bash} (the v1 form's {@code permission})
 * @param resources what exactly is asked, such as the command line (the v1 form's {@code patterns})
 * @param save what an {@code always} reply would allow from now on (the v1 form's {@code always})
 */
public record PermissionV2Asked(EventEnvelope envelope, String requestID, String action, List<String> resources,
    List<String> save) implements OpenCodeEvent {
  /** The event type. */
  public static final String TYPE = "permission.v2.asked";

  /** Copies the lists; nothing may be null. */
  public PermissionV2Asked {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(requestID, "requestID");
    Objects.requireNonNull(action, "action");
    resources = List.copyOf(resources);
    save = List.copyOf(save);
  }

  /** The type, ID and action only: the resources can hold commands and paths. */
  @Override
  public String toString() {
    return "PermissionV2Asked[" + envelope + ", " + action + "]";
  }
}
