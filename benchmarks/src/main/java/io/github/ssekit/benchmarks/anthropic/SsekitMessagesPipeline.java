package io.github.ssekit.benchmarks.anthropic;

import io.github.ssekit.anthropic.AnthropicMessage;
import io.github.ssekit.anthropic.MessagesResult;
import io.github.ssekit.anthropic.MessagesStream;
import io.github.ssekit.benchmarks.pipeline.Assembled;
import io.github.ssekit.benchmarks.workload.Input;

/** ssekit: {@link MessagesStream} fed the input's chunks as they would arrive from a socket. */
public final class SsekitMessagesPipeline implements MessagesPipeline {

  @Override
  public String name() {
    return "ssekit";
  }

  @Override
  public Assembled run(Input input) {
    MessagesStream stream = MessagesStream.builder().build();
    byte[] bytes = input.bytes();
    for (int i = 0; i < input.chunks(); i++) {
      stream.feed(bytes, input.start(i), input.end(i) - input.start(i));
    }
    MessagesResult result = stream.end();
    AnthropicMessage message = result.message().orElseThrow();
    return new Assembled(message.text(), message.stopReason().map(Object::toString).orElse(""),
        message.usage().flatMap(u -> u.outputTokens().isPresent()
            ? java.util.Optional.of(u.outputTokens().getAsLong()) : java.util.Optional.empty()).orElse(-1L));
  }
}
