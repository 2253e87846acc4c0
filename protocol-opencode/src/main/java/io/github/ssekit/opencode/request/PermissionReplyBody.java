package io.github.ssekit.opencode.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of {@code POST /permission/{requestID}/reply}: {@code {"reply":"once"|"always"|"reject","message"?}}.
 * The server answers {@code true}. (The older {@code POST /session/{id}/permissions/{id}} takes
 * {@link LegacyPermissionResponseBody}.)
 *
 * @param reply the answer
 * @param message an optional note for the model, such as why a call was rejected
 */
public record PermissionReplyBody(PermissionReply reply,
    @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> message) {

  /** Checks that nothing is null. */
  public PermissionReplyBody {
    Objects.requireNonNull(reply, "reply");
    Objects.requireNonNull(message, "message");
  }

  /** A reply without a message. */
  public static PermissionReplyBody of(PermissionReply reply) {
    return new PermissionReplyBody(reply, Optional.empty());
  }

  /** A reply with a message. */
  public static PermissionReplyBody of(PermissionReply reply, String message) {
    return new PermissionReplyBody(reply, Optional.of(message));
  }
}
