package io.github.ssekit.anthropic;

import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.protocol.DiagnosticLimits;
import io.github.ssekit.sse.protocol.ProtocolConversation;
import io.github.ssekit.sse.protocol.ProtocolListener;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A whole Messages stream in one object: bytes in ({@link #feed}), the assembled {@link MessagesResult} out
 * ({@link #end}). A typed facade over sse-core's generic {@link ProtocolConversation} with the
 * {@link MessagesProtocol}, a {@link MessagesAccumulator} and {@link StrictModeException} as the strict-mode
 * refusal; a transport can drive that conversation directly with SSE events ({@link #conversation()}).
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
public final class MessagesStream {
  private final ProtocolConversation<AnthropicEvent, MessagesResult> conversation;
  private final MessagesAccumulator accumulator;

  private MessagesStream(Builder builder) {
    this.accumulator = new MessagesAccumulator(builder.diagnosticLimits, builder.maxBlocks);
    this.conversation = builder.conversation.build(accumulator);
  }

  /** A builder with lenient defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Decodes a complete stream given as consecutive byte chunks, leniently. */
  public static MessagesResult decode(byte[]... chunks) {
    MessagesStream stream = builder().build();
    for (byte[] chunk : chunks) {
      stream.feed(chunk);
    }
    return stream.end();
  }

  /**
   * Feeds the next bytes of the stream.
   *
   * @throws IllegalStateException once the stream is over
   */
  public MessagesStream feed(byte[] bytes) {
    conversation.feed(bytes);
    return this;
  }

  /**
   * Feeds {@code length} bytes of {@code bytes} from {@code offset}.
   *
   * @throws IllegalStateException once the stream is over
   */
  public MessagesStream feed(byte[] bytes, int offset, int length) {
    conversation.feed(bytes, offset, length);
    return this;
  }

  /** Ends the stream (the connection closed) and returns its result; the same one on every later call. */
  public MessagesResult end() {
    return conversation.end();
  }

  /** A transport failure cut the stream: the partial result, {@code failure} its last error. */
  public MessagesResult fail(SseException failure) {
    return conversation.fail(failure);
  }

  /** The caller stopped the stream: the result holds what arrived. */
  public MessagesResult cancel() {
    return conversation.cancel();
  }

  /** The accumulator, for a look at its progress. */
  public MessagesAccumulator accumulator() {
    return accumulator;
  }

  /** The conversation this stream runs, for input as SSE events or a transport failure. */
  public ProtocolConversation<AnthropicEvent, MessagesResult> conversation() {
    return conversation;
  }

  /** Options of a {@link MessagesStream}. */
  public static final class Builder {
    private final ProtocolConversation.Builder<AnthropicEvent> conversation =
        ProtocolConversation.builder(MessagesProtocol.lenient(), StrictModeException::new);
    private DiagnosticLimits diagnosticLimits = DiagnosticLimits.DEFAULT;
    private int maxBlocks = MessagesAccumulator.DEFAULT_MAX_BLOCKS;

    private Builder() {}

    /** Strict mode: every deviation is also an error (default: lenient); see {@link ProtocolConversation}. */
    public Builder strict(boolean strict) {
      conversation.strict(strict);
      return this;
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

    /**
     * Also sees every outcome (events, keep-alives, errors), after the accumulator, and the first occurrence of
     * each diagnostic code; see {@link ProtocolConversation}.
     */
    public Builder listener(ProtocolListener<AnthropicEvent> listener) {
      conversation.listener(listener);
      return this;
    }

    /** Sees the first occurrence of each diagnostic code, as it is found. */
    public Builder onDiagnostic(Consumer<Diagnostic> listener) {
      conversation.onDiagnostic(listener);
      return this;
    }

    /** Sees every occurrence of every diagnostic, as it is found. */
    public Builder onEveryDiagnostic(Consumer<Diagnostic> listener) {
      conversation.onEveryDiagnostic(listener);
      return this;
    }

    /** How many diagnostic occurrences the result keeps one by one (default 10 per code, 100 in all). */
    public Builder diagnosticLimits(DiagnosticLimits limits) {
      this.diagnosticLimits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** The most content blocks the message keeps (default {@link MessagesAccumulator#DEFAULT_MAX_BLOCKS}). */
    public Builder maxBlocks(int maxBlocks) {
      if (maxBlocks < 1) {
        throw new IllegalArgumentException("maxBlocks must be positive: " + maxBlocks);
      }
      this.maxBlocks = maxBlocks;
      return this;
    }

    /** Receives the events named {@code eventName}, such as a gateway's own progress events. */
    public Builder on(String eventName, Consumer<SseEvent> listener) {
      conversation.on(eventName, listener);
      return this;
    }

    /**
     * The largest event the parser buffers, in bytes (default 8 MiB). A larger event is dropped and recorded as an
     * {@link io.github.ssekit.sse.SseEventTooLargeException} in the result's errors; the stream goes on.
     */
    public Builder maxEventBytes(int bytes) {
      conversation.maxEventBytes(bytes);
      return this;
    }

    /** A new stream. */
    public MessagesStream build() {
      return new MessagesStream(this);
    }
  }
}
