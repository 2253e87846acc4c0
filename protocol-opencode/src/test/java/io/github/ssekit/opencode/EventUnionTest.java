package io.github.ssekit.opencode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.ssekit.opencode.event.EventEnvelope;
import io.github.ssekit.opencode.event.GenericEvent;
import io.github.ssekit.opencode.event.OpenCodeEvent;
import io.github.ssekit.opencode.internal.EventFactory;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every type of the server's OpenAPI {@code Event} union is either typed (a record of {@link OpenCodeEvent} whose
 * {@code TYPE} or {@code V2_TYPE} names it) or in the README's list of events kept generic on purpose: a new server
 * version's new events show at once.
 */
class EventUnionTest {
  private static final String README_START = "<!-- generic-events -->";
  private static final String README_END = "<!-- /generic-events -->";

  @Test
  void everyTypeOfTheUnionIsTypedOrListedAsGeneric() throws IOException {
    Set<String> union = unionTypes();
    assertEquals(89, union.size(), "opencode 1.18.33 documents 89 event types");
    Set<String> typed = typedTypes();
    Set<String> generic = readmeGenericTypes();

    Set<String> neither = new TreeSet<>(union);
    neither.removeAll(typed);
    neither.removeAll(generic);
    assertTrue(neither.isEmpty(), "event types of the OpenAPI union neither typed nor listed as generic in "
        + "README.md: " + neither);

    Set<String> both = new TreeSet<>(typed);
    both.retainAll(generic);
    assertTrue(both.isEmpty(), "typed yet listed as generic in README.md: " + both);

    Set<String> notInUnion = new TreeSet<>(generic);
    notInUnion.removeAll(union);
    assertTrue(notInUnion.isEmpty(), "listed as generic in README.md but not in the union: " + notInUnion);
  }

  @Test
  void theListedTypesDecodeAsGenericEvents() throws IOException {
    for (String type : readmeGenericTypes()) {
      OpenCodeEvent event = EventFactory.create(envelope(type));
      assertTrue(event instanceof GenericEvent, type + " is listed as generic but decodes as " + event);
    }
  }

  private static EventEnvelope envelope(String type) {
    return EventEnvelope.of("evt_1", type, JsonMapper.builder().build().createObjectNode());
  }

  private static Set<String> unionTypes() throws IOException {
    JsonNode schemas;
    try (InputStream in = EventUnionTest.class.getResourceAsStream("/openapi/event-union-1.18.33.json")) {
      schemas = JsonMapper.builder().build().readTree(in).path("components").path("schemas");
    }
    Set<String> types = new TreeSet<>();
    for (JsonNode member : schemas.path("Event").path("anyOf")) {
      String name = member.path("$ref").asText().replace("#/components/schemas/", "");
      JsonNode type = schemas.path(name).path("properties").path("type");
      if (type.has("const")) {
        types.add(type.path("const").asText());
      }
      type.path("enum").forEach(value -> types.add(value.asText()));
    }
    return types;
  }

  /** The {@code TYPE} and {@code V2_TYPE} constants of every record of the sealed event interface. */
  static Set<String> typedTypes() {
    Set<String> types = new TreeSet<>();
    for (Class<?> record : OpenCodeEvent.class.getPermittedSubclasses()) {
      for (Field field : record.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
            && field.getName().endsWith("TYPE")) {
          try {
            types.add((String) field.get(null));
          } catch (IllegalAccessException e) {
            throw new AssertionError(e);
          }
        }
      }
    }
    return types;
  }

  /** The types between the README's markers, each in backquotes. */
  private static Set<String> readmeGenericTypes() throws IOException {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf(README_START);
    int end = readme.indexOf(README_END);
    assertTrue(start >= 0 && end > start, "README.md has no " + README_START + " ... " + README_END + " list");
    Set<String> types = new TreeSet<>();
    Matcher m = Pattern.compile("`([a-z0-9.-]+)`").matcher(readme.substring(start, end));
    while (m.find()) {
      types.add(m.group(1));
    }
    return types;
  }
}
