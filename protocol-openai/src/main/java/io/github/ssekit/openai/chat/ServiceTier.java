package io.github.ssekit.openai.chat;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.github.ssekit.sse.protocol.KnownValue;
import io.github.ssekit.sse.protocol.OpenEnum;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The service tier that served a request, as sent in {@code service_tier}.
 *
 * <p>An open enum ({@link OpenEnum}): any string a provider sends is kept in {@link #raw()}, and written back
 * as is; {@link #known()} says whether it is one of the values OpenAI documents. Equality is by the raw
 * string.
 *
 * @param raw the value exactly as a provider sent it
 */
public record ServiceTier(@JsonValue String raw) implements OpenEnum<ServiceTier.Known> {

  /** The values OpenAI documents; each member carries its wire string, the one place it is written. */
  public enum Known implements KnownValue {
    AUTO("auto"),
    DEFAULT("default"),
    FLEX("flex"),
    SCALE("scale"),
    PRIORITY("priority"),
    FAST("fast");

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

  /** {@link Known#AUTO}. */
  public static final ServiceTier AUTO = of(Known.AUTO);
  /** {@link Known#DEFAULT}. */
  public static final ServiceTier DEFAULT = of(Known.DEFAULT);
  /** {@link Known#FLEX}. */
  public static final ServiceTier FLEX = of(Known.FLEX);
  /** {@link Known#SCALE}. */
  public static final ServiceTier SCALE = of(Known.SCALE);
  /** {@link Known#PRIORITY}. */
  public static final ServiceTier PRIORITY = of(Known.PRIORITY);
  /** {@link Known#FAST}. */
  public static final ServiceTier FAST = of(Known.FAST);

  /** Rejects nulls. */
  public ServiceTier {
    Objects.requireNonNull(raw, "raw");
  }

  /** The value for {@code raw}, documented or not (Jackson reads JSON strings with this too). */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static ServiceTier of(String raw) {
    return new ServiceTier(raw);
  }

  /** The value for a documented one; the constants are made with this. */
  public static ServiceTier of(Known known) {
    return new ServiceTier(known.raw());
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
