package io.github.ssekit.opencode.request;

import java.util.Objects;

/**
 * The body of the older {@code POST /session/{sessionID}/permissions/{permissionID}}:
 * {@code {"response":"once"|"always"|"reject"}}. Still served by 1.18.33; prefer {@link PermissionReplyBody}.
 *
 * @param response the answer
 */
public record LegacyPermissionResponseBody(PermissionReply response) {

  /** Checks that the response is not null. */
  public LegacyPermissionResponseBody {
    Objects.requireNonNull(response, "response");
  }
}
