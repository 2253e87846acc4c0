package io.github.ssekit.opencode.request;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;

/**
 * One rule of a session's permission ruleset: {@code {"permission","pattern","action"}}.
 *
 * @param permission the permission, such as {@code bash} or {@code edit}
 * @param pattern the pattern it applies to, such as {@code git *}
 * @param action allow, deny or ask
 */
public record PermissionRule(String permission, String pattern, Action action) {

  /** What to do when the rule matches. */
  public enum Action {
    /** Run without asking. */
    ALLOW,
    /** Refuse. */
    DENY,
    /** Ask the user ({@code permission.asked}). */
    ASK;

    /** The wire form. */
    @JsonValue
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Checks that nothing is missing. */
  public PermissionRule {
    Checks.notBlank(permission, "permission");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(action, "action");
  }
}
