package io.github.ssekit.openai.chat;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.github.ssekit.sse.protocol.KnownValue;
import io.github.ssekit.sse.protocol.OpenEnum;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The type of a tool call, as sent in {@code tool_calls[].type}.
 *
 * <p>An open enum ({@link OpenEnum}): any string a provider sends is kept in {@link #raw()}, and written back
 * as is; {@link #known()} says whether it is one of the values OpenAI documents. Equality is by the raw
 * string.
 *
 * @param raw the value exactly as a provider sent it
 */
public record ToolType(@JsonValue String raw) implements OpenEnum<ToolType.Known> {

  /** The values OpenAI documents; each member carries its wire string, the one place it is written. */
  public enum Known implements KnownValue {
    FUNCTION("function"),
    CUSTOM("custom");

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

  /** {@link Known#FUNCTION}. */
  public static final ToolType FUNCTION = of(Known.FUNCTION);
  /** {@link Known#CUSTOM}. */
  public static final ToolType CUSTOM = of(Known.CUSTOM);

  /** Rejects nulls. */
  public ToolType {
    Objects.requireNonNull(raw, "raw");
  }

  /** The value for {@code raw}, documented or not (Jackson reads JSON strings with this too). */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static ToolType of(String raw) {
    return new ToolType(raw);
  }

  /** The value for a documented one; the constants are made with this. */
  public static ToolType of(Known known) {
    return new ToolType(known.raw());
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
