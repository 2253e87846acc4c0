package io.github.ssekit.opencode.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.Set;

/**
 * The status of a tool call: pending, running, completed or error.
 *
 * <p>Open: any string the server sends is kept as is; {@link #isKnown()} says whether it is one of the
 * constants below (the ones OpenCode 1.18.33 documents).
 *
 * @param raw the raw string, as sent
 */
public record ToolStatus(String raw) {
  /** {@code "pending"}. */
  public static final ToolStatus PENDING = new ToolStatus("pending");
  /** {@code "running"}. */
  public static final ToolStatus RUNNING = new ToolStatus("running");
  /** {@code "completed"}. */
  public static final ToolStatus COMPLETED = new ToolStatus("completed");
  /** {@code "error"}. */
  public static final ToolStatus ERROR = new ToolStatus("error");

  private static final Set<ToolStatus> KNOWN = Set.of(PENDING, RUNNING, COMPLETED, ERROR);

  /** Wraps a raw value. */
  public ToolStatus {
    Objects.requireNonNull(raw, "raw");
  }

  /** The value for a raw string (Jackson uses this too). */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static ToolStatus of(String raw) {
    return new ToolStatus(raw);
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
