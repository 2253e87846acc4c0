package io.github.ssekit.opencode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ssekit.opencode.event.GenericEvent;
import io.github.ssekit.opencode.event.OpenCodeEvent;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.testing.Feeding;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every raw capture, decoded through sse-core's parser and dispatcher. */
class CaptureDecodingTest {

  /** The types this module has records for; every other type is a GenericEvent. */
  private static final Set<String> TYPED = Set.of("server.connected", "server.heartbeat", "server.instance.disposed",
      "session.created", "session.updated", "session.deleted", "session.status", "session.idle", "session.error",
      "session.diff", "message.updated", "message.removed", "message.part.updated", "message.part.delta",
      "message.part.removed", "permission.asked", "permission.replied", "question.asked", "todo.updated");

  static List<String> captures() {
    return Captures.rawCaptures();
  }

  @Test
  void allCapturesAreFound() {
    // 26 raw captures were recorded; a resource-copy mistake must not turn the table-driven tests into no-ops
    assertEquals(26, captures().size(), captures().toString());
  }

  @ParameterizedTest
  @MethodSource("captures")
  void decodesWithoutErrors(String capture) {
    Captures.Outcomes outcomes = Captures.decode(capture);
    List<JsonNode> frames = Captures.frames(capture);

    assertEquals(List.of(), outcomes.errors, "errors");
    assertEquals(frames.size(), outcomes.total(), "one outcome per SSE event");
    for (Diagnostic d : outcomes.diagnostics) {
      // the only deviations in real captures: skipped sync frames, and the experimental v2 envelope of 12_v2_*
      assertTrue(d.code().equals(OpenCodeDiagnostics.SYNC_FRAME_SKIPPED)
          || (capture.startsWith("12_v2") && d.code().equals(OpenCodeDiagnostics.V2_ENVELOPE)), d.toString());
    }
  }

  @ParameterizedTest
  @MethodSource("captures")
  void eachFrameBecomesTheEventItsJsonNames(String capture) {
    List<String> expected = new ArrayList<>();
    for (JsonNode frame : Captures.frames(capture)) {
      JsonNode event = frame.has("payload") ? frame.get("payload") : frame;
      String type = event.get("type").asText();
      if (type.equals("sync")) {
        expected.add("ignored");
      } else if (type.equals("server.heartbeat")) {
        expected.add("keep-alive");
      } else {
        expected.add(type + " " + event.get("id").asText() + (TYPED.contains(type) ? "" : " generic"));
      }
    }
    List<String> actual = new ArrayList<>();
    Captures.Outcomes outcomes = Captures.decode(capture);
    int value = 0;
    for (String outcome : outcomes.sequence) {
      if (outcome.equals("ignored") || outcome.equals("keep-alive")) {
        actual.add(outcome);
      } else {
        OpenCodeEvent event = outcomes.values.get(value++);
        actual.add(event.type() + " " + event.id() + (event instanceof GenericEvent ? " generic" : ""));
      }
    }
    assertEquals(expected, actual);
  }

  static Stream<Arguments> capturesAndSeeds() {
    return captures().stream().flatMap(c -> IntStream.range(0, 3).mapToObj(seed -> Arguments.of(c, seed)));
  }

  @ParameterizedTest
  @MethodSource("capturesAndSeeds")
  void randomChunkBoundariesChangeNothing(String capture, int seed) {
    Captures.Outcomes whole = Captures.decode(capture);
    byte[] bytes = Captures.bytes(capture);
    Captures.Outcomes chunked = Captures.decode(capture, OpenCodeProtocol.create(),
        parser -> Feeding.feedRandomly(parser, bytes, new Random(seed * 7919L + capture.hashCode()), 64));
    assertEquals(whole.sequence, chunked.sequence);
    assertEquals(whole.values, chunked.values);
  }

  @ParameterizedTest
  @MethodSource("captures")
  void byteByByteChangesNothing(String capture) {
    Captures.Outcomes whole = Captures.decode(capture);
    byte[] bytes = Captures.bytes(capture);
    Captures.Outcomes bytewise = Captures.decode(capture, OpenCodeProtocol.create(),
        parser -> Feeding.feedInChunks(parser, bytes, 1));
    assertEquals(whole.sequence, bytewise.sequence);
  }

  @ParameterizedTest
  @MethodSource("captures")
  void everyEventOfAKnownTypeIsTyped(String capture) {
    List<String> generic = Captures.events(capture).stream()
        .filter(e -> e instanceof GenericEvent && TYPED.contains(e.type()))
        .map(OpenCodeEvent::type).collect(Collectors.toList());
    assertEquals(List.of(), generic);
    assertFalse(Captures.decode(capture).values.isEmpty() && !capture.startsWith("12_v2_api_session"),
        "only the empty 12_v2_api_session_event.raw has no events");
  }
}
