package io.github.ssekit.openai.responses;

import io.github.ssekit.openai.OpenAiConversation;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.protocol.DiagnosticLimits;
import io.github.ssekit.sse.protocol.ProtocolListener;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A whole Responses API stream in one object: bytes in ({@link #feed}), the assembled {@link ResponsesResult}
 * out ({@link #end}). A typed facade over an {@link OpenAiConversation} with the {@link ResponsesProtocol} and a
 * {@link ResponsesAccumulator}, the object the client runs. Not thread-safe.
 */
public final class ResponsesStream {
  private final OpenAiConversation<ResponsesEvent, ResponsesResult> conversation;
  private final ResponsesAccumulator accumulator;

  private ResponsesStream(Builder builder) {
    this.accumulator = new ResponsesAccumulator(builder.deltas, builder.diagnosticLimits);
    this.conversation = builder.conversation.build(accumulator);
  }

  /** A builder with lenient defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Decodes a complete stream given as consecutive byte chunks, leniently. */
  public static ResponsesResult decode(byte[]... chunks) {
    ResponsesStream stream = builder().build();
    for (byte[] chunk : chunks) {
      stream.feed(chunk);
    }
    return stream.end();
  }

  /** Feeds the next bytes of the stream. */
  public ResponsesStream feed(byte[] bytes) {
    conversation.feed(bytes);
    return this;
  }

  /** Feeds {@code length} bytes of {@code bytes} from {@code offset}. */
  public ResponsesStream feed(byte[] bytes, int offset, int length) {
    conversation.feed(bytes, offset, length);
    return this;
  }

  /** Ends the stream and returns its result. */
  public ResponsesResult end() {
    return conversation.end();
  }

  /** The accumulator, for a look at its progress. */
  public ResponsesAccumulator accumulator() {
    return accumulator;
  }

  /** The conversation this stream runs, for input as SSE events or a transport failure. */
  public OpenAiConversation<ResponsesEvent, ResponsesResult> conversation() {
    return conversation;
  }

  /** Options of a {@link ResponsesStream}. */
  public static final class Builder {
    private final OpenAiConversation.Builder<ResponsesEvent> conversation =
        OpenAiConversation.builder(ResponsesProtocol.lenient());
    private ResponsesDeltaListener deltas = ResponsesDeltaListener.NONE;
    private DiagnosticLimits diagnosticLimits = DiagnosticLimits.DEFAULT;

    private Builder() {}

    /** Strict mode: every deviation is also an error (default: lenient); see {@link OpenAiConversation}. */
    public Builder strict(boolean strict) {
      conversation.strict(strict);
      return this;
    }

    /** Sees each text, reasoning, refusal and argument fragment as it arrives. */
    public Builder deltas(ResponsesDeltaListener deltas) {
      this.deltas = Objects.requireNonNull(deltas, "deltas");
      return this;
    }

    /**
     * Also sees every outcome (values, keep-alives, errors), after the accumulator, and the first occurrence of each
     * diagnostic code; see {@link OpenAiConversation}.
     */
    public Builder listener(ProtocolListener<ResponsesEvent> listener) {
      conversation.listener(listener);
      return this;
    }

    /**
     * Sees the first occurrence of each diagnostic code, as it is found: once per code, in the order of the
     * result's {@code diagnostics()}, however often the provider repeats the deviation.
     */
    public Builder onDiagnostic(Consumer<Diagnostic> listener) {
      conversation.onDiagnostic(listener);
      return this;
    }

    /** Sees every occurrence of every diagnostic, as it is found (once per chunk for a deviation in every chunk). */
    public Builder onEveryDiagnostic(Consumer<Diagnostic> listener) {
      conversation.onEveryDiagnostic(listener);
      return this;
    }

    /**
     * How many diagnostic occurrences the result keeps one by one in {@code diagnosticOccurrences()} (default
     * {@link DiagnosticLimits#DEFAULT}: 10 per code, 100 in all); counts are exact whatever the limits.
     */
    public Builder diagnosticLimits(DiagnosticLimits limits) {
      this.diagnosticLimits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** Receives the events named {@code eventName} (for names the protocol does not consume, such as {@code ping}). */
    public Builder on(String eventName, Consumer<SseEvent> listener) {
      conversation.on(eventName, listener);
      return this;
    }

    /**
     * The largest event the parser buffers, in bytes (default 8 MiB). A larger event is dropped and recorded as
     * an {@link io.github.ssekit.sse.SseEventTooLargeException} in the result's errors; the stream goes on.
     */
    public Builder maxEventBytes(int bytes) {
      conversation.maxEventBytes(bytes);
      return this;
    }

    /** A new stream. */
    public ResponsesStream build() {
      return new ResponsesStream(this);
    }
  }
}
