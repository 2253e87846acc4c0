package io.github.ssekit.opencode.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.Set;

/**
 * The kind of a message part (the JSON {@code type} of a part).
 *
 * <p>Open: any string the server sends is kept as is; {@link #isKnown()} says whether it is one of the
 * constants below (the ones OpenCode 1.18.33 documents).
 *
 * @param raw the raw string, as sent
 */
public record PartType(String raw) {
  /** {@code "text"}. */
  public static final PartType TEXT = new PartType("text");
  /** {@code "reasoning"}. */
  public static final PartType REASONING = new PartType("reasoning");
  /** {@code "tool"}. */
  public static final PartType TOOL = new PartType("tool");
  /** {@code "step-start"}. */
  public static final PartType STEP_START = new PartType("step-start");
  /** {@code "step-finish"}. */
  public static final PartType STEP_FINISH = new PartType("step-finish");
  /** {@code "file"}. */
  public static final PartType FILE = new PartType("file");
  /** {@code "agent"}. */
  public static final PartType AGENT = new PartType("agent");
  /** {@code "subtask"}. */
  public static final PartType SUBTASK = new PartType("subtask");
  /** {@code "snapshot"}. */
  public static final PartType SNAPSHOT = new PartType("snapshot");
  /** {@code "patch"}. */
  public static final PartType PATCH = new PartType("patch");
  /** {@code "retry"}. */
  public static final PartType RETRY = new PartType("retry");
  /** {@code "compaction"}. */
  public static final PartType COMPACTION = new PartType("compaction");

  private static final Set<PartType> KNOWN = Set.of(TEXT, REASONING, TOOL, STEP_START, STEP_FINISH, FILE, AGENT,
      SUBTASK, SNAPSHOT, PATCH, RETRY, COMPACTION);

  /** Wraps a raw value. */
  public PartType {
    Objects.requireNonNull(raw, "raw");
  }

  /** The value for a raw string (Jackson uses this too). */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static PartType of(String raw) {
    return new PartType(raw);
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
