package io.github.ssekit.openai.chat;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.Optional;

/**
 * The role of a message author, as sent in {@code delta.role}.
 *
 * <p>An open enum: any string a provider sends is kept in {@link #raw()}; {@link #known()} says whether it is one
 * of the values OpenAI documents. Compare with the constants or with {@link #known()}.
 *
 * @param raw the value exactly as the provider sent it
 */
public record Role(String raw) {
  /** {@code "developer"}. */
  public static final Role DEVELOPER = new Role("developer");
  /** {@code "system"}. */
  public static final Role SYSTEM = new Role("system");
  /** {@code "user"}. */
  public static final Role USER = new Role("user");
  /** {@code "assistant"}. */
  public static final Role ASSISTANT = new Role("assistant");
  /** {@code "tool"}. */
  public static final Role TOOL = new Role("tool");

  /** The values OpenAI documents. */
  public enum Known {
    /** {@code "developer"}. */
    DEVELOPER,
    /** {@code "system"}. */
    SYSTEM,
    /** {@code "user"}. */
    USER,
    /** {@code "assistant"}. */
    ASSISTANT,
    /** {@code "tool"}. */
    TOOL;
  }

  /** Rejects nulls. */
  public Role {
    Objects.requireNonNull(raw, "raw");
  }

  /** The value for {@code raw}, known or not. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static Role of(String raw) {
    return new Role(raw);
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
      case "developer": return Optional.of(Known.DEVELOPER);
      case "system": return Optional.of(Known.SYSTEM);
      case "user": return Optional.of(Known.USER);
      case "assistant": return Optional.of(Known.ASSISTANT);
      case "tool": return Optional.of(Known.TOOL);
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
