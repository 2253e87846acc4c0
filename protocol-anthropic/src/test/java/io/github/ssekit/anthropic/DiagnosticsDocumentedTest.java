package io.github.ssekit.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each diagnostic code is stable, unique, documented in the module README's catalogue, and produced by a test
 * stream of {@code src/test/resources/streams}.
 */
class DiagnosticsDocumentedTest {

  static List<String> codes() throws IllegalAccessException {
    List<String> codes = new ArrayList<>();
    for (Field field : AnthropicDiagnostics.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        codes.add((String) field.get(null));
      }
    }
    return codes;
  }

  @Test
  void everyCodeIsUniqueNamespacedAndInTheReadmeCatalogue() throws Exception {
    List<String> codes = codes();
    assertEquals(codes.size(), new HashSet<>(codes).size(), "unique");
    String readme = Files.readString(Path.of("README.md"));
    Set<String> missing = new HashSet<>();
    for (String code : codes) {
      assertTrue(code.matches("anthropic\\.[a-z]+(-[a-z]+)*"), code);
      if (!readme.contains("`" + code + "`")) {
        missing.add(code);
      }
    }
    assertEquals(Set.of(), missing, "codes missing from the README");
  }

  @Test
  void everyCodeIsProducedByATestStream() throws Exception {
    Set<String> produced = new HashSet<>();
    Streams.names().forEach(name -> produced.addAll(Streams.decode(name).diagnosticCodes()));
    // too-many-blocks needs a small maxBlocks: MessagesStreamsTest.tooManyBlocksAreDropped
    produced.add(AnthropicDiagnostics.TOO_MANY_BLOCKS);
    Set<String> unexercised = new HashSet<>(codes());
    unexercised.removeAll(produced);
    assertEquals(Set.of(), unexercised, "codes no test stream produces");
  }
}
