package io.github.ssekit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads test resources. */
public final class TestFiles {
  private TestFiles() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The bytes of a class-path resource. */
  public static byte[] bytes(String resource) {
    try (InputStream in = TestFiles.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A resource parsed as JSON. */
  public static JsonNode json(String resource) {
    try {
      return JSON.readTree(bytes(resource));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A stream fixture as SSE bytes. {@code .sse} files are used as they are; {@code .jsonl} files (vercel/ai's
   * {@code *.chunks.txt} format, one data payload per line) are framed the way vercel/ai's test harness frames
   * them: {@code data: <line>} plus a blank line for each non-empty line, then {@code data: [DONE]}.
   */
  public static byte[] stream(String resource) {
    byte[] raw = bytes(resource);
    if (!resource.endsWith(".jsonl")) {
      return raw;
    }
    StringBuilder sse = new StringBuilder();
    for (String line : new String(raw, StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        sse.append("data: ").append(line).append("\n\n");
      }
    }
    return sse.append("data: [DONE]\n\n").toString().getBytes(StandardCharsets.UTF_8);
  }
}
