package io.github.ssekit.anthropic;

import io.github.ssekit.sse.protocol.ProtocolConversation;
import io.github.ssekit.sse.protocol.ProtocolStream;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A whole Messages stream in one object: bytes in ({@link #feed}), the assembled {@link MessagesResult} out
 * ({@link #end}). A typed facade, sse-core's {@link ProtocolStream}, over sse-core's generic
 * {@link ProtocolConversation} with the {@link MessagesProtocol}, a {@link MessagesAccumulator} and
 * {@link StrictModeException} as the strict-mode refusal; a transport can drive that conversation directly with SSE
 * events ({@link #conversation()}).
 *
 * <pre>{@code
 * MessagesStream stream = MessagesStream.builder()
 *     .text(System.out::print)                         // text as it arrives
 *     .build();
 * stream.feed(bytes);                                  // as often as bytes arrive
 * MessagesResult result = stream.end();
 * result.message().get().content();  result.truncated();  result.error();  result.diagnostics();
 * }</pre>
 *
 * <p>Not thread-safe: feed it from one thread at a time.
 */
public final class MessagesStream
    extends ProtocolStream<MessagesStream, AnthropicEvent, MessagesResult, MessagesAccumulator> {

  private MessagesStream(Builder builder, MessagesAccumulator accumulator) {
    super(builder, accumulator);
  }

  /** A builder with lenient defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Decodes a complete stream given as consecutive byte chunks, leniently. */
  public static MessagesResult decode(byte[]... chunks) {
    return builder().build().decodeAll(chunks);
  }

  /**
   * Options of a {@link MessagesStream}: those of every protocol stream ({@link ProtocolStream.Builder}: strict
   * mode, listeners, limits), the text listener and the block limit.
   */
  public static final class Builder extends ProtocolStream.Builder<Builder, AnthropicEvent> {
    private int maxBlocks = MessagesAccumulator.DEFAULT_MAX_BLOCKS;

    private Builder() {
      super(MessagesProtocol.lenient(), StrictModeException::new);
    }

    /** Sees each {@code text_delta}'s text as it arrives. */
    public Builder text(Consumer<String> text) {
      Objects.requireNonNull(text, "text");
      return listener(event -> {
        if (event instanceof AnthropicEvent.ContentBlockDelta delta
            && delta.delta().type().filter(DeltaType.TEXT_DELTA::equals).isPresent()) {
          delta.delta().text().ifPresent(text);
        }
      });
    }

    /** The most content blocks the message keeps (default {@link MessagesAccumulator#DEFAULT_MAX_BLOCKS}). */
    public Builder maxBlocks(int maxBlocks) {
      if (maxBlocks < 1) {
        throw new IllegalArgumentException("maxBlocks must be positive: " + maxBlocks);
      }
      this.maxBlocks = maxBlocks;
      return this;
    }

    /** A new stream. */
    public MessagesStream build() {
      return new MessagesStream(this, new MessagesAccumulator(diagnosticLimits(), maxBlocks));
    }
  }
}
