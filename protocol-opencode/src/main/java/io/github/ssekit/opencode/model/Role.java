package io.github.ssekit.opencode.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.Set;

/**
 * The author of a message: {@code user} or {@code assistant}.
 *
 * <p>Open: any string the server sends is kept as is; {@link #isKnown()} says whether it is one of the
 * constants below (the ones OpenCode 1.18.33 documents).
 *
 * @param value the raw string, as sent
 */
public record Role(String value) {
  /** {@code "user"}. */
  public static final Role USER = new Role("user");
  /** {@code "assistant"}. */
  public static final Role ASSISTANT = new Role("assistant");

  private static final Set<Role> KNOWN = Set.of(USER, ASSISTANT);

  /** Wraps a raw value. */
  public Role {
    Objects.requireNonNull(value, "value");
  }

  /** The value for a raw string (Jackson uses this too). */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static Role of(String value) {
    return new Role(value);
  }

  /** The raw string, as sent. */
  @Override
  @JsonValue
  public String value() {
    return value;
  }

  /** Whether this is one of the documented constants. */
  public boolean isKnown() {
    return KNOWN.contains(this);
  }

  @Override
  public String toString() {
    return value;
  }
}
