package io.github.ssekit.openai;

import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.SseHandler;
import io.github.ssekit.sse.SseParser;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.protocol.Diagnostics;
import io.github.ssekit.sse.protocol.ProtocolConversation;
import io.github.ssekit.sse.protocol.ProtocolDispatcher;
import io.github.ssekit.sse.protocol.ProtocolListener;
import io.github.ssekit.sse.protocol.SseProtocol;
import io.github.ssekit.sse.protocol.StreamAccumulator;
import io.github.ssekit.sse.protocol.StrictMode;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One OpenAI-compatible stream, transport-free: the one place where a stream's events meet its protocol, its
 * accumulator, its listeners and strict mode, for those who pair an OpenAI protocol with an accumulator themselves
 * (a transport of their own, a benchmark); anything that delivers SSE events or bytes can feed it.
 * {@link io.github.ssekit.openai.chat.ChatStream} and {@link io.github.ssekit.openai.responses.ResponsesStream} (and
 * the Vert.x client) run the same sse-core {@link ProtocolConversation} with the same refusal, so the results are
 * the same.
 *
 * <p>In: SSE events ({@link #onEvent}, as a transport's parser delivers them; it is an {@link SseHandler}, so an
 * {@link SseParser} can report to it directly) and errors the transport recovered from ({@link #onError}, such as
 * an event over the size limit); or bytes ({@link #feed}, through a parser of its own). Each event goes through a
 * {@link ProtocolDispatcher} for the protocol: events of other names reach the listener registered for their name
 * ({@link Builder#on}), or are reported as ignored. Each outcome goes to the accumulator first, then to each
 * listener in the order added.
 *
 * <p>Out: the result, when the stream {@linkplain #end() ends}, when a transport failure {@linkplain #fail cuts}
 * it (the partial result is kept and the failure is its last error: a dropped connection keeps what arrived), or
 * when the caller {@linkplain #cancel() stops} it. The first of these decides; input after it is ignored (events)
 * or refused (bytes), and later calls return the same result. {@link #endReceived()} says whether the protocol's
 * end marker ({@code [DONE]}) arrived, after which a transport may close the connection at once.
 *
 * <p>Diagnostics are reported once per code. A listener's {@link ProtocolListener#onDiagnostic onDiagnostic} is
 * called at the first occurrence of each code, as it is found: the decoder's and the dispatcher's before the
 * outcome they belong to, and those the accumulator finds itself (a tool call whose id changed, a missing
 * {@code [DONE]}) while it applies a value or at the end. So what the listeners saw is what the result's
 * {@code diagnostics()} holds (one entry per code, with its count), in the same order; a provider that sends
 * {@code "role":""} in every chunk is reported once, not once per chunk. Those who want every occurrence register
 * {@link Builder#onEveryDiagnostic}: it is called for each one, after the listeners. Every occurrence is counted in
 * the accumulator's sse-core {@link Diagnostics}, which keeps them one by one only up to its
 * {@link io.github.ssekit.sse.protocol.DiagnosticLimits}, so a stream's memory stays bounded whatever it carries.
 *
 * <p><b>Strict mode</b> ({@link Builder#strict}) is applied here and nowhere else: each event is decoded under
 * sse-core's {@link StrictMode} rule (an event with a diagnostic becomes a {@link StrictModeException} refusing the
 * first of them; its value is withheld), and every diagnostic of the stream, wherever found, is also recorded in
 * the result's errors as a {@link StrictModeException}, right after it. The decoder's refusal of an event is the
 * refusal of that event's first diagnostic, already recorded: listeners see it, the result does not hold it twice.
 *
 * <p>It is the OpenAI face of sse-core's generic {@link ProtocolConversation}, which does all of the above; this
 * class gives it the OpenAI refusal, {@link StrictModeException}.
 *
 * <p>Not thread-safe: one thread (or one event loop) at a time.
 *
 * @param <T> the protocol's value type ({@code ChatChunk}, {@code ResponsesEvent})
 * @param <R> the result ({@code ChatResult}, {@code ResponsesResult})
 */
public final class OpenAiConversation<T, R> implements SseHandler {
  private final ProtocolConversation<T, R> conversation;
  private final SseProtocol<T> protocol;
  private final boolean strict;

  private OpenAiConversation(Builder<T> builder, StreamAccumulator<T, R> accumulator) {
    this.conversation = builder.builder.build(accumulator);
    this.protocol = builder.protocol;
    this.strict = builder.strict;
  }

  /**
   * A builder of a conversation with {@code protocol}: pass the lenient protocol
   * ({@code ChatCompletionsProtocol.lenient()}, {@code ResponsesProtocol.lenient()}); strict mode is
   * {@link Builder#strict}.
   *
   * @param protocol the stream's protocol
   * @param <T> its value type
   * @return a lenient builder with no listener
   */
  public static <T> Builder<T> builder(SseProtocol<T> protocol) {
    return new Builder<>(protocol);
  }

  /** The next event of the stream, as the transport's parser delivered it. Ignored once the stream is over. */
  @Override
  public void onEvent(SseEvent event) {
    conversation.onEvent(event);
  }

  /**
   * An error the transport recovered from (such as an event over the size limit, dropped): recorded, and the
   * stream goes on. Ignored once the stream is over.
   */
  @Override
  public void onError(SseException error) {
    conversation.onError(error);
  }

  /**
   * Feeds the next bytes of the stream to this conversation's own parser.
   *
   * @throws IllegalStateException once the stream is over
   */
  public OpenAiConversation<T, R> feed(byte[] bytes) {
    return feed(bytes, 0, bytes.length);
  }

  /**
   * Feeds {@code length} bytes of {@code bytes} from {@code offset}.
   *
   * @throws IllegalStateException once the stream is over
   */
  public OpenAiConversation<T, R> feed(byte[] bytes, int offset, int length) {
    conversation.feed(bytes, offset, length);
    return this;
  }

  /**
   * The stream ended (the body is over, or the protocol's end marker arrived): an unfinished block of fed bytes is
   * discarded, as the spec says, and the accumulator's end-of-stream checks run.
   *
   * @return the result; the same one on every later call
   */
  public R end() {
    return conversation.end();
  }

  /**
   * A transport failure (a lost connection, an idle timeout, a limit) cut the stream: the partial result, with
   * {@code failure} as its last error.
   *
   * @return the result; if the stream was already over, that result, unchanged
   */
  public R fail(SseException failure) {
    return conversation.fail(failure);
  }

  /**
   * The caller stopped the stream: the result holds what arrived (a message cut before its finish reason is
   * truncated).
   *
   * @return the result; if the stream was already over, that result
   */
  public R cancel() {
    return conversation.cancel();
  }

  /** Whether the protocol's end marker ({@code [DONE]}) arrived: the stream is over even if the connection is not. */
  public boolean endReceived() {
    return conversation.endReceived();
  }

  /** Whether the stream is over ({@link #end}, {@link #fail} or {@link #cancel} was called). */
  public boolean isOver() {
    return conversation.isOver();
  }

  @Override
  public String toString() {
    return "OpenAiConversation[" + protocol + (strict ? ", strict" : "") + "]";
  }

  /**
   * Options of an {@link OpenAiConversation}: lenient, no listener, the parser's default event size limit.
   *
   * @param <T> the protocol's value type
   */
  public static final class Builder<T> {
    private final SseProtocol<T> protocol;
    private final ProtocolConversation.Builder<T> builder;
    private boolean strict;

    private Builder(SseProtocol<T> protocol) {
      this.protocol = Objects.requireNonNull(protocol, "protocol");
      this.builder = ProtocolConversation.builder(protocol, StrictModeException::new);
    }

    /** Strict mode: every deviation is also an error (default: lenient). See {@link OpenAiConversation}. */
    public Builder<T> strict(boolean strict) {
      this.strict = strict;
      builder.strict(strict);
      return this;
    }

    /**
     * Also sees every outcome (values, keep-alives, ends, errors, ignored events), after the accumulator, and the
     * first occurrence of each diagnostic code (see {@link OpenAiConversation}; every occurrence is
     * {@link #onEveryDiagnostic}).
     */
    public Builder<T> listener(ProtocolListener<T> listener) {
      builder.listener(listener);
      return this;
    }

    /**
     * Sees the first occurrence of each diagnostic code as it is found, in the order of the result's
     * {@code diagnostics()}: a listener that takes only diagnostics.
     */
    public Builder<T> onDiagnostic(Consumer<Diagnostic> listener) {
      builder.onDiagnostic(listener);
      return this;
    }

    /**
     * Sees every occurrence of every diagnostic as it is found, in stream order, after the listeners: for those who
     * want each one (a provider's deviation repeated in every chunk calls it once per chunk). The result keeps them
     * only up to the accumulator's limits; this sees all of them.
     */
    public Builder<T> onEveryDiagnostic(Consumer<Diagnostic> listener) {
      builder.onEveryDiagnostic(listener);
      return this;
    }

    /** Receives the events named {@code eventName} (for example {@code hermes.tool.progress}). */
    public Builder<T> on(String eventName, Consumer<SseEvent> listener) {
      builder.on(eventName, listener);
      return this;
    }

    /**
     * The largest event the parser of {@link #feed} buffers, in bytes (default 8 MiB). A larger event is dropped and
     * recorded as an {@link io.github.ssekit.sse.SseEventTooLargeException} in the result's errors; the stream goes
     * on. (Events delivered by a transport are bounded by its own parser.)
     */
    public Builder<T> maxEventBytes(int bytes) {
      builder.maxEventBytes(bytes);
      return this;
    }

    /**
     * A new conversation that assembles its result with {@code accumulator}, which must be fresh: one per stream.
     *
     * @param accumulator the stream's accumulator, such as {@code new ChatAccumulator(deltas)}
     * @param <R> its result
     * @return the conversation
     */
    public <R> OpenAiConversation<T, R> build(StreamAccumulator<T, R> accumulator) {
      return new OpenAiConversation<>(this, accumulator);
    }
  }
}
