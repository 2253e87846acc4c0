package io.github.ssekit.opencode.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.Set;

/**
 * The status of a session in {@code session.status}: idle, busy or retry.
 *
 * <p>Open: any string the server sends is kept as is; {@link #isKnown()} says whether it is one of the
 * constants below (the ones OpenCode 1.18.33 documents).
 *
 * @param raw the raw string, as sent
 */
public record SessionStatusType(String raw) {
  /** {@code "idle"}. */
  public static final SessionStatusType IDLE = new SessionStatusType("idle");
  /** {@code "busy"}. */
  public static final SessionStatusType BUSY = new SessionStatusType("busy");
  /** {@code "retry"}. */
  public static final SessionStatusType RETRY = new SessionStatusType("retry");

  private static final Set<SessionStatusType> KNOWN = Set.of(IDLE, BUSY, RETRY);

  /** Wraps a raw value. */
  public SessionStatusType {
    Objects.requireNonNull(raw, "raw");
  }

  /** The value for a raw string (Jackson uses this too). */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static SessionStatusType of(String raw) {
    return new SessionStatusType(raw);
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
