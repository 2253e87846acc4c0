package io.github.ssekit.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.ssekit.opencode.OpenCodeJsonException;
import io.github.ssekit.opencode.OpenCodeProtocol;
import io.github.ssekit.opencode.ReplyAccumulator;
import io.github.ssekit.opencode.event.OpenCodeEvent;
import io.github.ssekit.sse.SseEventTooLargeException;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.SseParser;
import io.github.ssekit.sse.protocol.ProtocolDispatcher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the OpenCode pipeline: {@link SseParser} (4 KiB limit) into {@link OpenCodeProtocol} (sync frames and
 * heartbeats as the fuzzer chooses) through a {@link ProtocolDispatcher}, each event into a
 * {@link ReplyAccumulator} for the first session ID the input names. Nothing may throw; the decoder never fails;
 * errors are malformed JSON, non-object data or events over the limit; and the stream fed whole or in
 * fuzzer-chosen chunks gives the same outcomes, deltas, tool calls, diagnostics and reply.
 */
class OpenCodeFuzzTest {
  private static final FuzzStats STATS = new FuzzStats("opencode");
  /** {@code SseException} itself: data that is JSON but not an object. */
  private static final Set<Class<?>> DOCUMENTED =
      Set.of(OpenCodeJsonException.class, SseException.class, SseEventTooLargeException.class);
  private static final Pattern SESSION = Pattern.compile("\"sessionID\":\"([^\"]+)\"");

  @FuzzTest(maxDuration = "30s")
  @DictionaryFile(resourcePath = "/dictionaries/opencode.dict")
  void openCode(byte[] input) {
    STATS.count();
    FuzzInput in = FuzzInput.read(input, false);
    Matcher session = SESSION.matcher(new String(in.stream, StandardCharsets.ISO_8859_1));
    String sessionID = session.find()
        ? new String(session.group(1).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8)
        : "ses_1";
    if (sessionID.isBlank()) {
      sessionID = "ses_1";
    }
    OpenCodeProtocol protocol = OpenCodeProtocol.builder()
        .keepSyncFrames(in.flag(0))
        .heartbeatsAsValues(in.flag(1))
        .build();
    String id = sessionID;
    Run whole = run(protocol, id, parser -> parser.feed(in.stream));
    Run cut = run(protocol, id, parser -> in.forEachChunk(parser::feed));
    assertEquals(whole, cut, () -> "fed in chunks " + java.util.Arrays.toString(in.cuts));
  }

  /** Everything one run delivered, comparable with equals. */
  record Run(List<Object> outcomes, List<Object> accumulated, Object reply, Object diagnostics) {}

  private static Run run(OpenCodeProtocol protocol, String sessionID, Consumer<SseParser> feed) {
    ReplyAccumulator reply = ReplyAccumulator.forSession(sessionID);
    List<Object> accumulated = new ArrayList<>();
    reply.onDelta(accumulated::add).onToolCall(accumulated::add).onDone(accumulated::add)
        .onDiagnostic(accumulated::add);
    Outcomes<OpenCodeEvent> outcomes = new Outcomes<>() {
      @Override
      public void onValue(OpenCodeEvent event) {
        super.onValue(event);
        accumulated.add(reply.accept(event));
      }
    };
    SseParser parser = SseParser.builder()
        .handler(new ProtocolDispatcher<>(protocol, outcomes))
        .maxEventSize(FuzzInput.MAX_LIMIT)
        .build();
    feed.accept(parser);
    parser.end();
    outcomes.checkContract(DOCUMENTED);
    return new Run(outcomes.log, accumulated, reply.reply(), reply.diagnostics());
  }

  @AfterAll
  static void report() {
    STATS.report();
  }
}
