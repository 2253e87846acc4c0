package io.github.ssekit.sse.protocol;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A value of an open enum: a protocol field whose documented values are listed in an enum {@code K}, but where a
 * provider may send any other string, which must be kept rather than rejected or mapped to a default.
 *
 * <p>The value is its raw string: {@link #raw()} is what was received and what is written back, and equality is
 * by that string. {@link #known()} says which documented value it is, if any. A protocol module declares one as a
 * record whose {@code Known} enum carries each wire string once; constants and lookup are derived from it:
 *
 * <pre>{@code
 * public record FinishReason(@JsonValue String raw) implements OpenEnum<FinishReason.Known> {
 *   public enum Known implements KnownValue {
 *     STOP("stop"), LENGTH("length");
 *     private final String raw;
 *     Known(String raw) { this.raw = raw; }
 *     public String raw() { return raw; }
 *   }
 *   private static final Function<String, Optional<Known>> KNOWN = OpenEnum.lookup(Known.class);
 *   public static final FinishReason STOP = of(Known.STOP);
 *   public static FinishReason of(Known known) { return new FinishReason(known.raw()); }
 *   public Optional<Known> known() { return KNOWN.apply(raw); }
 *   ...
 * }
 * }</pre>
 *
 * <p>This package holds no JSON: how the raw string is read and written (Jackson's {@code @JsonValue} and a
 * delegating {@code @JsonCreator}) is up to each protocol module.
 *
 * @param <K> the enum of documented values
 */
public interface OpenEnum<K extends Enum<K> & KnownValue> {

  /** The value exactly as it was received (or given); also what is written back. */
  String raw();

  /** The documented value this is, or empty for a value the protocol does not document. */
  Optional<K> known();

  /** Whether this is one of the documented values: {@code known().isPresent()}. */
  default boolean isKnown() {
    return known().isPresent();
  }

  /**
   * The lookup from a raw string to the documented value it is, for an open enum's {@code known()}: build it once,
   * in a static field. The match is exact (no trimming, no case folding: {@code "Stop"} is not {@code "stop"}), and
   * a lookup allocates nothing, since open enums are checked on hot decoding paths.
   *
   * @param known the enum of documented values
   * @param <K> that enum's type
   * @return a function from a (non-null) raw string to its documented value, or empty
   * @throws IllegalArgumentException if two members have the same wire string, which would make the lookup
   *     ambiguous; thrown while the open enum's class is initialised, so such a mistake cannot go unnoticed
   * @throws NullPointerException if a member's wire string is null
   */
  static <K extends Enum<K> & KnownValue> Function<String, Optional<K>> lookup(Class<K> known) {
    Map<String, Optional<K>> byRaw = new HashMap<>();
    for (K value : known.getEnumConstants()) {
      String raw = Objects.requireNonNull(value.raw(), () -> known.getName() + "." + value.name() + ".raw()");
      Optional<K> previous = byRaw.put(raw, Optional.of(value));
      if (previous != null) {
        throw new IllegalArgumentException(known.getName() + ": " + previous.get().name() + " and " + value.name()
            + " have the same wire value \"" + raw + "\"");
      }
    }
    // One Optional per member, made here, so that known() on a hot path does not allocate.
    Map<String, Optional<K>> index = Map.copyOf(byRaw);
    return raw -> index.getOrDefault(raw, Optional.empty());
  }
}
