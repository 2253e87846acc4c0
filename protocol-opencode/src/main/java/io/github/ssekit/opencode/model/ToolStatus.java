package io.github.ssekit.opencode.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.github.ssekit.sse.protocol.KnownValue;
import io.github.ssekit.sse.protocol.OpenEnum;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The status of a tool call: pending, running, completed or error.
 *
 * <p>An open enum ({@link OpenEnum}): any string the server sends is kept in {@link #raw()}, and written back
 * as is; {@link #known()} says whether it is one of the values OpenCode 1.18.33 documents. Equality is by the raw
 * string.
 *
 * @param raw the value exactly as the server sent it
 */
public record ToolStatus(@JsonValue String raw) implements OpenEnum<ToolStatus.Known> {

  /** The values OpenCode 1.18.33 documents; each member carries its wire string, the one place it is written. */
  public enum Known implements KnownValue {
    PENDING("pending"),
    RUNNING("running"),
    COMPLETED("completed"),
    ERROR("error");

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

  /** {@link Known#PENDING}. */
  public static final ToolStatus PENDING = of(Known.PENDING);
  /** {@link Known#RUNNING}. */
  public static final ToolStatus RUNNING = of(Known.RUNNING);
  /** {@link Known#COMPLETED}. */
  public static final ToolStatus COMPLETED = of(Known.COMPLETED);
  /** {@link Known#ERROR}. */
  public static final ToolStatus ERROR = of(Known.ERROR);

  /** Rejects nulls. */
  public ToolStatus {
    Objects.requireNonNull(raw, "raw");
  }

  /** The value for {@code raw}, documented or not (Jackson reads JSON strings with this too). */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static ToolStatus of(String raw) {
    return new ToolStatus(raw);
  }

  /** The value for a documented one; the constants are made with this. */
  public static ToolStatus of(Known known) {
    return new ToolStatus(known.raw());
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
