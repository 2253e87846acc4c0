package io.github.ssekit.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseEventTooLargeException;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.SseHandler;
import io.github.ssekit.sse.SseParser;
import io.github.ssekit.sse.testing.Feeding;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes {@link SseParser}. For every input:
 *
 * <ul>
 *   <li>fed whole with the default limit, it reports exactly what {@link SpecParser} (the standard's algorithm,
 *       written independently) reports;
 *   <li>with a fuzzer-chosen limit of 1 byte to 4 KiB, fed whole, in fuzzer-chosen chunks, and in the same chunks
 *       as direct buffers, it makes the same callbacks in the same order (split invariance);
 *   <li>a handler that ends the parser from its n-th callback (n chosen by the fuzzer) gets exactly the first n
 *       callbacks, whatever the chunks;
 *   <li>it throws nothing, and reports only {@link SseEventTooLargeException}s;
 *   <li>nothing it reports exceeds the limit, and the buffers it keeps stay within twice the limit plus the largest
 *       chunk (memory bounded by the limit, not by the stream).
 * </ul>
 */
class SseParserFuzzTest {
  private static final FuzzStats STATS = new FuzzStats("sse-parser");

  @FuzzTest(maxDuration = "30s")
  @DictionaryFile(resourcePath = "/dictionaries/sse.dict")
  void parser(byte[] input) {
    STATS.count();
    FuzzInput in = FuzzInput.read(input, true);
    boolean comments = in.flag(0);
    String seedId = in.flag(1) ? "seed" : "";

    CallbackLog reference = new CallbackLog();
    SpecParser.parse(in.stream, seedId, comments, reference);
    CallbackLog unlimited = new CallbackLog();
    Feeding.feedCut(parser(unlimited, comments, seedId, SseParser.DEFAULT_MAX_EVENT_BYTES), in.stream);
    assertEquals(reference.entries, unlimited.entries, "the parser differs from the standard's algorithm");

    Feeding.Recorded limited = new Feeding.Recorded();
    Feeding.feedCut(parser(limited, comments, seedId, in.maxEventBytes), in.stream);
    checkLimits(limited, in.maxEventBytes, seedId);

    CallbackLog whole = new CallbackLog();
    Feeding.feedCut(parser(whole, comments, seedId, in.maxEventBytes), in.stream);

    CallbackLog cut = new CallbackLog();
    SseParser cutParser = parser(cut, comments, seedId, in.maxEventBytes);
    int bound = 2 * (in.maxEventBytes + in.largestChunk()) + 256;
    in.forEachChunk(chunk -> {
      cutParser.feed(chunk);
      checkRetained(cutParser, bound);
    });
    cutParser.end();
    checkRetained(cutParser, bound);
    assertEquals(whole.entries, cut.entries, () -> "fed in chunks " + Arrays.toString(in.cuts));

    CallbackLog direct = new CallbackLog();
    SseParser directParser = parser(direct, comments, seedId, in.maxEventBytes);
    Consumer<ByteBuffer> feedDirect = directParser::feed;
    in.forEachDirectChunk(feedDirect);
    directParser.end();
    assertEquals(whole.entries, direct.entries, "fed as direct buffers");

    // A callback may end the parser: nothing follows, whichever callback it was and wherever the chunks split.
    int stopAt = in.flags >>> 2;
    if (stopAt > 0) {
      List<Object> expected = whole.entries.subList(0, Math.min(stopAt, whole.entries.size()));
      CallbackLog stopping = new CallbackLog(stopAt);
      SseParser stoppingParser = parser(stopping, comments, seedId, in.maxEventBytes);
      in.forEachChunk(chunk -> {
        if (!stopping.stopped()) {
          stoppingParser.feed(chunk);
        }
      });
      stoppingParser.end();
      assertEquals(expected, stopping.entries, () -> "ended from callback " + stopAt);
      CallbackLog stoppingDirect = new CallbackLog(stopAt);
      SseParser stoppingDirectParser = parser(stoppingDirect, comments, seedId, in.maxEventBytes);
      in.forEachDirectChunk(chunk -> {
        if (!stoppingDirect.stopped()) {
          stoppingDirectParser.feed(chunk);
        }
      });
      stoppingDirectParser.end();
      assertEquals(expected, stoppingDirect.entries, () -> "ended from callback " + stopAt + ", direct buffers");
    }
  }

  private static SseParser parser(SseHandler handler, boolean comments, String seedId, int limit) {
    SseParser parser =
        SseParser.builder().handler(handler).comments(comments).lastEventId(seedId).maxEventBytes(limit).build();
    if (handler instanceof CallbackLog log) {
      log.attach(parser);
    }
    return parser;
  }

  private static void checkLimits(Feeding.Recorded recorded, int limit, String seedId) {
    for (SseEvent event : recorded.events) {
      // a decoded string never has more UTF-16 units than the bytes it came from
      assertTrue(event.data().length() < limit, "data over the limit");
      // the default type "message" comes from no field, so a limit shorter than it does not apply
      assertTrue(event.type().equals(SseEvent.DEFAULT_TYPE) || event.type().length() <= limit, "type over the limit");
      assertTrue(!event.type().isEmpty(), "empty type");
      assertTrue(event.lastEventId().equals(seedId) || event.lastEventId().length() <= limit, "id over the limit");
      assertTrue(event.lastEventId().indexOf('\0') < 0, "id with NUL");
    }
    for (String comment : recorded.comments) {
      assertTrue(comment.length() <= limit, "comment over the limit");
    }
    for (SseException error : recorded.errors) {
      assertEquals(SseEventTooLargeException.class, error.getClass(), "undocumented error " + error);
      assertEquals(limit, ((SseEventTooLargeException) error).limitBytes());
    }
  }

  /** The byte arrays the parser holds on to, whatever its internals are named. */
  private static final List<Field> BUFFERS = Arrays.stream(SseParser.class.getDeclaredFields())
      .filter(f -> !Modifier.isStatic(f.getModifiers()) && f.getType() == byte[].class)
      .peek(f -> f.setAccessible(true))
      .toList();

  private static void checkRetained(SseParser parser, int bound) {
    for (Field field : BUFFERS) {
      try {
        byte[] buffer = (byte[]) field.get(parser);
        int size = buffer == null ? 0 : buffer.length;
        assertTrue(size <= bound, () -> "the parser keeps " + size + " bytes in " + field.getName() + ", over " + bound);
      } catch (IllegalAccessException e) {
        throw new AssertionError(e);
      }
    }
  }

  @AfterAll
  static void report() {
    STATS.report();
  }
}
