package io.github.ssekit.openai;

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

/** Each diagnostic code is stable, unique, and documented in the module README's table. */
class DiagnosticsDocumentedTest {

  static List<String> codes() throws IllegalAccessException {
    List<String> codes = new ArrayList<>();
    for (Field field : OpenAiDiagnostics.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        codes.add((String) field.get(null));
      }
    }
    return codes;
  }

  @Test
  void everyCodeIsUniqueNamespacedAndInTheReadmeTable() throws Exception {
    List<String> codes = codes();
    assertTrue(codes.size() >= 35, "codes: " + codes);
    assertEquals(codes.size(), new HashSet<>(codes).size(), "unique");
    String readme = Files.readString(Path.of("README.md"));
    Set<String> missing = new HashSet<>();
    for (String code : codes) {
      assertTrue(code.matches("openai\\.[a-z]+(-[a-z]+)*"), code);
      if (!readme.contains("| `" + code + "` |")) {
        missing.add(code);
      }
    }
    assertEquals(Set.of(), missing, "codes without a README table row");
  }

  @Test
  void everyCodeIsExercisedByAVector() throws Exception {
    StringBuilder expectations = new StringBuilder();
    for (String dir : List.of("src/test/resources/chat/deviations", "src/test/resources/responses/streams")) {
      try (var files = Files.list(Path.of(dir))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
          expectations.append(Files.readString(file));
        }
      }
    }
    // wrong-type is covered by ChatModelTest; invalid-payload needs more than 16 bad members
    Set<String> elsewhere = Set.of(OpenAiDiagnostics.WRONG_TYPE, OpenAiDiagnostics.INVALID_PAYLOAD);
    Set<String> unexercised = new HashSet<>();
    for (String code : codes()) {
      if (!elsewhere.contains(code) && !expectations.toString().contains("\"" + code + "\"")) {
        unexercised.add(code);
      }
    }
    assertEquals(Set.of(), unexercised);
  }
}
