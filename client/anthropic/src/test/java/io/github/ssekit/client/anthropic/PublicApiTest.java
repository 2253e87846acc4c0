package io.github.ssekit.client.anthropic;

import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.ssekit.sse.testing.ApiDump;
import org.junit.jupiter.api.Test;

/** The public API is what {@code api/client-anthropic.api} says: any change is deliberate and shows in review. */
class PublicApiTest {
  @Test
  void publicApiMatchesTheDump() {
    assertNull(ApiDump.compare("client-anthropic"));
  }
}
