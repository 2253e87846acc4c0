package io.github.ssekit.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes the seed corpus of every fuzz target where Jazzer looks for it, {@code <Class>Inputs/<method>/} beside the
 * test classes: sse-core's conformance vectors (from its test-jar) and the copied fixtures, each as a stream
 * followed by a {@link FuzzInput} trailer of zeros. Long streams are cut at event boundaries into pieces of at
 * most 4 KiB, so each execution stays fast. Run by the build in {@code process-test-classes}; the argument is the
 * test output directory.
 */
public final class SeedCorpora {
  private static final int PIECE = 4096;
  private static final ObjectMapper JSON = new ObjectMapper();

  private SeedCorpora() {}

  public static void main(String[] args) throws IOException, URISyntaxException {
    Path out = Paths.get(args[0]).resolve("io/github/ssekit/fuzz");
    Map<String, byte[]> vectors = vectors();
    Map<String, byte[]> chat = new LinkedHashMap<>();
    chat.putAll(fixtures("openai"));
    chat.putAll(fixtures("chat"));
    Map<String, byte[]> responses = fixtures("responses");
    Map<String, byte[]> opencode = fixtures("opencode");
    Map<String, byte[]> anthropic = fixtures("anthropic");

    Map<String, byte[]> all = new LinkedHashMap<>(vectors);
    all.putAll(chat);
    all.putAll(responses);
    all.putAll(opencode);
    all.putAll(anthropic);
    int parser = write(out.resolve("SseParserFuzzTestInputs/parser"), all, true);
    int c = write(out.resolve("ChatCompletionsFuzzTestInputs/chatCompletions"), chat, false);
    int r = write(out.resolve("ResponsesFuzzTestInputs/responses"), responses, false);
    int o = write(out.resolve("OpenCodeFuzzTestInputs/openCode"), opencode, false);
    int a = write(out.resolve("AnthropicMessagesFuzzTestInputs/messages"), anthropic, false);
    System.out.println("seed corpora: sse-parser " + parser + ", chat-completions " + c + ", responses " + r
        + ", opencode " + o + ", anthropic " + a + " inputs");
  }

  private static int write(Path dir, Map<String, byte[]> streams, boolean withLimit) throws IOException {
    Files.createDirectories(dir);
    int count = 0;
    for (Map.Entry<String, byte[]> stream : streams.entrySet()) {
      List<byte[]> pieces = pieces(stream.getValue());
      for (int i = 0; i < pieces.size(); i++) {
        String name = "seed-" + stream.getKey() + (pieces.size() > 1 ? "-" + (i + 1) : "");
        Files.write(dir.resolve(name), FuzzInput.seed(pieces.get(i), withLimit));
        count++;
      }
    }
    return count;
  }

  /** Cuts after blank lines ({@code \n\n}) into pieces of at most {@link #PIECE} bytes where possible. */
  static List<byte[]> pieces(byte[] stream) {
    List<byte[]> pieces = new ArrayList<>();
    int start = 0;
    int lastBoundary = -1;
    for (int i = 1; i < stream.length; i++) {
      if (stream[i] == '\n' && stream[i - 1] == '\n') {
        if (i + 1 - start > PIECE && lastBoundary > start) {
          pieces.add(java.util.Arrays.copyOfRange(stream, start, lastBoundary));
          start = lastBoundary;
        }
        lastBoundary = i + 1;
      }
    }
    if (stream.length - start > PIECE && lastBoundary > start) {
      pieces.add(java.util.Arrays.copyOfRange(stream, start, lastBoundary));
      start = lastBoundary;
    }
    pieces.add(java.util.Arrays.copyOfRange(stream, start, stream.length));
    return pieces;
  }

  /** Every vector's input, by file and vector name. */
  private static Map<String, byte[]> vectors() throws IOException, URISyntaxException {
    Map<String, byte[]> inputs = new LinkedHashMap<>();
    for (Path file : list("/vectors", ".json")) {
      JsonNode root = JSON.readTree(Files.readAllBytes(file));
      String prefix = file.getFileName().toString().replace(".json", "");
      for (JsonNode vector : root.get("vectors")) {
        byte[] input = vector.has("input")
            ? vector.get("input").asText().getBytes(StandardCharsets.UTF_8)
            : HexFormat.of().parseHex(vector.get("inputHex").asText().replaceAll("\\s+", ""));
        inputs.put("vector-" + prefix + "-" + safe(vector.get("name").asText()), input);
      }
    }
    if (inputs.size() < 200) {
      throw new IllegalStateException("expected sse-core's conformance vectors, found " + inputs.size());
    }
    return inputs;
  }

  /** The copied fixtures of one directory; {@code .jsonl} files framed as vercel/ai's tests frame them. */
  private static Map<String, byte[]> fixtures(String dir) throws IOException, URISyntaxException {
    Map<String, byte[]> streams = new LinkedHashMap<>();
    for (Path file : list("/fixtures/" + dir, "")) {
      String name = file.getFileName().toString();
      if (name.endsWith(".md")) {
        continue;
      }
      byte[] raw = Files.readAllBytes(file);
      if (name.endsWith(".jsonl")) {
        ByteArrayOutputStream sse = new ByteArrayOutputStream();
        for (String line : new String(raw, StandardCharsets.UTF_8).split("\n")) {
          if (!line.isBlank()) {
            sse.writeBytes(("data: " + line + "\n\n").getBytes(StandardCharsets.UTF_8));
          }
        }
        sse.writeBytes("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        raw = sse.toByteArray();
      }
      streams.put(dir + "-" + safe(name.replaceFirst("\\.[a-z]+$", "")), raw);
    }
    if (streams.isEmpty()) {
      throw new IllegalStateException("no fixtures in " + dir);
    }
    return streams;
  }

  /** The files of a class-path directory, in a directory or in a jar (sse-core's test-jar). */
  private static List<Path> list(String resource, String suffix) throws IOException, URISyntaxException {
    URL url = SeedCorpora.class.getResource(resource);
    if (url == null) {
      throw new IllegalStateException("no class-path directory " + resource);
    }
    URI uri = url.toURI();
    Path dir;
    if ("jar".equals(uri.getScheme())) {
      FileSystem jar;
      try {
        jar = FileSystems.getFileSystem(uri);
      } catch (FileSystemNotFoundException e) {
        jar = FileSystems.newFileSystem(uri, Map.of());
      }
      dir = jar.getPath(resource);
    } else {
      dir = Paths.get(uri);
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }

  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]+", "_");
  }
}
