package io.github.ssekit.openai.responses;

import io.github.ssekit.openai.internal.Pipeline;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseParser;
import io.github.ssekit.sse.protocol.ProtocolListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A whole Responses API stream in one object: bytes in ({@link #feed}), the assembled {@link ResponsesResult}
 * out ({@link #end}). Wires an {@link SseParser}, a {@link io.github.ssekit.sse.protocol.ProtocolDispatcher} with
 * {@link ResponsesProtocol} and a {@link ResponsesAccumulator}. Not thread-safe.
 */
public final class ResponsesStream {
  private final SseParser parser;
  private final ResponsesAccumulator accumulator;

  private ResponsesStream(Builder builder) {
    this.accumulator = new ResponsesAccumulator(builder.strict, builder.deltas);
    List<ProtocolListener<ResponsesEvent>> listeners = new ArrayList<>();
    listeners.add(accumulator);
    listeners.addAll(builder.listeners);
    this.parser = Pipeline.parser(ResponsesProtocol.of(builder.strict), listeners, builder.named, builder.maxEventSize);
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
    parser.feed(bytes);
    return this;
  }

  /** Feeds {@code length} bytes of {@code bytes} from {@code offset}. */
  public ResponsesStream feed(byte[] bytes, int offset, int length) {
    parser.feed(bytes, offset, length);
    return this;
  }

  /** Ends the stream and returns its result. */
  public ResponsesResult end() {
    parser.end();
    return accumulator.finish();
  }

  /** The accumulator, for a look at its progress. */
  public ResponsesAccumulator accumulator() {
    return accumulator;
  }

  /** Options of a {@link ResponsesStream}. */
  public static final class Builder {
    private boolean strict;
    private int maxEventSize = SseParser.DEFAULT_MAX_EVENT_SIZE;
    private ResponsesDeltaListener deltas = ResponsesDeltaListener.NONE;
    private final List<ProtocolListener<ResponsesEvent>> listeners = new ArrayList<>();
    private final Map<String, Consumer<SseEvent>> named = new LinkedHashMap<>();

    private Builder() {}

    /** Strict mode: every deviation is also an error (default: lenient). */
    public Builder strict(boolean strict) {
      this.strict = strict;
      return this;
    }

    /** Sees each text, reasoning, refusal and argument fragment as it arrives. */
    public Builder deltas(ResponsesDeltaListener deltas) {
      this.deltas = Objects.requireNonNull(deltas, "deltas");
      return this;
    }

    /** Also sees every outcome, after the accumulator. */
    public Builder listener(ProtocolListener<ResponsesEvent> listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Receives the events named {@code eventName} (for names the protocol does not consume, such as {@code ping}). */
    public Builder on(String eventName, Consumer<SseEvent> listener) {
      named.put(Objects.requireNonNull(eventName, "eventName"), Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * The largest event the parser buffers, in bytes (default 8 MiB). A larger event is dropped and recorded as
     * an {@link io.github.ssekit.sse.SseEventTooLargeException} in the result's errors; the stream goes on.
     */
    public Builder maxEventSize(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxEventSize must be positive: " + bytes);
      }
      this.maxEventSize = bytes;
      return this;
    }

    /** A new stream. */
    public ResponsesStream build() {
      return new ResponsesStream(this);
    }
  }
}
