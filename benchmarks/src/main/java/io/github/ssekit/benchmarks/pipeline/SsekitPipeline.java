package io.github.ssekit.benchmarks.pipeline;

import io.github.ssekit.benchmarks.workload.Input;
import io.github.ssekit.openai.OpenAiConversation;
import io.github.ssekit.openai.chat.ChatAccumulator;
import io.github.ssekit.openai.chat.ChatChunk;
import io.github.ssekit.openai.chat.ChatCompletionsProtocol;
import io.github.ssekit.openai.chat.ChatMessage;
import io.github.ssekit.openai.chat.ChatResult;
import io.github.ssekit.openai.chat.FinishReason;
import io.github.ssekit.openai.chat.Usage;
import io.github.ssekit.sse.SseParser;

/**
 * ssekit: the path {@code OpenAiClient} ships, without the network. An {@link SseParser} (the parser inside the
 * client's transport) delivers each event to protocol-openai's {@link OpenAiConversation}, built as the client
 * builds it: the lenient Chat Completions protocol (its one-pass chunk reader, its diagnostics) and a
 * {@link ChatAccumulator}. The client's driver adds only a size count and a check for {@code [DONE]} per event.
 */
public final class SsekitPipeline implements ChatPipeline {

  @Override
  public String name() {
    return "ssekit";
  }

  @Override
  public Assembled run(Input input) {
    ChatResult result = result(input);
    ChatMessage message = result.message().orElseThrow();
    return new Assembled(message.content(), message.finishReason().map(FinishReason::raw).orElse(null),
        result.usage().flatMap(Usage::totalTokens).orElse(-1L));
  }

  /** The whole result of the stream, as {@code OpenAiClient} would complete it. */
  public ChatResult result(Input input) {
    // as the client's driver makes it for a caller without handlers
    OpenAiConversation<ChatChunk, ChatResult> conversation =
        OpenAiConversation.builder(ChatCompletionsProtocol.lenient()).build(new ChatAccumulator());
    SseParser parser = SseParser.create(conversation);
    byte[] bytes = input.bytes();
    for (int i = 0, n = input.chunks(); i < n; i++) {
      int start = input.start(i);
      parser.feed(bytes, start, input.end(i) - start);
    }
    parser.end();
    return conversation.end();
  }
}
