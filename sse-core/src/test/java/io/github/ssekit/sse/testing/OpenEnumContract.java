package io.github.ssekit.sse.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.sse.protocol.KnownValue;
import io.github.ssekit.sse.protocol.OpenEnum;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What every {@link OpenEnum} promises, checked the same way for each one: shared with the protocol modules
 * through sse-core's test-jar, so that a module's test is only the table of its open enums.
 *
 * <p>sse-core has no JSON, so the module lends its mapper as two method references ({@link Writer},
 * {@link Reader}).
 */
public final class OpenEnumContract {
  private OpenEnumContract() {}

  /** Writes a value as JSON text, as a module's mapper does ({@code mapper::writeValueAsString}). */
  @FunctionalInterface
  public interface Writer {
    String write(Object value) throws Exception;
  }

  /** Reads JSON text as a value of a type, as a module's mapper does ({@code mapper::readValue}). */
  @FunctionalInterface
  public interface Reader {
    Object read(String json, Class<?> type) throws Exception;
  }

  /** One row of a module's table: an open enum, the enum of its documented values, and its factory. */
  public static <K extends Enum<K> & KnownValue, V extends OpenEnum<K>> Case<K, V> of(
      Class<V> type, Class<K> known, Function<String, V> of) {
    return new Case<>(type, known, of);
  }

  /**
   * An open enum under test.
   *
   * @param <K> its enum of documented values
   * @param <V> the open enum
   */
  public static final class Case<K extends Enum<K> & KnownValue, V extends OpenEnum<K>> {
    private final Class<V> type;
    private final Class<K> known;
    private final Function<String, V> of;

    private Case(Class<V> type, Class<K> known, Function<String, V> of) {
      this.type = type;
      this.known = known;
      this.of = of;
    }

    /** Checks every promise, reading and writing JSON with {@code write} and {@code read}. */
    public void check(Writer write, Reader read) throws Exception {
      Map<String, V> constants = constants();
      Set<String> documented = Arrays.stream(known.getEnumConstants()).map(Enum::name).collect(Collectors.toSet());
      assertEquals(documented, constants.keySet(),
          type.getSimpleName() + ": one constant for each documented value, of the same name, and no other");

      for (K member : known.getEnumConstants()) {
        V value = of.apply(member.raw());
        String where = type.getSimpleName() + "." + member.name();
        assertEquals(member.raw(), value.raw(), where);
        assertEquals(Optional.of(member), value.known(), where);
        assertTrue(value.isKnown(), where);
        assertEquals(constants.get(member.name()), value, where + ": raw -> known -> constant");
        assertEquals(member.raw(), value.toString(), where);
        roundTrips(value, write, read);
      }

      for (String raw : unknownValues()) {
        V value = of.apply(raw);
        String where = type.getSimpleName() + " \"" + raw + "\"";
        assertEquals(raw, value.raw(), where + ": an undocumented value is kept as sent");
        assertEquals(Optional.empty(), value.known(), where);
        assertFalse(value.isKnown(), where);
        assertEquals(raw, value.toString(), where);
        // Equality is by the raw string, not by identity.
        assertEquals(of.apply(new String(raw)), value, where);
        assertEquals(of.apply(new String(raw)).hashCode(), value.hashCode(), where);
        constants.values().forEach(constant -> assertNotEquals(constant, value, where));
        roundTrips(value, write, read);
      }

      assertThrows(NullPointerException.class, () -> of.apply(null), type.getSimpleName() + ".of(null)");
      // JSON null is no value at all (an absent optional), never a value whose raw string is null.
      assertNull(read.read("null", type), type.getSimpleName() + " from JSON null");
    }

    /** Written as the bare JSON string of its raw value, and read back equal. */
    private void roundTrips(V value, Writer write, Reader read) throws Exception {
      String json = write.write(value);
      assertEquals(write.write(value.raw()), json, type.getSimpleName() + " written as its raw string");
      assertEquals(value, read.read(json, type), type.getSimpleName() + " read back from " + json);
    }

    /** Strings no open enum documents: made up, a documented value in another case, empty, and one needing escapes. */
    private List<String> unknownValues() {
      List<String> raws = new ArrayList<>(List.of("x-not-documented", "", "say \"hi\"\n"));
      String first = known.getEnumConstants()[0].raw();
      String upper = first.toUpperCase(Locale.ROOT);
      if (!upper.equals(first)) {
        raws.add(upper); // the lookup is exact: "STOP" is not "stop"
      }
      return raws;
    }

    /** The open enum's public constants of its own type, by name. */
    private Map<String, V> constants() throws IllegalAccessException {
      Map<String, V> constants = new LinkedHashMap<>();
      for (Field field : type.getDeclaredFields()) {
        int modifiers = field.getModifiers();
        if (field.getType() == type && Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers)) {
          assertTrue(Modifier.isFinal(modifiers), field.getName() + " is final");
          constants.put(field.getName(), type.cast(field.get(null)));
        }
      }
      return constants;
    }

    @Override
    public String toString() {
      return type.getSimpleName() + " (" + Arrays.stream(known.getEnumConstants()).map(KnownValue::raw)
          .collect(Collectors.joining(", ")) + ")";
    }
  }
}
