package io.github.ssekit.sse.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The check every published module runs on its flattened POM finds a build tool wherever the POM names it. */
class PublishedPomTest {
  @Test
  void aDependencyOnABuildToolIsReported() {
    String pom = "<project><dependencies><dependency><groupId>io.github.ssekit</groupId>"
        + "<artifactId>ssekit-openenum-processor</artifactId><scope>provided</scope></dependency>"
        + "</dependencies></project>";
    String message = PublishedPom.buildToolsNamed(pom);
    assertNotNull(message);
    assertTrue(message.contains("ssekit-openenum-processor"), message);
  }

  @Test
  void aPomOfPublishedArtifactsPasses() {
    String pom = "<project><dependencies><dependency><groupId>io.github.ssekit</groupId>"
        + "<artifactId>ssekit-sse-core</artifactId></dependency></dependencies></project>";
    assertNull(PublishedPom.buildToolsNamed(pom));
  }

  @Test
  void sseCoresOwnPublishedPomNamesNoBuildTool() {
    assertNull(PublishedPom.check());
  }
}
