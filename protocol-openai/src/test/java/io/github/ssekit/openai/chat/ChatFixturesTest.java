package io.github.ssekit.openai.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ssekit.openai.TestFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every recorded provider stream in {@code fixtures/openai/}, decoded and accumulated, against the final message
 * written in {@code chat/fixture-expectations.json} from reading each stream.
 */
class ChatFixturesTest {
  private static final JsonNode EXPECTATIONS = TestFiles.json("chat/fixture-expectations.json");

  static Stream<Arguments> fixtures() {
    List<Arguments> cases = new ArrayList<>();
    EXPECTATIONS.fields().forEachRemaining(e -> cases.add(Arguments.of(e.getKey(), e.getValue())));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void decodesAndAccumulatesInSeveralChunkings(String fixture, JsonNode expected) {
    ChatHarness.inSeveralWays(TestFiles.stream("fixtures/openai/" + fixture), expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void chatStreamOneLinerGivesTheSameResult(String fixture, JsonNode expected) {
    ChatResult result = ChatStream.decode(TestFiles.stream("fixtures/openai/" + fixture));
    ChatHarness.check("ChatStream.decode", new ChatHarness.Run(result, List.of(), java.util.Map.of(),
        contentByChoice(result)), withoutOutcomeChecks(expected));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void everyAssembledToolCallHasValidArgumentJson(String fixture, JsonNode expected) {
    ChatResult result = ChatStream.decode(TestFiles.stream("fixtures/openai/" + fixture));
    for (ChatMessage message : result.choices()) {
      for (ToolCall call : message.toolCalls()) {
        JsonNode arguments = call.argumentsJson().orElseThrow(() -> new AssertionError(call.arguments()));
        org.junit.jupiter.api.Assertions.assertTrue(arguments.isObject(), call.arguments());
      }
    }
  }

  @Test
  void argumentsThatAreNotJsonGiveNoArgumentTree() {
    ToolCall cut = ImmutableToolCall.builder().arguments("{\"city\": \"Par").build();
    assertEquals(java.util.Optional.empty(), cut.argumentsJson());
  }

  @Test
  void everyFixtureHasAnExpectation() {
    long fixtures = Stream.of("01", "04", "05", "06", "07", "08", "09", "10").count();
    assertEquals(fixtures, EXPECTATIONS.size());
  }

  private static java.util.Map<Integer, StringBuilder> contentByChoice(ChatResult result) {
    java.util.Map<Integer, StringBuilder> content = new java.util.TreeMap<>();
    result.choices().forEach(m -> content.put(m.index(), new StringBuilder(m.content())));
    return content;
  }

  private static JsonNode withoutOutcomeChecks(JsonNode expected) {
    com.fasterxml.jackson.databind.node.ObjectNode copy = expected.deepCopy();
    copy.remove("outcomes");
    copy.remove("named");
    return copy;
  }
}
