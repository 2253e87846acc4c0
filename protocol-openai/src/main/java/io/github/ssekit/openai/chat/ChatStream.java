package io.github.ssekit.openai.chat;

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
 * A whole Chat Completions stream in one object: bytes in ({@link #feed}), the assembled {@link ChatResult} out
 * ({@link #end}). It wires an {@link SseParser}, a {@link io.github.ssekit.sse.protocol.ProtocolDispatcher} with
 * {@link ChatCompletionsProtocol}, and a {@link ChatAccumulator}; use those directly for other arrangements.
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
public final class ChatStream {
  private final SseParser parser;
  private final ChatAccumulator accumulator;

  private ChatStream(Builder builder) {
    this.accumulator = new ChatAccumulator(builder.strict, builder.deltas);
    List<ProtocolListener<ChatChunk>> listeners = new ArrayList<>();
    listeners.add(accumulator);
    listeners.addAll(builder.listeners);
    this.parser = Pipeline.parser(ChatCompletionsProtocol.of(builder.strict), listeners, builder.named,
        builder.maxEventSize);
  }

  /** A builder with lenient defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Decodes a complete stream given as consecutive byte chunks, leniently. */
  public static ChatResult decode(byte[]... chunks) {
    ChatStream stream = builder().build();
    for (byte[] chunk : chunks) {
      stream.feed(chunk);
    }
    return stream.end();
  }

  /** Feeds the next bytes of the stream. */
  public ChatStream feed(byte[] bytes) {
    parser.feed(bytes);
    return this;
  }

  /** Feeds {@code length} bytes of {@code bytes} from {@code offset}. */
  public ChatStream feed(byte[] bytes, int offset, int length) {
    parser.feed(bytes, offset, length);
    return this;
  }

  /** Ends the stream (the connection closed) and returns its result. */
  public ChatResult end() {
    parser.end();
    return accumulator.finish();
  }

  /** The accumulator, for a look at its progress. */
  public ChatAccumulator accumulator() {
    return accumulator;
  }

  /** Options of a {@link ChatStream}. */
  public static final class Builder {
    private boolean strict;
    private int maxEventSize = SseParser.DEFAULT_MAX_EVENT_SIZE;
    private ChatDeltaListener deltas = ChatDeltaListener.NONE;
    private final List<ProtocolListener<ChatChunk>> listeners = new ArrayList<>();
    private final Map<String, Consumer<SseEvent>> named = new LinkedHashMap<>();

    private Builder() {}

    /** Strict mode: every deviation is also an error (default: lenient). */
    public Builder strict(boolean strict) {
      this.strict = strict;
      return this;
    }

    /** Sees each text, reasoning, refusal and tool-argument fragment as it arrives. */
    public Builder deltas(ChatDeltaListener deltas) {
      this.deltas = Objects.requireNonNull(deltas, "deltas");
      return this;
    }

    /** Also sees every outcome (chunks, diagnostics, keep-alives, errors), after the accumulator. */
    public Builder listener(ProtocolListener<ChatChunk> listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Receives the events named {@code eventName} (for example {@code hermes.tool.progress}). */
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
    public ChatStream build() {
      return new ChatStream(this);
    }
  }
}
