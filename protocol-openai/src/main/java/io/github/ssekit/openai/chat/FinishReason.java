package io.github.ssekit.openai.chat;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a choice stopped, as sent in {@code choices[].finish_reason}.
 *
 * <p>An open enum: any string a provider sends is kept in {@link #raw()}; {@link #known()} says whether it is one
 * of the values OpenAI documents. Compare with the constants or with {@link #known()}.
 *
 * @param raw the value exactly as the provider sent it
 */
public record FinishReason(String raw) {
  /** {@code "stop"}. */
  public static final FinishReason STOP = new FinishReason("stop");
  /** {@code "length"}. */
  public static final FinishReason LENGTH = new FinishReason("length");
  /** {@code "tool_calls"}. */
  public static final FinishReason TOOL_CALLS = new FinishReason("tool_calls");
  /** {@code "content_filter"}. */
  public static final FinishReason CONTENT_FILTER = new FinishReason("content_filter");
  /** {@code "function_call"}. */
  public static final FinishReason FUNCTION_CALL = new FinishReason("function_call");

  /** The values OpenAI documents. */
  public enum Known {
    /** {@code "stop"}. */
    STOP,
    /** {@code "length"}. */
    LENGTH,
    /** {@code "tool_calls"}. */
    TOOL_CALLS,
    /** {@code "content_filter"}. */
    CONTENT_FILTER,
    /** {@code "function_call"}. */
    FUNCTION_CALL;
  }

  /** Rejects nulls. */
  public FinishReason {
    Objects.requireNonNull(raw, "raw");
  }

  /** The value for {@code raw}, known or not. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static FinishReason of(String raw) {
    return new FinishReason(raw);
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
      case "stop": return Optional.of(Known.STOP);
      case "length": return Optional.of(Known.LENGTH);
      case "tool_calls": return Optional.of(Known.TOOL_CALLS);
      case "content_filter": return Optional.of(Known.CONTENT_FILTER);
      case "function_call": return Optional.of(Known.FUNCTION_CALL);
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
