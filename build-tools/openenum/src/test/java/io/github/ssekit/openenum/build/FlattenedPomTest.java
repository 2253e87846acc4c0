package io.github.ssekit.openenum.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flattened POM loses the dependency on the unpublished build tool, and nothing else. */
class FlattenedPomTest {

  private static final String CORE = """

          <dependency>
            <groupId>io.github.ssekit</groupId>
            <artifactId>ssekit-sse-core</artifactId>
            <version>0.1.0-SNAPSHOT</version>
            <scope>compile</scope>
          </dependency>""";

  private static final String TOOL = """

          <dependency>
            <groupId>io.github.ssekit</groupId>
            <artifactId>ssekit-openenum-processor</artifactId>
            <version>0.1.0-SNAPSHOT</version>
            <scope>provided</scope>
          </dependency>""";

  private static String pom(String dependencies) {
    return "<project>\n  <dependencies>" + dependencies + "\n  </dependencies>\n</project>\n";
  }

  @Test
  void removesTheDependencyOnTheToolAndKeepsTheOthersAsTheyWere(@TempDir Path dir) throws Exception {
    Path file = dir.resolve(".flattened-pom.xml");
    Files.writeString(file, pom(CORE + TOOL + CORE), StandardCharsets.UTF_8);
    FlattenedPom.main(new String[] {file.toString()});
    assertEquals(pom(CORE + CORE), Files.readString(file, StandardCharsets.UTF_8));
  }

  @Test
  void leavesAPomWithoutItUntouched() {
    assertEquals(pom(CORE), FlattenedPom.withoutThisArtifact(pom(CORE)));
  }

  @Test
  void failsWhenTheToolIsNamedInAFormItDoesNotRemove() {
    String exclusion = "\n<exclusion><groupId>io.github.ssekit</groupId><artifactId>ssekit-openenum-processor"
        + "</artifactId></exclusion>";
    assertThrows(IllegalStateException.class, () -> FlattenedPom.withoutThisArtifact(pom(CORE + exclusion)));
  }
}
