package io.github.ssekit.anthropic;

import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.ssekit.sse.testing.PublishedPom;
import org.junit.jupiter.api.Test;

/**
 * The POM users get (the flattened one) names no build tool: the open enums' processor is on the compiler's
 * processor path only, so users never need the unpublished artifact.
 */
class PublishedPomTest {
  @Test
  void publishedPomNamesNoBuildTool() {
    assertNull(PublishedPom.check());
  }
}
