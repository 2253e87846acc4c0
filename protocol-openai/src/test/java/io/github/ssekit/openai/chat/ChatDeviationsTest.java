package io.github.ssekit.openai.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ssekit.openai.DiagnosticChecks;
import io.github.ssekit.openai.StrictModeException;
import io.github.ssekit.openai.TestFiles;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.testing.Feeding;
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
 * One vector per deviation of research/openai-streaming.md §3 (ids A1..F7 in the file names): an SSE stream built
 * from the example payload ({@code chat/deviations/<case>.sse}) and the expected messages, diagnostics, errors and
 * outcomes ({@code <case>.json}). Each is fed whole, byte by byte, split at every offset and in random chunks.
 */
class ChatDeviationsTest {

  static Stream<String> cases() {
    try (Stream<Path> files = Files.list(Path.of(ChatDeviationsTest.class.getResource("/chat/deviations").toURI()))) {
      List<String> names = new ArrayList<>();
      files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sse")).sorted()
          .forEach(n -> names.add(n.substring(0, n.length() - ".sse".length())));
      return names.stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] stream(String name) {
    return TestFiles.bytes("chat/deviations/" + name + ".sse");
  }

  private static JsonNode expected(String name) {
    return TestFiles.json("chat/deviations/" + name + ".json");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void lenientDecodingGivesTheExpectedMessageAndDiagnostics(String name) {
    ChatHarness.inEveryWay(stream(name), expected(name));
  }

  /** Strict mode turns every diagnostic into an error, in the same order, and keeps the partial message. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void strictModeMakesEachDiagnosticAnError(String name) {
    byte[] bytes = stream(name);
    JsonNode expected = expected(name);
    ChatResult lenient = ChatHarness.run(bytes, p -> Feeding.feedCut(p, bytes), false,
        ChatHarness.namedEvents(expected)).result();
    ChatResult strict = ChatHarness.run(bytes, p -> Feeding.feedCut(p, bytes), true,
        ChatHarness.namedEvents(expected)).result();

    List<String> refused = new ArrayList<>();
    for (SseException error : strict.errors()) {
      if (error instanceof StrictModeException s) {
        refused.add(s.diagnostic().code());
      }
    }
    List<String> strictCodes = DiagnosticChecks.codes(strict.diagnosticOccurrences());
    assertEquals(strictCodes, refused, "one strict-mode error per diagnostic occurrence");
    // the decoder's diagnostics are the same in both modes; the accumulator's differ, because a strict decoder
    // withholds the chunks that deviate, and an error ends the end-of-stream checks
    assertEquals(decoderCodes(lenient), decoderCodes(strict), "decoder diagnostics");
    assertEquals(lenient.choices().isEmpty(), strict.choices().isEmpty(), "choices present in both modes");
    if (!lenient.diagnostics().isEmpty()) {
      assertTrue(strict.error().isPresent(), "strict mode reports an error");
    }
  }

  private static final java.util.Set<String> ACCUMULATOR_CODES = java.util.Set.of("openai.missing-done",
      "openai.missing-finish-reason", "openai.sentinel-tool-delta", "openai.tool-call-id-changed",
      "openai.tool-arguments-resent");

  private static List<String> decoderCodes(ChatResult result) {
    return DiagnosticChecks.codes(result.diagnosticOccurrences()).stream().filter(c -> !ACCUMULATOR_CODES.contains(c))
        .toList();
  }

  @Test
  void everyDeviationFamilyHasAVector() {
    List<String> families = cases().map(n -> n.substring(0, 1)).distinct().toList();
    assertEquals(List.of("A", "B", "C", "D", "E", "F"), families);
    assertTrue(cases().count() >= 50, "one vector per deviation id");
  }

  @Test
  void strictProtocolAloneTurnsTheEmptyRoleIntoAnError() {
    var outcome = ChatCompletionsProtocol.strict()
        .decode(io.github.ssekit.sse.SseEvent.message("{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"\",\"content\":\"x\"}}]}"));
    assertEquals(io.github.ssekit.sse.protocol.DecodeOutcome.Kind.ERROR, outcome.kind());
    StrictModeException error = (StrictModeException) outcome.error().orElseThrow();
    assertEquals("openai.empty-role", error.diagnostic().code());
    assertEquals(List.of("openai.empty-role"), outcome.diagnostics().stream().map(Diagnostic::code).toList());
  }
}
