package io.github.ssekit.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.ssekit.opencode.OpenCodeJsonException;
import io.github.ssekit.opencode.OpenCodeProtocol;
import io.github.ssekit.opencode.ReplyAccumulator;
import io.github.ssekit.opencode.Turn;
import io.github.ssekit.opencode.TurnCommand;
import io.github.ssekit.opencode.event.OpenCodeEvent;
import io.github.ssekit.opencode.request.PromptBody;
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
 * {@link ReplyAccumulator} and a {@link Turn} (prompt accepted; with a fuzzer-chosen flag, the stream lost and
 * re-synced from no stored messages after every tenth event) for the first session ID the input names. Nothing may
 * throw; the decoder never fails; errors are malformed JSON, non-object data or events over the limit; and the
 * stream fed whole or in fuzzer-chosen chunks gives the same outcomes, deltas, tool calls, diagnostics, reply,
 * turn commands and turn state.
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
    boolean reconnects = in.flag(2);
    Run whole = run(protocol, id, reconnects, parser -> parser.feed(in.stream));
    Run cut = run(protocol, id, reconnects, parser -> in.forEachChunk(parser::feed));
    assertEquals(whole, cut, () -> "fed in chunks " + java.util.Arrays.toString(in.cuts));
  }

  /** Everything one run delivered, comparable with equals. */
  record Run(List<Object> outcomes, List<Object> accumulated, Object reply, Object diagnostics, List<String> turn) {}

  private static Run run(OpenCodeProtocol protocol, String sessionID, boolean reconnects, Consumer<SseParser> feed) {
    ReplyAccumulator reply = ReplyAccumulator.forSession(sessionID);
    List<Object> accumulated = new ArrayList<>();
    reply.onDelta(accumulated::add).onToolCall(accumulated::add).onDone(accumulated::add)
        .onDiagnostic(accumulated::add);
    Turn turn = Turn.of(sessionID, PromptBody.text("fuzz"));
    List<String> told = new ArrayList<>();
    turn.onDelta(d -> told.add(d.toString())).onTextReplaced(d -> told.add("replaced " + d))
        .onWaiting(r -> told.add(r.toString())).onStateChange(s -> told.add(s.toString()));
    drive(turn, turn.onConnected(), told);
    drive(turn, turn.onPromptAccepted(), told);
    int[] events = new int[1];
    Outcomes<OpenCodeEvent> outcomes = new Outcomes<>() {
      @Override
      public void onValue(OpenCodeEvent event) {
        super.onValue(event);
        accumulated.add(reply.accept(event));
        drive(turn, turn.onEvent(event), told);
        if (reconnects && ++events[0] % 10 == 0) {
          drive(turn, turn.onReconnecting(), told);
          drive(turn, turn.onConnected(), told);
        }
      }
    };
    SseParser parser = SseParser.builder()
        .handler(new ProtocolDispatcher<>(protocol, outcomes))
        .maxEventSize(FuzzInput.MAX_LIMIT)
        .build();
    feed.accept(parser);
    parser.end();
    outcomes.checkContract(DOCUMENTED);
    told.add(turn.state() + " " + turn.reply());
    return new Run(outcomes.log, accumulated, reply.reply(), reply.diagnostics(), told);
  }

  /** Runs a turn's commands as a server with an idle session and nothing stored would answer them. */
  private static void drive(Turn turn, List<TurnCommand> commands, List<String> told) {
    for (TurnCommand command : commands) {
      told.add(command instanceof TurnCommand.Fail fail ? "Fail " + fail.reason() : command.toString());
      if (command instanceof TurnCommand.FetchStatus) {
        drive(turn, turn.onSessionStatuses(java.util.Map.of()), told);
      } else if (command instanceof TurnCommand.FetchMessages) {
        drive(turn, turn.onStoredMessages(List.of()), told);
      }
    }
  }

  @AfterAll
  static void report() {
    STATS.report();
  }
}
