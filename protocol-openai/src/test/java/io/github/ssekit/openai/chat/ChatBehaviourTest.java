package io.github.ssekit.openai.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.github.ssekit.openai.TestFiles;
import io.github.ssekit.sse.SseEventTooLargeException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Accumulation rules that are not deviations ({@code chat/behaviour/}), and the stream's size limit. */
class ChatBehaviourTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"n3-interleaved-choices", "legacy-function-call"})
  void accumulatesAsExpectedFedEveryWay(String name) {
    ChatHarness.inEveryWay(TestFiles.bytes("chat/behaviour/" + name + ".sse"),
        TestFiles.json("chat/behaviour/" + name + ".json"));
  }

  @Test
  void anEventOverTheSizeLimitIsAnErrorAndTheStreamGoesOn() {
    String big = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + "x".repeat(5000) + "\"}}]}\n\n";
    String stream = "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"a\"}}]}\n\n"
        + big + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"b\"},\"finish_reason\":\"stop\"}]}\n\n"
        + "data: [DONE]\n\n";
    ChatResult result = ChatStream.builder().maxEventBytes(1024).build()
        .feed(stream.getBytes(StandardCharsets.UTF_8)).end();
    assertEquals("ab", result.message().orElseThrow().content());
    assertInstanceOf(SseEventTooLargeException.class, result.error().orElseThrow());
    assertEquals(List.of(), result.diagnosticCodes());
  }
}
