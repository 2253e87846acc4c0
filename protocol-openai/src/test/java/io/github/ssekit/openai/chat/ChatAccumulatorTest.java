package io.github.ssekit.openai.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.ssekit.openai.DiagnosticChecks;
import io.github.ssekit.openai.TestFiles;
import io.github.ssekit.sse.testing.Feeding;
import org.junit.jupiter.api.Test;

/** The accumulator fed without a dispatcher: decode outcomes straight from the protocol. */
class ChatAccumulatorTest {

  @Test
  void acceptsDecodeOutcomesDirectly() {
    byte[] stream = TestFiles.stream("fixtures/openai/05-alibaba-qwen3max-tool-call-empty-ids.jsonl");
    ChatAccumulator accumulator = new ChatAccumulator();
    Feeding.parse(stream).events.forEach(e -> accumulator.accept(ChatCompletionsProtocol.lenient().decode(e)));
    ChatResult result = accumulator.finish();

    ToolCall call = result.message().orElseThrow().toolCalls().get(0);
    assertEquals("{\"location\": \"San Francisco\"}", call.arguments());
    assertEquals("weather", call.name().orElseThrow());
    assertEquals(java.util.List.of("openai.empty-tool-call-id"), result.diagnosticCodes());
    assertEquals(3, result.diagnostics().get(0).count());
    assertEquals(java.util.List.of("openai.empty-tool-call-id", "openai.empty-tool-call-id",
        "openai.empty-tool-call-id"), DiagnosticChecks.codes(result.diagnosticOccurrences()));
    assertEquals(true, result.doneReceived());
    assertEquals(ChatStream.decode(stream), result, "the same result as the full pipeline");
    assertSame(result, accumulator.finish(), "finish is idempotent");
  }
}
