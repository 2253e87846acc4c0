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
 * @param raw the raw string, as sent
 */
public record Role(String raw) {
  /** {@code "user"}. */
  public static final Role USER = new Role("user");
  /** {@code "assistant"}. */
  public static final Role ASSISTANT = new Role("assistant");

  private static final Set<Role> KNOWN = Set.of(USER, ASSISTANT);

  /** Wraps a raw value. */
  public Role {
    Objects.requireNonNull(raw, "raw");
  }

  /** The value for a raw string (Jackson uses this too). */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static Role of(String raw) {
    return new Role(raw);
  }

  /** The raw string, as sent. */
  @Override
  @JsonValue
  public String raw() {
    return raw;
  }

  /** Whether this is one of the documented constants. */
  public boolean isKnown() {
    return KNOWN.contains(this);
  }

  @Override
  public String toString() {
    return raw;
  }
}
