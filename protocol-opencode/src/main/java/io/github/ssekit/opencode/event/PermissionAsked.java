package io.github.ssekit.opencode.event;

import io.github.ssekit.opencode.model.PermissionRequest;

/**
 * {@code permission.asked}: a tool call waits for permission. Answer with
 * {@link io.github.ssekit.opencode.request.PermissionReplyBody}.
 *
 * @param envelope the envelope (raw properties included)
 * @param request the request (its {@code id} is the {@code requestID} to reply to)
 */
public record PermissionAsked(EventEnvelope envelope, PermissionRequest request) implements OpenCodeEvent {
  /** The event type. */
  public static final String TYPE = "permission.asked";

  /** The type and ID only: the properties can hold prompts, tool outputs and file contents. */
  @Override
  public String toString() {
    return "PermissionAsked[" + envelope + "]";
  }
}
