package io.github.ssekit.opencode.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.github.ssekit.sse.protocol.KnownValue;
import io.github.ssekit.sse.protocol.OpenEnum;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The status of a session in {@code session.status}: idle, busy or retry.
 *
 * <p>An open enum ({@link OpenEnum}): any string the server sends is kept in {@link #raw()}, and written back
 * as is; {@link #known()} says whether it is one of the values OpenCode 1.18.33 documents. Equality is by the raw
 * string.
 *
 * @param raw the value exactly as the server sent it
 */
public record SessionStatusType(@JsonValue String raw) implements OpenEnum<SessionStatusType.Known> {

  /** The values OpenCode 1.18.33 documents; each member carries its wire string, the one place it is written. */
  public enum Known implements KnownValue {
    IDLE("idle"),
    BUSY("busy"),
    RETRY("retry");

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

  /** {@link Known#IDLE}. */
  public static final SessionStatusType IDLE = of(Known.IDLE);
  /** {@link Known#BUSY}. */
  public static final SessionStatusType BUSY = of(Known.BUSY);
  /** {@link Known#RETRY}. */
  public static final SessionStatusType RETRY = of(Known.RETRY);

  /** Rejects nulls. */
  public SessionStatusType {
    Objects.requireNonNull(raw, "raw");
  }

  /** The value for {@code raw}, documented or not (Jackson reads JSON strings with this too). */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static SessionStatusType of(String raw) {
    return new SessionStatusType(raw);
  }

  /** The value for a documented one; the constants are made with this. */
  public static SessionStatusType of(Known known) {
    return new SessionStatusType(known.raw());
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
