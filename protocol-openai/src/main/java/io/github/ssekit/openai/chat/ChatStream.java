package io.github.ssekit.openai.chat;

import io.github.ssekit.openai.StrictModeException;
import io.github.ssekit.sse.protocol.ProtocolConversation;
import io.github.ssekit.sse.protocol.ProtocolStream;
import java.util.Objects;

/**
 * A whole Chat Completions stream in one object: bytes in ({@link #feed}), the assembled {@link ChatResult} out
 * ({@link #end}). A typed facade, sse-core's {@link ProtocolStream}, over a {@link ProtocolConversation} with the
 * {@link ChatCompletionsProtocol}, a {@link ChatAccumulator} and {@link StrictModeException} as the strict-mode
 * refusal: the same driver the client runs, so what is true here is true there.
 *
 * <pre>{@code
 * ChatStream stream = ChatStream.builder()
 *     .deltas(ChatDeltaListener.content(System.out::print))
 *     .on("hermes.tool.progress", event -> showProgress(event.data()))
 *     .build();
 * stream.feed(bytes);          // as often as bytes arrive
 * ChatResult result = stream.end();
 * }</pre>
 *
 * <p>Not thread-safe: feed it from one thread at a time.
 */
public final class ChatStream extends ProtocolStream<ChatStream, ChatChunk, ChatResult, ChatAccumulator> {

  private ChatStream(Builder builder, ChatAccumulator accumulator) {
    super(builder, accumulator);
  }

  /** A builder with lenient defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Decodes a complete stream given as consecutive byte chunks, leniently. */
  public static ChatResult decode(byte[]... chunks) {
    return builder().build().decodeAll(chunks);
  }

  /**
   * Options of a {@link ChatStream}: those of every protocol stream ({@link ProtocolStream.Builder}: strict mode,
   * listeners, limits) and the delta listener.
   */
  public static final class Builder extends ProtocolStream.Builder<Builder, ChatChunk> {
    private ChatDeltaListener deltas = ChatDeltaListener.NONE;

    private Builder() {
      super(ChatCompletionsProtocol.lenient(), StrictModeException::new);
    }

    /** Sees each text, reasoning, refusal and tool-argument fragment as it arrives. */
    public Builder deltas(ChatDeltaListener deltas) {
      this.deltas = Objects.requireNonNull(deltas, "deltas");
      return this;
    }

    /** A new stream. */
    public ChatStream build() {
      return new ChatStream(this, new ChatAccumulator(deltas, diagnosticLimits()));
    }
  }
}
