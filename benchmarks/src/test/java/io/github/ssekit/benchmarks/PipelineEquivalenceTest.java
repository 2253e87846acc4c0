package io.github.ssekit.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.ssekit.benchmarks.pipeline.Assembled;
import io.github.ssekit.benchmarks.pipeline.ChatPipeline;
import io.github.ssekit.benchmarks.pipeline.SsekitPipeline;
import io.github.ssekit.benchmarks.workload.Input;
import io.github.ssekit.benchmarks.workload.Workloads;
import io.github.ssekit.openai.chat.ChatResult;
import io.github.ssekit.openai.chat.ChatStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every pipeline of workload 5 assembles the message the LLM stream carries: text, finish reason, usage. */
class PipelineEquivalenceTest {

  static Stream<ChatPipeline> pipelines() {
    return ChatPipeline.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pipelines")
  void assemblesTheStreamedMessage(ChatPipeline pipeline) throws Exception {
    int events = 500;
    Input input = Workloads.llm(events, Workloads.BUFFERS_4K, false);
    Assembled expected = new Assembled(Workloads.llmContent(events), "stop", 21 + events - 4);
    assertEquals(expected, pipeline.run(input));
    assertEquals(expected, pipeline.run(Workloads.llm(events, Workloads.TINY, false)), "in tiny buffers");
  }

  /**
   * ssekit's pipeline is the client's path (a parser's events into an {@code OpenAiConversation}) and assembles
   * exactly what protocol-openai's bytes-in {@link ChatStream} does: the whole result, not only the message.
   */
  @Test
  void ssekitsPipelineIsTheClientsPathAndAgreesWithTheBytesPath() {
    for (Input input : List.of(Workloads.llm(500, Workloads.BUFFERS_4K, false),
        Workloads.llm(500, Workloads.TINY, false))) {
      ChatResult viaEvents = new SsekitPipeline().result(input);
      assertEquals(ChatStream.decode(input.bytes()), viaEvents, input.toString());
      assertEquals(List.of(), viaEvents.errors());
    }
  }
}
