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
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
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
 * through sse-core's test-jar, where {@link OpenEnumTable} runs it on a module's table of open enums.
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

  /** A mapper lent by a module: how it writes and reads JSON. */
  public record Json(String name, Writer write, Reader read) {
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * One row of a module's table: an open enum and the wire values it documents, in the order its {@code Known}
   * enum lists them. The enum of documented values and the factory {@code of(String)} are found on the type.
   */
  public static Case<?, ?> of(Class<? extends OpenEnum<?>> type, String... wireValues) {
    return newCase(type, knownOf(type), factoryOf(type), List.of(wireValues));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Case<?, ?> newCase(Class<?> type, Class<?> known, Function<String, ?> of, List<String> wireValues) {
    return new Case(type, known, of, wireValues);
  }

  /** The type argument {@code K} of the type's {@code OpenEnum<K>}. */
  private static Class<?> knownOf(Class<?> type) {
    for (Type implemented : type.getGenericInterfaces()) {
      if (implemented instanceof ParameterizedType parameterized && parameterized.getRawType() == OpenEnum.class) {
        return (Class<?>) parameterized.getActualTypeArguments()[0];
      }
    }
    throw new AssertionError(type.getName() + " does not implement OpenEnum<K> itself");
  }

  /** The type's public static {@code of(String)}. */
  private static Function<String, ?> factoryOf(Class<?> type) {
    Method of;
    try {
      of = type.getMethod("of", String.class);
    } catch (NoSuchMethodException e) {
      throw new AssertionError(type.getName() + " has no public of(String)", e);
    }
    assertTrue(Modifier.isStatic(of.getModifiers()), type.getName() + ".of(String) is static");
    assertEquals(type, of.getReturnType(), type.getName() + ".of(String) returns " + type.getSimpleName());
    return raw -> {
      try {
        return of.invoke(null, raw);
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof RuntimeException runtime) {
          throw runtime; // of(null)'s NullPointerException, as a caller would see it
        }
        throw new AssertionError(e.getCause());
      } catch (IllegalAccessException e) {
        throw new AssertionError(e);
      }
    };
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
    private final List<String> wireValues;

    private Case(Class<V> type, Class<K> known, Function<String, V> of, List<String> wireValues) {
      this.type = type;
      this.known = known;
      this.of = of;
      this.wireValues = wireValues;
    }

    /** Checks every promise but JSON: the documented values, constants, lookup, unknown values, equality. */
    public void check() throws Exception {
      assertEquals(wireValues, Arrays.stream(known.getEnumConstants()).map(KnownValue::raw).collect(Collectors.toList()),
          type.getSimpleName() + ": the documented wire values, in order");
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
      }

      assertThrows(NullPointerException.class, () -> of.apply(null), type.getSimpleName() + ".of(null)");
    }

    /** Checks that {@code json} writes every value, documented or not, as its bare raw string and reads it back. */
    public void checkJson(Json json) throws Exception {
      for (K member : known.getEnumConstants()) {
        roundTrips(of.apply(member.raw()), json.write(), json.read());
      }
      for (String raw : unknownValues()) {
        roundTrips(of.apply(raw), json.write(), json.read());
      }
      // JSON null is no value at all (an absent optional), never a value whose raw string is null.
      assertNull(json.read().read("null", type), type.getSimpleName() + " from JSON null");
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
      return type.getSimpleName() + " (" + String.join(", ", wireValues) + ")";
    }
  }
}
