package io.github.ssekit.openai.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ssekit.openai.TestFiles;
import io.github.ssekit.openai.chat.ChatChunk;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseParser;
import io.github.ssekit.sse.protocol.DecodeOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast path ({@link ChatChunkReader}) against the tree path: for every payload, decoding with and without it
 * gives the same outcome (kind, chunk, diagnostics, error). Payloads: every event of every recorded and deviation
 * stream, a table of cases that must or must not take the fast path, and every one-character edit of realistic
 * chunks.
 */
class ChatChunkReaderTest {

  private static final String CONTENT_CHUNK = "{\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\","
      + "\"object\":\"chat.completion.chunk\",\"created\":1741569952,\"model\":\"gpt-4o-mini-2024-07-18\","
      + "\"system_fingerprint\":\"fp_06737a9306\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" caf\\u00e9\"},"
      + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}";

  private static final String TOOL_CHUNK = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
      + "\"model\":\"m\",\"service_tier\":\"default\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
      + "\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":"
      + "{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\"}}]},\"logprobs\":null,\"finish_reason\":null}],"
      + "\"obfuscation\":\"x9\",\"provider\":{\"name\":\"p\",\"n\":[1,2.5,-3e2,{\"a\":\"]}\"}]}}";

  private static final String USAGE_CHUNK = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
      + "\"model\":\"m\",\"choices\":[],\"usage\":{\"prompt_tokens\":21,\"completion_tokens\":3,\"total_tokens\":24,"
      + "\"prompt_tokens_details\":{\"cached_tokens\":0},\"completion_tokens_details\":null,\"cost\":0.0012}}";

  @ParameterizedTest(name = "{0}")
  @MethodSource("streams")
  void everyEventOfEveryStreamDecodesAsOnTheTreePath(String resource) {
    List<SseEvent> events = new ArrayList<>();
    SseParser parser = SseParser.builder().handler(events::add).build();
    parser.feed(TestFiles.stream(resource));
    parser.end();
    for (SseEvent event : events) {
      assertSameOutcome(event);
    }
  }

  /** Each case says whether a payload is read on the fast path; both paths must agree on it either way. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void fastPathTakesExactlyTheChunksThatNeedNoRepair(String name, String data, boolean fast) {
    assertEquals(fast, ChatChunkReader.read(data) != null, "read on the fast path");
    assertSameOutcome(new SseEvent(SseEvent.DEFAULT_TYPE, data, ""));
  }

  @Test
  void everyOneCharacterEditOfRealisticChunksDecodesAsOnTheTreePath() {
    String replacements = "\"\\{}[],: 0-.eanu\u00e9\n";
    int fast = 0;
    for (String base : List.of(CONTENT_CHUNK, TOOL_CHUNK, USAGE_CHUNK)) {
      for (int i = 0; i <= base.length(); i++) {
        fast += assertSameOutcome(event(base.substring(0, i)));
        if (i == base.length()) {
          break;
        }
        fast += assertSameOutcome(event(base.substring(0, i) + base.substring(i + 1)));
        for (char c : replacements.toCharArray()) {
          fast += assertSameOutcome(event(base.substring(0, i) + c + base.substring(i + 1)));
          fast += assertSameOutcome(event(base.substring(0, i) + c + base.substring(i)));
        }
      }
    }
    // the edits inside strings and whitespace keep chunks valid; a reader that always gave up would read none
    assertTrue(fast > 1000, "edits read on the fast path: " + fast);
  }

  /**
   * The reader resumes a chunk after the opening it shares with the chunk read before it (id, object, created,
   * model...): each edit of the base chunk is read right after the base itself, so an edit anywhere in or just
   * after the opening (a value's character, a name's, a quote, a comma, whitespace) must not be mistaken for the
   * same opening. An edit that kept the old values would decode differently from the tree path and fail here.
   */
  @Test
  void aChunkThatDiffersFromThePreviousOneInItsOpeningIsReadAgain() {
    String replacements = "\"\\{}[],: 0-19.eanu\u00e9\n";
    int fast = 0;
    for (String base : List.of(CONTENT_CHUNK, TOOL_CHUNK, USAGE_CHUNK)) {
      int openingEnd = base.indexOf("\"choices\"") + 1;
      for (int i = 0; i < openingEnd; i++) {
        List<String> edits = new ArrayList<>();
        edits.add(base.substring(0, i) + base.substring(i + 1));
        for (char c : replacements.toCharArray()) {
          edits.add(base.substring(0, i) + c + base.substring(i + 1));
          edits.add(base.substring(0, i) + c + base.substring(i));
        }
        for (String edit : edits) {
          assertNotNull(ChatChunkReader.read(base), base);
          fast += assertSameOutcome(event(edit));
        }
      }
    }
    // most edits of values and whitespace keep the chunk valid and read on the fast path (after the base again)
    assertTrue(fast > 500, "edits read on the fast path: " + fast);
  }

  /** Chunks that share their opening with the previous one, then differ, each read as on the tree path. */
  @Test
  void aChunkThatSharesThePreviousOpeningKeepsItsOwnValues() {
    String opening = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",";
    List<String> chunks = List.of(
        opening + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}",
        opening + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"b\"}}]}",
        opening + "\"system_fingerprint\":\"fp\",\"choices\":[{\"index\":0,\"delta\":{}}]}",
        opening + "\"system_fingerprint\":\"fp2\",\"choices\":[{\"index\":0,\"delta\":{}}]}",
        opening + "\"id\":\"c2\",\"choices\":[{\"index\":0,\"delta\":{}}]}",
        opening + "\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{}}]}",
        opening + "\"choices\":[]}",
        opening + "\"x\":1,\"choices\":[{\"index\":0,\"delta\":{}}]}",
        opening.substring(0, opening.length() - 1) + "}",
        opening + "\"choices\":[{\"index\":2,\"delta\":{}}]}");
    for (String chunk : chunks) {
      assertSameOutcome(event(chunk));
    }
    for (int i = chunks.size() - 1; i >= 0; i--) {
      assertSameOutcome(event(chunks.get(i)));
    }
  }

  @Test
  void realisticChunksAreReadOnTheFastPath() {
    for (String chunk : List.of(CONTENT_CHUNK, TOOL_CHUNK, USAGE_CHUNK)) {
      assertNotNull(ChatChunkReader.read(chunk), chunk);
    }
    ChatChunk tool = ChatChunkReader.read(TOOL_CHUNK);
    assertEquals(java.util.Set.of("obfuscation", "provider"), tool.extra().keySet());
    assertEquals(java.util.Optional.of("{\"city\":"),
        tool.choices().get(0).delta().orElseThrow().toolCalls().get(0).function().orElseThrow().arguments());
    assertEquals(java.util.Optional.of(" caf\u00e9"),
        ChatChunkReader.read(CONTENT_CHUNK).choices().get(0).delta().orElseThrow().content());
  }

  /**
   * The reader reuses its builders from chunk to chunk: nothing a full chunk, or one that gave up half-way, set may
   * show in the next chunk, and a chunk read earlier must not change when later ones are read.
   */
  @Test
  void aChunkKeepsNothingOfThoseReadBeforeIt() {
    ChatChunk tool = ChatChunkReader.read(TOOL_CHUNK);
    ChatChunk toolAgain = ChatChunkReader.read(TOOL_CHUNK);
    // gives up at its last member, a repeated id, after every builder got values
    String givesUpLate = TOOL_CHUNK.substring(0, TOOL_CHUNK.length() - 1) + ",\"id\":\"c2\"}";
    assertEquals(null, ChatChunkReader.read(givesUpLate));
    String minimal = "{\"choices\":[{\"index\":1,\"delta\":{}}]}";
    ChatChunk read = ChatChunkReader.read(minimal);
    assertEquals(ChatChunkDecoder.decode(event(minimal), false).value().orElseThrow(), read);
    assertEquals(java.util.Map.of(), read.extra());
    assertEquals(java.util.Optional.empty(), read.id());
    assertEquals(toolAgain, tool);
    assertEquals(ChatChunkDecoder.decode(event(TOOL_CHUNK), false).value().orElseThrow(), tool);
    assertSameOutcome(event(givesUpLate));
  }

  /** Asserts both paths agree; 1 when the fast path read it. */
  private static int assertSameOutcome(SseEvent event) {
    DecodeOutcome<ChatChunk> fast = ChatChunkDecoder.decode(event, true);
    DecodeOutcome<ChatChunk> tree = ChatChunkDecoder.decode(event, false);
    assertEquals(tree.kind(), fast.kind(), event.data());
    assertEquals(tree.value(), fast.value(), event.data());
    assertEquals(tree.diagnostics(), fast.diagnostics(), event.data());
    assertEquals(tree.error().map(Throwable::getMessage), fast.error().map(Throwable::getMessage), event.data());
    return !event.type().equals("error") && ChatChunkReader.read(event.data()) != null ? 1 : 0;
  }

  private static SseEvent event(String data) {
    return new SseEvent(SseEvent.DEFAULT_TYPE, data, "");
  }

  static Stream<String> streams() throws IOException, URISyntaxException {
    List<String> resources = new ArrayList<>();
    for (String dir : List.of("chat", "fixtures/openai")) {
      Path root = Path.of(ChatChunkReaderTest.class.getResource("/" + dir).toURI());
      try (Stream<Path> files = Files.walk(root)) {
        files.filter(p -> p.toString().endsWith(".sse") || p.toString().endsWith(".jsonl"))
            .forEach(p -> resources.add(dir + "/" + root.relativize(p).toString().replace('\\', '/')));
      }
    }
    assertTrue(resources.size() > 50, "streams found: " + resources.size());
    return resources.stream().sorted();
  }

  static Stream<Object[]> cases() {
    JsonNode table = TestFiles.json("chat/fast-path-cases.json");
    List<Object[]> cases = new ArrayList<>();
    table.forEach(c -> cases.add(new Object[] {c.get("name").asText(), c.get("data").asText(),
        c.get("fast").asBoolean()}));
    return cases.stream();
  }
}
