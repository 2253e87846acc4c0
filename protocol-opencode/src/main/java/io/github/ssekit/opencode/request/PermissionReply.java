package io.github.ssekit.opencode.request;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** The answer to a permission request. */
public enum PermissionReply {
  /** Allow this call only. */
  ONCE,
  /** Allow this call and, from now on, the request's {@code always} patterns. */
  ALWAYS,
  /** Refuse: the tool call fails with an error and the turn goes on without it. */
  REJECT;

  /** The wire form: {@code once}, {@code always}, {@code reject}. */
  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The reply for a wire string, or empty for any other string. */
  public static Optional<PermissionReply> parse(String wire) {
    for (PermissionReply reply : values()) {
      if (reply.wire().equals(wire)) {
        return Optional.of(reply);
      }
    }
    return Optional.empty();
  }
}
