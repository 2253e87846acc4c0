package io.github.ssekit.sse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What users get of a module's POM: flatten-maven-plugin writes {@code .flattened-pom.xml} (at
 * {@code process-resources}, so before the tests), and that file, not {@code pom.xml}, is installed and deployed.
 * It must name none of ssekit's build tools, which are not published: a user's build could not resolve them.
 * Shared through sse-core's test-jar.
 */
public final class PublishedPom {
  /** The artifacts ssekit builds but does not publish, which only its own build may use. */
  static final List<String> BUILD_TOOLS = List.of("ssekit-openenum-processor");

  private PublishedPom() {}

  /**
   * Checks the flattened POM of the module under test ({@code .flattened-pom.xml} in its directory). Returns a
   * message naming what is wrong, or null when the POM names no build tool.
   */
  public static String check() {
    Path pom = Path.of(".flattened-pom.xml");
    if (!Files.exists(pom)) {
      return pom.toAbsolutePath() + " is missing: flatten-maven-plugin did not run before the tests";
    }
    try {
      return buildToolsNamed(Files.readString(pom, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A message naming the build tools this POM's text mentions, anywhere; null when it mentions none. */
  static String buildToolsNamed(String pom) {
    List<String> named = BUILD_TOOLS.stream().filter(pom::contains).collect(Collectors.toList());
    return named.isEmpty() ? null : "the published (flattened) POM names " + named
        + ", not published: use it only where flatten drops it (a plugin's configuration or dependencies)";
  }
}
