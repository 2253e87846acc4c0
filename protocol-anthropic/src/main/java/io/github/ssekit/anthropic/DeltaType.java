package io.github.ssekit.anthropic;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.github.ssekit.sse.protocol.KnownValue;
import io.github.ssekit.sse.protocol.OpenEnum;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The type of a {@code content_block_delta}'s {@code delta}.
 *
 * <p>An open enum ({@link OpenEnum}): any string a server sends is kept in {@link #raw()}; {@link #known()} says
 * whether it is one of the values Anthropic documents. Equality is by the raw string.
 *
 * @param raw the value exactly as a server sent it
 */
public record DeltaType(@JsonValue String raw) implements OpenEnum<DeltaType.Known> {

  /** The values Anthropic documents; each member carries its wire string, the one place it is written. */
  public enum Known implements KnownValue {
    TEXT_DELTA("text_delta"),
    INPUT_JSON_DELTA("input_json_delta"),
    THINKING_DELTA("thinking_delta"),
    SIGNATURE_DELTA("signature_delta"),
    CITATIONS_DELTA("citations_delta");

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

  /** {@link Known#TEXT_DELTA}. */
  public static final DeltaType TEXT_DELTA = of(Known.TEXT_DELTA);
  /** {@link Known#INPUT_JSON_DELTA}. */
  public static final DeltaType INPUT_JSON_DELTA = of(Known.INPUT_JSON_DELTA);
  /** {@link Known#THINKING_DELTA}. */
  public static final DeltaType THINKING_DELTA = of(Known.THINKING_DELTA);
  /** {@link Known#SIGNATURE_DELTA}. */
  public static final DeltaType SIGNATURE_DELTA = of(Known.SIGNATURE_DELTA);
  /** {@link Known#CITATIONS_DELTA}. */
  public static final DeltaType CITATIONS_DELTA = of(Known.CITATIONS_DELTA);

  /** Rejects nulls. */
  public DeltaType {
    Objects.requireNonNull(raw, "raw");
  }

  /** The value for {@code raw}, documented or not (Jackson reads JSON strings with this too). */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static DeltaType of(String raw) {
    return new DeltaType(raw);
  }

  /** The value for a documented one; the constants are made with this. */
  public static DeltaType of(Known known) {
    return new DeltaType(known.raw());
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
