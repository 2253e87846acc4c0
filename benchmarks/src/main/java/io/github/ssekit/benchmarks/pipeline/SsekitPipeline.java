package io.github.ssekit.benchmarks.pipeline;

import io.github.ssekit.benchmarks.workload.Input;
import io.github.ssekit.openai.chat.ChatMessage;
import io.github.ssekit.openai.chat.ChatResult;
import io.github.ssekit.openai.chat.ChatStream;
import io.github.ssekit.openai.chat.FinishReason;
import io.github.ssekit.openai.chat.Usage;

/**
 * ssekit: protocol-openai's {@link ChatStream} (sse-core's parser, the lenient Chat Completions protocol with its
 * diagnostics, typed chunks, the accumulator) fed the input's buffers.
 */
public final class SsekitPipeline implements ChatPipeline {

  @Override
  public String name() {
    return "ssekit";
  }

  @Override
  public Assembled run(Input input) {
    ChatStream stream = ChatStream.builder().build();
    byte[] bytes = input.bytes();
    for (int i = 0, n = input.chunks(); i < n; i++) {
      int start = input.start(i);
      stream.feed(bytes, start, input.end(i) - start);
    }
    ChatResult result = stream.end();
    ChatMessage message = result.message().orElseThrow();
    return new Assembled(message.content(), message.finishReason().map(FinishReason::raw).orElse(null),
        result.usage().flatMap(Usage::totalTokens).orElse(-1L));
  }
}
