package io.github.ssekit.openai.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ssekit.openai.DiagnosticChecks;
import io.github.ssekit.openai.StrictModeException;
import io.github.ssekit.openai.TestFiles;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.protocol.ProtocolListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one-object pipeline a client uses: bytes in, text deltas and named events out as they come, result at the end. */
class ChatStreamTest {
  private static final byte[] HERMES = TestFiles.bytes("chat/deviations/A01-hermes-named-events-ignored.sse");

  @Test
  void streamsTextAsItArrivesAndHandsNamedEventsToTheirListener() {
    List<String> fragments = new ArrayList<>();
    List<SseEvent> progress = new ArrayList<>();
    List<Diagnostic> diagnostics = new ArrayList<>();
    ChatStream stream = ChatStream.builder()
        .deltas(ChatDeltaListener.content(fragments::add))
        .on("hermes.tool.progress", progress::add)
        .listener(new ProtocolListener<>() {
          @Override
          public void onValue(ChatChunk value) {}

          @Override
          public void onDiagnostic(Diagnostic diagnostic) {
            diagnostics.add(diagnostic);
          }
        })
        .build();

    int half = HERMES.length / 2;
    stream.feed(Arrays.copyOfRange(HERMES, 0, half));
    int seenAtHalf = fragments.size();
    stream.feed(HERMES, half, HERMES.length - half);
    ChatResult result = stream.end();

    assertEquals(List.of("There are 3", " service accounts", " in kube-system."), fragments);
    assertTrue(seenAtHalf > 0 && seenAtHalf < 3, "text is delivered while the stream is still arriving");
    assertEquals(2, progress.size());
    assertTrue(progress.get(1).data().contains("\"status\":\"completed\""));
    assertEquals(List.of(), diagnostics, "a listened-to event is not reported as ignored");
    assertEquals("There are 3 service accounts in kube-system.", result.message().orElseThrow().content());
    assertEquals(List.of(), result.diagnostics());
  }

  @Test
  void withoutAListenerTheNamedEventsAreReportedAndTheTextIsComplete() {
    ChatResult result = ChatStream.decode(HERMES);
    assertEquals("There are 3 service accounts in kube-system.", result.message().orElseThrow().content());
    assertEquals(List.of("sse.ignored-event"), result.diagnosticCodes(), "reported once");
    assertEquals(2, result.diagnostics().get(0).count(), "with its count");
    assertTrue(result.diagnostics().get(0).excerpt().contains("kubectl get sa"), "and its first excerpt");
    assertEquals(List.of("sse.ignored-event", "sse.ignored-event"),
        DiagnosticChecks.codes(result.diagnosticOccurrences()));
  }

  @Test
  void strictModeReportsTheEmptyRoleAsAnError() {
    byte[] emptyRole = TestFiles.bytes("chat/deviations/C01-empty-role.sse");
    ChatResult lenient = ChatStream.decode(emptyRole);
    assertEquals("Why did the chicken cross?", lenient.message().orElseThrow().content());
    assertEquals(List.of(), lenient.errors());

    ChatResult strict = ChatStream.builder().strict(true).build().feed(emptyRole).end();
    StrictModeException error = assertInstanceOf(StrictModeException.class, strict.error().orElseThrow());
    assertEquals("openai.empty-role", error.diagnostic().code());
    assertEquals(" cross?", strict.message().orElseThrow().content(), "the deviating chunks were withheld");
  }

  @Test
  void reasoningAndToolArgumentsStreamToo() {
    StringBuilder reasoning = new StringBuilder();
    StringBuilder arguments = new StringBuilder();
    ChatStream.builder().deltas(new ChatDeltaListener() {
      @Override
      public void onReasoning(int choiceIndex, String fragment) {
        reasoning.append(fragment);
      }

      @Override
      public void onToolArguments(int choiceIndex, int position, String fragment) {
        arguments.append(position).append(':').append(fragment).append(' ');
      }
    }).build()
        .feed(TestFiles.bytes("chat/deviations/C05-reasoning-channels.sse"))
        .feed(TestFiles.stream("fixtures/openai/01-openai-gpt4o-parallel-tool-calls-include-usage.sse"))
        .end();
    assertEquals("Thinking.", reasoning.toString());
    assertTrue(arguments.toString().startsWith("0:{\"ci 0:ty\": "), arguments.toString());
    assertTrue(arguments.toString().contains("1:{\"ti 1:cker\""), arguments.toString());
  }
}
