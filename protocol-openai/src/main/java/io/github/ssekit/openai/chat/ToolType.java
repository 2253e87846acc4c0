package io.github.ssekit.openai.chat;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.Optional;

/**
 * The type of a tool call, as sent in {@code tool_calls[].type}.
 *
 * <p>An open enum: any string a provider sends is kept in {@link #raw()}; {@link #known()} says whether it is one
 * of the values OpenAI documents. Compare with the constants or with {@link #known()}.
 *
 * @param raw the value exactly as the provider sent it
 */
public record ToolType(String raw) {
  /** {@code "function"}. */
  public static final ToolType FUNCTION = new ToolType("function");
  /** {@code "custom"}. */
  public static final ToolType CUSTOM = new ToolType("custom");

  /** The values OpenAI documents. */
  public enum Known {
    /** {@code "function"}. */
    FUNCTION,
    /** {@code "custom"}. */
    CUSTOM;
  }

  /** Rejects nulls. */
  public ToolType {
    Objects.requireNonNull(raw, "raw");
  }

  /** The value for {@code raw}, known or not. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static ToolType of(String raw) {
    return new ToolType(raw);
  }

  /** The raw value; also what is written to JSON. */
  @Override
  @JsonValue
  public String raw() {
    return raw;
  }

  /** The documented value this is, or empty for a value OpenAI does not document. */
  public Optional<Known> known() {
    switch (raw) {
      case "function": return Optional.of(Known.FUNCTION);
      case "custom": return Optional.of(Known.CUSTOM);
      default: return Optional.empty();
    }
  }

  /** Whether this is one of the documented values: {@code known().isPresent()}. */
  public boolean isKnown() {
    return known().isPresent();
  }

  @Override
  public String toString() {
    return raw;
  }
}
