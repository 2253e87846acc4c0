package io.github.ssekit.opencode.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.github.ssekit.sse.protocol.KnownValue;
import io.github.ssekit.sse.protocol.OpenEnum;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The kind of a message part (the JSON {@code type} of a part).
 *
 * <p>An open enum ({@link OpenEnum}): any string the server sends is kept in {@link #raw()}, and written back
 * as is; {@link #known()} says whether it is one of the values OpenCode 1.18.33 documents. Equality is by the raw
 * string.
 *
 * @param raw the value exactly as the server sent it
 */
public record PartType(@JsonValue String raw) implements OpenEnum<PartType.Known> {

  /** The values OpenCode 1.18.33 documents; each member carries its wire string, the one place it is written. */
  public enum Known implements KnownValue {
    TEXT("text"),
    REASONING("reasoning"),
    TOOL("tool"),
    STEP_START("step-start"),
    STEP_FINISH("step-finish"),
    FILE("file"),
    AGENT("agent"),
    SUBTASK("subtask"),
    SNAPSHOT("snapshot"),
    PATCH("patch"),
    RETRY("retry"),
    COMPACTION("compaction");

    private final String raw;

    Known(String raw) {
      this.raw = raw;
    }

    @Override
    public String raw() {
      return raw;
    }
  }

  private static final Function<String, Optional<Known>> KNOWN = OpenEnum.lookup(Known.class);

  /** {@link Known#TEXT}. */
  public static final PartType TEXT = of(Known.TEXT);
  /** {@link Known#REASONING}. */
  public static final PartType REASONING = of(Known.REASONING);
  /** {@link Known#TOOL}. */
  public static final PartType TOOL = of(Known.TOOL);
  /** {@link Known#STEP_START}. */
  public static final PartType STEP_START = of(Known.STEP_START);
  /** {@link Known#STEP_FINISH}. */
  public static final PartType STEP_FINISH = of(Known.STEP_FINISH);
  /** {@link Known#FILE}. */
  public static final PartType FILE = of(Known.FILE);
  /** {@link Known#AGENT}. */
  public static final PartType AGENT = of(Known.AGENT);
  /** {@link Known#SUBTASK}. */
  public static final PartType SUBTASK = of(Known.SUBTASK);
  /** {@link Known#SNAPSHOT}. */
  public static final PartType SNAPSHOT = of(Known.SNAPSHOT);
  /** {@link Known#PATCH}. */
  public static final PartType PATCH = of(Known.PATCH);
  /** {@link Known#RETRY}. */
  public static final PartType RETRY = of(Known.RETRY);
  /** {@link Known#COMPACTION}. */
  public static final PartType COMPACTION = of(Known.COMPACTION);

  /** Rejects nulls. */
  public PartType {
    Objects.requireNonNull(raw, "raw");
  }

  /** The value for {@code raw}, documented or not (Jackson reads JSON strings with this too). */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static PartType of(String raw) {
    return new PartType(raw);
  }

  /** The value for a documented one; the constants are made with this. */
  public static PartType of(Known known) {
    return new PartType(known.raw());
  }

  @Override
  public Optional<Known> known() {
    return KNOWN.apply(raw);
  }

  @Override
  public String toString() {
    return raw;
  }
}
