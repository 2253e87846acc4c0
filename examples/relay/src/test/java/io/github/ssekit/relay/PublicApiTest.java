package io.github.ssekit.relay;

import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.ssekit.sse.testing.ApiDump;
import org.junit.jupiter.api.Test;

/** The public API is what {@code api/relay.api} says: any change is deliberate and shows in review. */
class PublicApiTest {
  @Test
  void publicApiMatchesTheDump() {
    assertNull(ApiDump.compare("relay"));
  }
}
