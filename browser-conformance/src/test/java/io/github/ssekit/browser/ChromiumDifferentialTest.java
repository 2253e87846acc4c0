package io.github.ssekit.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseHandler;
import io.github.ssekit.sse.SseParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Differential conformance: a few hundred generated streams ({@link StreamGenerator}) go, in the same chunks, to
 * headless Chromium's {@code EventSource} (the reference implementation) and to ssekit's {@link SseParser}; both
 * must dispatch exactly the same events: type, data and last event ID, in order.
 *
 * <p>The build uses a fixed seed, so that CI compares the same streams each time and a red build is always a change
 * in ssekit; {@code -Dssekit.differential.seed=random} explores a fresh seed (printed), {@code
 * -Dssekit.differential.seed=N} repeats a run and
 * {@code -Dssekit.differential.streams=N} changes its size. Streams that differ are written to
 * {@code target/differential/failures/}. Without Chromium the test fails and says how to install it.
 */
class ChromiumDifferentialTest {
  private static final Path WORK = Paths.get("target", "differential");
  private static final String INSTALL = "headless Chromium is needed for the differential conformance test and was "
      + "not found (looked for chromium, chromium-browser and google-chrome on the PATH, and -Dssekit.chromium=PATH)."
      + " Install it with: sudo apt-get install chromium (Debian; .ci/run does this), or point -Dssekit.chromium at a"
      + " Chromium or Chrome binary.";

  /** The seed the build runs with; local runs with fresh seeds have compared thousands more streams. */
  private static final long BUILD_SEED = 167950728139221017L;

  private static long seed(String property) {
    return property.equals("random") ? new SecureRandom().nextLong() : Long.parseLong(property);
  }

  @Test
  void ssekitDispatchesExactlyWhatChromiumDispatches() throws Exception {
    Path binary = Chromium.find().orElseThrow(() -> new AssertionError(INSTALL));
    long seed = seed(System.getProperty("ssekit.differential.seed", Long.toString(BUILD_SEED)));
    int count = Integer.getInteger("ssekit.differential.streams", 500);
    System.out.println("differential: seed=" + seed + " streams=" + count
        + " (repeat with -Dssekit.differential.seed=" + seed + ")");

    StreamGenerator generator = new StreamGenerator(seed);
    List<StreamGenerator.Stream> streams = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      streams.add(generator.next(i));
    }

    Map<Integer, JsonNode> results;
    Map<Integer, String> reconnections;
    try (HarnessServer server = new HarnessServer(streams);
        Chromium chromium = Chromium.open(binary, server.pageUrl(), WORK)) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120 + count / 2);
      while (!server.await(1, TimeUnit.SECONDS)) {
        assertTrue(chromium.isAlive(), "Chromium exited early; see " + WORK.resolve("chromium.log"));
        assertTrue(System.nanoTime() < deadline, "Chromium did not report on every stream in time: "
            + server.results().size() + " of " + count + "; see " + WORK.resolve("chromium.log"));
      }
      assertEquals(null, server.pageError(), "the harness page failed");
      results = Map.copyOf(server.results());
      reconnections = Map.copyOf(server.reconnections());
    }

    Set<String> listened = new HashSet<>(StreamGenerator.NAMES);
    List<String> mismatches = new ArrayList<>();
    int events = 0;
    int reconnected = 0;
    String agent = "";
    for (StreamGenerator.Stream stream : streams) {
      JsonNode result = results.get(stream.index());
      agent = result.path("agent").asText();
      List<String> browser = new ArrayList<>();
      for (JsonNode e : result.get("events")) {
        browser.add(describe(e.get("type").asText(), e.get("data").asText(), e.get("id").asText()));
      }
      List<String> ssekit = new ArrayList<>();
      SseParser parser = SseParser.create((SseHandler) e -> {
        if (listened.contains(e.type())) {
          ssekit.add(describe(e.type(), e.data(), e.lastEventId()));
        }
      });
      stream.chunks().forEach(parser::feed);
      parser.end();
      events += browser.size();
      if (stream.reconnect()) {
        // the last event ID committed at the end of the stream, as the reconnection's Last-Event-ID header says
        String header = reconnections.get(stream.index());
        browser.add("reconnected with Last-Event-ID " + (header == null ? "(no reconnection)" : escape(header)));
        ssekit.add("reconnected with Last-Event-ID " + escape(asHeader(parser.lastEventId())));
        reconnected += header == null ? 0 : 1;
      } else if (reconnections.containsKey(stream.index())) {
        browser.add("reconnected although the page closed the source");
      }
      if (!browser.equals(ssekit)) {
        mismatches.add(record(seed, stream, browser, ssekit));
      }
    }
    String summary = "differential: seed=" + seed + " streams=" + count + " compared=" + results.size() + " events="
        + events + " reconnections=" + reconnected + " mismatches=" + mismatches.size() + " browser=\"" + agent + "\"";
    System.out.println(summary);
    Files.createDirectories(WORK);
    Files.writeString(WORK.resolve("summary.txt"), summary + "\n");
    if (!mismatches.isEmpty()) {
      fail(mismatches.size() + " of " + count + " streams differ (seed " + seed + "); the first:\n"
          + String.join("\n", mismatches.subList(0, Math.min(3, mismatches.size()))));
    }
  }

  /**
   * What HTTP does to a value on its way through a header, which is not the parser's business: a field value
   * cannot start or end with whitespace (RFC 9110, 5.5), so the ends are trimmed (the JDK's server trims
   * everything up to U+0020, control characters included), and a tab inside arrives as a space.
   */
  private static String asHeader(String id) {
    return id.trim().replace('\t', ' ');
  }

  private static String describe(String type, String data, String id) {
    return "{type=" + escape(type) + ", data=" + escape(data) + ", id=" + escape(id) + "}";
  }

  private static String escape(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return out.append('"').toString();
  }

  /** Writes a differing stream to target/differential/failures and describes it. */
  private static String record(long seed, StreamGenerator.Stream stream, List<String> browser, List<String> ssekit)
      throws IOException {
    Path dir = WORK.resolve("failures");
    Files.createDirectories(dir);
    Files.write(dir.resolve("stream-" + stream.index() + ".sse"), stream.bytes());
    StringBuilder text = new StringBuilder()
        .append("seed ").append(seed).append(", stream ").append(stream.index()).append('\n')
        .append("bytes: ").append(HexFormat.ofDelimiter(" ").formatHex(stream.bytes())).append('\n')
        .append("chunks:");
    for (byte[] chunk : stream.chunks()) {
      text.append(' ').append(chunk.length);
    }
    text.append("\nchromium: ").append(browser).append("\nssekit:   ").append(ssekit).append('\n');
    Files.writeString(dir.resolve("stream-" + stream.index() + ".txt"), text, StandardCharsets.UTF_8);
    return text.length() > 4000 ? text.substring(0, 4000) + "..." : text.toString();
  }
}
