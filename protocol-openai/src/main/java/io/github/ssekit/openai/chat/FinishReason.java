package io.github.ssekit.openai.chat;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.github.ssekit.sse.protocol.KnownValue;
import io.github.ssekit.sse.protocol.OpenEnum;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Why a choice stopped, as sent in {@code choices[].finish_reason}.
 *
 * <p>An open enum ({@link OpenEnum}): any string a provider sends is kept in {@link #raw()}, and written back
 * as is; {@link #known()} says whether it is one of the values OpenAI documents. Equality is by the raw
 * string.
 *
 * @param raw the value exactly as a provider sent it
 */
public record FinishReason(@JsonValue String raw) implements OpenEnum<FinishReason.Known> {

  /** The values OpenAI documents; each member carries its wire string, the one place it is written. */
  public enum Known implements KnownValue {
    STOP("stop"),
    LENGTH("length"),
    TOOL_CALLS("tool_calls"),
    CONTENT_FILTER("content_filter"),
    FUNCTION_CALL("function_call");

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

  /** {@link Known#STOP}. */
  public static final FinishReason STOP = of(Known.STOP);
  /** {@link Known#LENGTH}. */
  public static final FinishReason LENGTH = of(Known.LENGTH);
  /** {@link Known#TOOL_CALLS}. */
  public static final FinishReason TOOL_CALLS = of(Known.TOOL_CALLS);
  /** {@link Known#CONTENT_FILTER}. */
  public static final FinishReason CONTENT_FILTER = of(Known.CONTENT_FILTER);
  /** {@link Known#FUNCTION_CALL}. */
  public static final FinishReason FUNCTION_CALL = of(Known.FUNCTION_CALL);

  /** Rejects nulls. */
  public FinishReason {
    Objects.requireNonNull(raw, "raw");
  }

  /** The value for {@code raw}, documented or not (Jackson reads JSON strings with this too). */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static FinishReason of(String raw) {
    return new FinishReason(raw);
  }

  /** The value for a documented one; the constants are made with this. */
  public static FinishReason of(Known known) {
    return new FinishReason(known.raw());
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
