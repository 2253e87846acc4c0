package io.github.ssekit.anthropic;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.github.ssekit.sse.protocol.KnownValue;
import io.github.ssekit.sse.protocol.OpenEnum;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Why the message stopped, as sent in {@code message_delta}'s {@code delta.stop_reason} (or the {@code message_start} snapshot).
 *
 * <p>An open enum ({@link OpenEnum}): any string a server sends is kept in {@link #raw()}; {@link #known()} says
 * whether it is one of the values Anthropic documents. Equality is by the raw string.
 *
 * @param raw the value exactly as a server sent it
 */
public record StopReason(@JsonValue String raw) implements OpenEnum<StopReason.Known> {

  /** The values Anthropic documents; each member carries its wire string, the one place it is written. */
  public enum Known implements KnownValue {
    END_TURN("end_turn"),
    MAX_TOKENS("max_tokens"),
    STOP_SEQUENCE("stop_sequence"),
    TOOL_USE("tool_use"),
    PAUSE_TURN("pause_turn"),
    REFUSAL("refusal"),
    MODEL_CONTEXT_WINDOW_EXCEEDED("model_context_window_exceeded");

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

  /** {@link Known#END_TURN}. */
  public static final StopReason END_TURN = of(Known.END_TURN);
  /** {@link Known#MAX_TOKENS}. */
  public static final StopReason MAX_TOKENS = of(Known.MAX_TOKENS);
  /** {@link Known#STOP_SEQUENCE}. */
  public static final StopReason STOP_SEQUENCE = of(Known.STOP_SEQUENCE);
  /** {@link Known#TOOL_USE}. */
  public static final StopReason TOOL_USE = of(Known.TOOL_USE);
  /** {@link Known#PAUSE_TURN}. */
  public static final StopReason PAUSE_TURN = of(Known.PAUSE_TURN);
  /** {@link Known#REFUSAL}. */
  public static final StopReason REFUSAL = of(Known.REFUSAL);
  /** {@link Known#MODEL_CONTEXT_WINDOW_EXCEEDED}. */
  public static final StopReason MODEL_CONTEXT_WINDOW_EXCEEDED = of(Known.MODEL_CONTEXT_WINDOW_EXCEEDED);

  /** Rejects nulls. */
  public StopReason {
    Objects.requireNonNull(raw, "raw");
  }

  /** The value for {@code raw}, documented or not (Jackson reads JSON strings with this too). */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static StopReason of(String raw) {
    return new StopReason(raw);
  }

  /** The value for a documented one; the constants are made with this. */
  public static StopReason of(Known known) {
    return new StopReason(known.raw());
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
