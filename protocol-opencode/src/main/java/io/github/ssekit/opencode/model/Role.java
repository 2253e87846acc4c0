package io.github.ssekit.opencode.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.github.ssekit.sse.protocol.KnownValue;
import io.github.ssekit.sse.protocol.OpenEnum;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The author of a message: {@code user} or {@code assistant}.
 *
 * <p>An open enum ({@link OpenEnum}): any string the server sends is kept in {@link #raw()}, and written back
 * as is; {@link #known()} says whether it is one of the values OpenCode 1.18.33 documents. Equality is by the raw
 * string.
 *
 * @param raw the value exactly as the server sent it
 */
public record Role(@JsonValue String raw) implements OpenEnum<Role.Known> {

  /** The values OpenCode 1.18.33 documents; each member carries its wire string, the one place it is written. */
  public enum Known implements KnownValue {
    USER("user"),
    ASSISTANT("assistant");

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

  /** {@link Known#USER}. */
  public static final Role USER = of(Known.USER);
  /** {@link Known#ASSISTANT}. */
  public static final Role ASSISTANT = of(Known.ASSISTANT);

  /** Rejects nulls. */
  public Role {
    Objects.requireNonNull(raw, "raw");
  }

  /** The value for {@code raw}, documented or not (Jackson reads JSON strings with this too). */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static Role of(String raw) {
    return new Role(raw);
  }

  /** The value for a documented one; the constants are made with this. */
  public static Role of(Known known) {
    return new Role(known.raw());
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
