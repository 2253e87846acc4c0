package io.github.ssekit.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ssekit.sse.testing.Feeding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every vector of every file in {@code src/test/resources/vectors} in every feeding mode. */
class ConformanceVectorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Arguments> vectors() throws IOException {
    List<Arguments> all = new ArrayList<>();
    for (Path file : vectorFiles()) {
      JsonNode root = JSON.readTree(file.toFile());
      for (JsonNode vector : root.get("vectors")) {
        all.add(Arguments.of(file.getFileName() + ": " + vector.get("name").asText(), vector));
      }
    }
    return all.stream();
  }

  @Test
  void everyFileHasASourceAndVectors() throws IOException {
    List<Path> files = vectorFiles();
    assertFalse(files.isEmpty(), "no vector files found");
    for (Path file : files) {
      JsonNode root = JSON.readTree(file.toFile());
      assertTrue(root.hasNonNull("source") && !root.get("source").asText().isBlank(), file + " names no source");
      assertTrue(root.get("vectors").size() > 0, file + " has no vectors");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void vector(String name, JsonNode vector) {
    byte[] stream = input(vector, "input", "inputHex");
    List<byte[]> declared = chunks(vector);
    if (declared != null) {
      ByteArrayOutputStream joined = new ByteArrayOutputStream();
      declared.forEach(joined::writeBytes);
      assertEquals(hex(stream), hex(joined.toByteArray()), "the declared chunks do not add up to the input");
      Feeding.Recorded recorded = new Feeding.Recorded();
      SseParser parser = parser(vector, recorded);
      for (byte[] chunk : declared) {
        parser.feed(chunk);
      }
      parser.end();
      check(vector, recorded, "in declared chunks");
    }
    Feeding.forEachFeeding(stream, (how, feed) -> {
      Feeding.Recorded recorded = new Feeding.Recorded();
      feed.accept(parser(vector, recorded));
      check(vector, recorded, how);
    });
  }

  private static SseParser parser(JsonNode vector, SseHandler handler) {
    SseParser.Builder builder = SseParser.builder().handler(handler).comments(vector.has("comments"));
    if (vector.has("seedLastEventId")) {
      builder.lastEventId(vector.get("seedLastEventId").asText());
    }
    if (vector.has("maxEventBytes")) {
      builder.maxEventBytes(vector.get("maxEventBytes").asInt());
    }
    return builder.build();
  }

  private static void check(JsonNode vector, Feeding.Recorded recorded, String how) {
    JsonNode expected = vector.get("events");
    List<String> want = new ArrayList<>();
    List<String> got = new ArrayList<>();
    for (int i = 0; i < expected.size(); i++) {
      JsonNode e = expected.get(i);
      want.add(describe(e.get("type").asText(), e.get("data").asText(), e.has("id") ? e.get("id").asText() : null));
      if (i < recorded.events.size()) {
        SseEvent actual = recorded.events.get(i);
        got.add(describe(actual.type(), actual.data(), e.has("id") ? actual.lastEventId() : null));
      }
    }
    for (int i = expected.size(); i < recorded.events.size(); i++) {
      SseEvent actual = recorded.events.get(i);
      got.add(describe(actual.type(), actual.data(), actual.lastEventId()));
    }
    assertEquals(want, got, "events, fed " + how);
    if (vector.has("lastEventId")) {
      String committed = recorded.lastEventIds.isEmpty()
          ? vector.path("seedLastEventId").asText("")
          : recorded.lastEventIds.get(recorded.lastEventIds.size() - 1);
      assertEquals(vector.get("lastEventId").asText(), committed, "last event ID, fed " + how);
    }
    if (vector.has("retries")) {
      List<Long> retries = new ArrayList<>();
      vector.get("retries").forEach(r -> retries.add(r.asLong()));
      assertEquals(retries, recorded.retries, "retries, fed " + how);
    }
    if (vector.has("comments")) {
      List<String> comments = new ArrayList<>();
      vector.get("comments").forEach(c -> comments.add(c.asText()));
      assertEquals(comments, recorded.comments, "comments, fed " + how);
    }
    if (vector.has("errors")) {
      assertEquals(vector.get("errors").asInt(), recorded.errors.size(), "errors, fed " + how);
    } else {
      assertEquals(List.of(), recorded.errors, "errors, fed " + how);
    }
  }

  private static String describe(String type, String data, String id) {
    return "{type=" + escape(type) + ", data=" + escape(data) + (id == null ? "" : ", id=" + escape(id)) + "}";
  }

  private static String escape(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c < 0x20 || c > 0x7e) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  private static byte[] input(JsonNode vector, String textField, String hexField) {
    if (vector.has(textField)) {
      return vector.get(textField).asText().getBytes(StandardCharsets.UTF_8);
    }
    return unhex(vector.get(hexField).asText());
  }

  private static List<byte[]> chunks(JsonNode vector) {
    List<byte[]> out = new ArrayList<>();
    if (vector.has("chunks")) {
      vector.get("chunks").forEach(c -> out.add(c.asText().getBytes(StandardCharsets.UTF_8)));
    } else if (vector.has("chunksHex")) {
      vector.get("chunksHex").forEach(c -> out.add(unhex(c.asText())));
    } else {
      return null;
    }
    return out;
  }

  static byte[] unhex(String hex) {
    String digits = hex.replaceAll("\\s+", "");
    byte[] out = new byte[digits.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }

  private static String hex(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      out.append(String.format("%02x", b & 0xff));
    }
    return out.toString();
  }

  private static List<Path> vectorFiles() {
    try {
      Path dir = Paths.get(ConformanceVectorsTest.class.getResource("/vectors").toURI());
      try (Stream<Path> files = Files.list(dir)) {
        return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
