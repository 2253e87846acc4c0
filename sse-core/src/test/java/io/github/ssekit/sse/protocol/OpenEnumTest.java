package io.github.ssekit.sse.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The lookup every open enum is built on: exact, complete, and refusing enums it could not index faithfully. */
class OpenEnumTest {

  enum Colour implements KnownValue {
    RED("red"),
    DARK_BLUE("dark-blue");

    private final String raw;

    Colour(String raw) {
      this.raw = raw;
    }

    @Override
    public String raw() {
      return raw;
    }
  }

  /** Two members with one wire string: the lookup could only return one of them. */
  enum Clash implements KnownValue {
    A,
    B;

    @Override
    public String raw() {
      return "x";
    }
  }

  /** A member without a wire string. */
  enum Missing implements KnownValue {
    A;

    @Override
    public String raw() {
      return null;
    }
  }

  /** The smallest open enum over {@link Colour}, to check the interface's default method. */
  record Paint(String raw) implements OpenEnum<Colour> {
    private static final Function<String, Optional<Colour>> KNOWN = OpenEnum.lookup(Colour.class);

    @Override
    public Optional<Colour> known() {
      return KNOWN.apply(raw);
    }
  }

  @Test
  void findsEveryMemberByItsWireStringAndNothingElse() {
    Function<String, Optional<Colour>> lookup = OpenEnum.lookup(Colour.class);
    for (Colour colour : Colour.values()) {
      assertEquals(Optional.of(colour), lookup.apply(colour.raw()));
    }
    assertEquals(Optional.empty(), lookup.apply("DARK_BLUE")); // the member's name is not its wire string
    assertEquals(Optional.empty(), lookup.apply("Red"));
    assertEquals(Optional.empty(), lookup.apply(" red"));
    assertEquals(Optional.empty(), lookup.apply(""));
  }

  @Test
  void isKnownSaysWhetherTheLookupFoundAMember() {
    assertTrue(new Paint("dark-blue").isKnown());
    assertEquals(Optional.of(Colour.DARK_BLUE), new Paint("dark-blue").known());
    assertFalse(new Paint("green").isKnown());
  }

  @Test
  void refusesAnEnumWhereTwoMembersShareAWireString() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OpenEnum.lookup(Clash.class));
    assertTrue(e.getMessage().contains("A and B have the same wire value \"x\""), e.getMessage());
  }

  @Test
  void refusesAMemberWithoutAWireString() {
    assertThrows(NullPointerException.class, () -> OpenEnum.lookup(Missing.class));
  }
}
