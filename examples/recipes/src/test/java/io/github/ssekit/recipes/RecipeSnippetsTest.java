package io.github.ssekit.recipes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README snippets stay true: every code block of the root README.md and of examples/recipes/README.md that is
 * marked {@code <!-- recipe: NAME -->} is exactly region NAME of a recipe (indentation aside), and every region is
 * shown somewhere.
 */
final class RecipeSnippetsTest {

  private static final Path ROOT =
      Path.of(System.getProperty("ssekit.repository.root", "../..")).toAbsolutePath().normalize();
  private static final Path SOURCES = Path.of(System.getProperty("ssekit.recipes.sources", "src/main/java"));
  private static final List<Path> READMES = List.of(ROOT.resolve("README.md"),
      ROOT.resolve("examples/recipes/README.md"));

  @Test
  void everyMarkedReadmeBlockIsItsRecipeRegion() throws IOException {
    Map<String, String> regions = recipeRegions();
    Set<String> shown = new HashSet<>();
    List<String> mismatches = new ArrayList<>();
    for (Path readme : READMES) {
      for (Snippets.Block block : Snippets.blocks(Files.readString(readme, UTF_8))) {
        String where = readme + ":" + block.line();
        String region = regions.get(block.name());
        if (region == null) {
          mismatches.add(where + ": no recipe has a region named " + block.name());
        } else if (!region.equals(block.text())) {
          mismatches.add(where + ": the block differs from region " + block.name() + "; the region is:\n" + region);
        }
        shown.add(block.name());
      }
    }
    assertTrue(mismatches.isEmpty(), String.join("\n\n", mismatches));
    Set<String> unshown = new HashSet<>(regions.keySet());
    unshown.removeAll(shown);
    assertEquals(Set.of(), unshown, "regions no README shows");
  }

  @Test
  void theRootReadmeShowsTheParserRecipe() throws IOException {
    List<String> names = Snippets.blocks(Files.readString(ROOT.resolve("README.md"), UTF_8)).stream()
        .map(Snippets.Block::name).toList();
    assertTrue(names.contains("parser"), "README.md's \"The parser in ten lines\" is marked <!-- recipe: parser -->");
  }

  @Test
  void indentationAndTrailingSpacesAreNormalised() {
    String source = String.join("\n",
        "class A {",
        "  void m() {",
        "    // recipe:begin r",
        "    int a = 1;  ",
        "    if (a > 0) {",
        "",
        "      a++;",
        "    }",
        "    // recipe:end r",
        "  }",
        "}");
    String markdown = String.join("\r\n",
        "text",
        "<!-- recipe: r -->",
        "```java",
        "int a = 1;",
        "if (a > 0) {",
        "",
        "  a++;",
        "}",
        "```",
        "more text");
    List<Snippets.Block> blocks = Snippets.blocks(markdown);
    assertEquals(1, blocks.size());
    assertEquals(4, blocks.get(0).line());
    assertEquals(Snippets.regions(source).get("r"), blocks.get(0).text());
  }

  @Test
  void aChangedLineIsADifference() {
    String region = Snippets.regions("// recipe:begin r\nparser.end();\n// recipe:end r\n").get("r");
    String block = Snippets.blocks("<!-- recipe: r -->\n```java\nparser.end(); // changed\n```\n").get(0).text();
    assertFalse(region.equals(block));
  }

  @Test
  void malformedMarkersAreErrors() {
    assertThrows(IllegalArgumentException.class, () -> Snippets.regions("// recipe:begin r\nx\n"));
    assertThrows(IllegalArgumentException.class,
        () -> Snippets.regions("// recipe:begin r\nx\n// recipe:end s\n"));
    assertThrows(IllegalArgumentException.class,
        () -> Snippets.regions("// recipe:begin r\n// recipe:end r\n// recipe:begin r\n// recipe:end r\n"));
    assertThrows(IllegalArgumentException.class, () -> Snippets.blocks("<!-- recipe: r -->\ntext\n```\nx\n```\n"));
    assertThrows(IllegalArgumentException.class, () -> Snippets.blocks("<!-- recipe: r -->\n```java\nx\n"));
  }

  /** Every region of every recipe source, by name; a name used in two files is an error. */
  private static Map<String, String> recipeRegions() throws IOException {
    Map<String, String> regions = new HashMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        Snippets.regions(Files.readString(file, UTF_8)).forEach((name, text) ->
            assertEquals(null, regions.put(name, text), "region " + name + " is defined again in " + file));
      }
    }
    assertFalse(regions.isEmpty(), "no recipe regions found under " + SOURCES);
    return regions;
  }
}
