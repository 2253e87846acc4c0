package io.github.ssekit.openai.chat;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.Optional;

/**
 * The service tier that served a request, as sent in {@code service_tier}.
 *
 * <p>An open enum: any string a provider sends is kept in {@link #raw()}; {@link #known()} says whether it is one
 * of the values OpenAI documents. Compare with the constants or with {@link #known()}.
 *
 * @param raw the value exactly as the provider sent it
 */
public record ServiceTier(String raw) {
  /** {@code "auto"}. */
  public static final ServiceTier AUTO = new ServiceTier("auto");
  /** {@code "default"}. */
  public static final ServiceTier DEFAULT = new ServiceTier("default");
  /** {@code "flex"}. */
  public static final ServiceTier FLEX = new ServiceTier("flex");
  /** {@code "scale"}. */
  public static final ServiceTier SCALE = new ServiceTier("scale");
  /** {@code "priority"}. */
  public static final ServiceTier PRIORITY = new ServiceTier("priority");
  /** {@code "fast"}. */
  public static final ServiceTier FAST = new ServiceTier("fast");

  /** The values OpenAI documents. */
  public enum Known {
    /** {@code "auto"}. */
    AUTO,
    /** {@code "default"}. */
    DEFAULT,
    /** {@code "flex"}. */
    FLEX,
    /** {@code "scale"}. */
    SCALE,
    /** {@code "priority"}. */
    PRIORITY,
    /** {@code "fast"}. */
    FAST;
  }

  /** Rejects nulls. */
  public ServiceTier {
    Objects.requireNonNull(raw, "raw");
  }

  /** The value for {@code raw}, known or not. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static ServiceTier of(String raw) {
    return new ServiceTier(raw);
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
      case "auto": return Optional.of(Known.AUTO);
      case "default": return Optional.of(Known.DEFAULT);
      case "flex": return Optional.of(Known.FLEX);
      case "scale": return Optional.of(Known.SCALE);
      case "priority": return Optional.of(Known.PRIORITY);
      case "fast": return Optional.of(Known.FAST);
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
