package io.github.ssekit.openenum.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Removes the dependency on this build tool from a flattened POM, and fails if any mention of it is left.
 *
 * <p>A protocol module needs the open-enum annotations to compile, so it depends on this artifact in
 * {@code provided} scope (which also orders the reactor); flatten-maven-plugin keeps provided dependencies, and the
 * flattened POM is what is installed and deployed. The artifact is not published, so its name must not reach
 * users: the build runs this ({@code exec:java}) on the flattened POM after flatten wrote it.
 */
public final class FlattenedPom {
  /** This artifact's id, as it appears in a POM. */
  static final String ARTIFACT_ID = "ssekit-openenum-processor";

  /** One {@code <dependency>} element on this artifact, with the whitespace before it (the file keeps its layout). */
  private static final Pattern DEPENDENCY = Pattern.compile("\\s*<dependency>\\s*<groupId>io\\.github\\.ssekit"
      + "</groupId>\\s*<artifactId>" + Pattern.quote(ARTIFACT_ID) + "</artifactId>.*?</dependency>", Pattern.DOTALL);

  private FlattenedPom() {}

  /**
   * Rewrites the flattened POM given as the one argument without its dependency on this artifact.
   *
   * @throws IllegalStateException if the POM still names this artifact afterwards (in a form this does not know)
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: FlattenedPom <path of the flattened POM>");
    }
    Path pom = Path.of(args[0]);
    String before = Files.readString(pom, StandardCharsets.UTF_8);
    String after = withoutThisArtifact(before);
    if (!after.equals(before)) {
      Files.writeString(pom, after, StandardCharsets.UTF_8);
    }
  }

  /** The POM's text without its dependencies on this artifact; refused if it names the artifact anywhere else. */
  static String withoutThisArtifact(String pom) {
    String after = DEPENDENCY.matcher(pom).replaceAll("");
    if (after.contains(ARTIFACT_ID)) {
      throw new IllegalStateException("the flattened POM still names " + ARTIFACT_ID
          + ", which is not published: remove it from the POM's build-only parts");
    }
    return after;
  }
}
