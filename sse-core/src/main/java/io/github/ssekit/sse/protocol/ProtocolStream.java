package io.github.ssekit.sse.protocol;

import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseException;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A whole stream of one protocol in one object, bytes in, the assembled result out: the typed facade over a
 * {@link ProtocolConversation} that each protocol module offers (protocol-openai's {@code ChatStream} and
 * {@code ResponsesStream}, protocol-anthropic's {@code MessagesStream}), written once. A protocol's facade extends it
 * and adds only its protocol, its refusal, its accumulator and the options of its own (a delta listener, a block
 * limit); feeding, ending, the transport's failure, cancelling and the builder's common options are here.
 *
 * <pre>{@code
 * ChatStream stream = ChatStream.builder().strict(true).build();   // a subclass
 * stream.feed(bytes);                                               // as often as bytes arrive
 * ChatResult result = stream.end();
 * }</pre>
 *
 * <p>Not thread-safe: feed it from one thread at a time.
 *
 * @param <S> the facade itself, which {@link #feed} returns
 * @param <T> the protocol's value type
 * @param <R> the result
 * @param <A> the accumulator, which {@link #accumulator()} returns
 */
public abstract class ProtocolStream<S extends ProtocolStream<S, T, R, A>, T, R,
    A extends StreamAccumulator<T, R>> {
  private final ProtocolConversation<T, R> conversation;
  private final A accumulator;

  /**
   * A stream with the options of {@code builder} that assembles its result with {@code accumulator}.
   *
   * @param builder the options
   * @param accumulator a fresh accumulator, made with {@link Builder#diagnosticLimits()}
   */
  protected ProtocolStream(Builder<?, T> builder, A accumulator) {
    this.accumulator = Objects.requireNonNull(accumulator, "accumulator");
    this.conversation = builder.conversation.build(accumulator);
  }

  /**
   * Feeds the next bytes of the stream.
   *
   * @param bytes the bytes, as they arrived
   * @return this stream
   * @throws IllegalStateException once the stream is over
   */
  public final S feed(byte[] bytes) {
    conversation.feed(bytes);
    return self();
  }

  /**
   * Feeds {@code length} bytes of {@code bytes} from {@code offset}.
   *
   * @param bytes holds the bytes
   * @param offset where they start
   * @param length how many there are
   * @return this stream
   * @throws IllegalStateException once the stream is over
   */
  public final S feed(byte[] bytes, int offset, int length) {
    conversation.feed(bytes, offset, length);
    return self();
  }

  /**
   * Ends the stream (the connection closed) and returns its result.
   *
   * @return the result; the same one on every later call
   */
  public final R end() {
    return conversation.end();
  }

  /**
   * A transport failure cut the stream: the partial result, {@code failure} its last error.
   *
   * @param failure what cut the stream
   * @return the result; if the stream was already over, that result, unchanged
   */
  public final R fail(SseException failure) {
    return conversation.fail(failure);
  }

  /**
   * The caller stopped the stream: the result holds what arrived.
   *
   * @return the result; if the stream was already over, that result
   */
  public final R cancel() {
    return conversation.cancel();
  }

  /**
   * The accumulator, for a look at its progress.
   *
   * @return the accumulator this stream assembles its result with
   */
  public final A accumulator() {
    return accumulator;
  }

  /**
   * The conversation this stream runs, for input as SSE events (it is an {@link io.github.ssekit.sse.SseHandler})
   * or a transport failure.
   *
   * @return the conversation
   */
  public final ProtocolConversation<T, R> conversation() {
    return conversation;
  }

  /**
   * Feeds each of {@code chunks} and ends the stream: what a facade's {@code decode(byte[]...)} does.
   *
   * @param chunks the complete stream, as consecutive byte chunks
   * @return the result
   */
  protected final R decodeAll(byte[]... chunks) {
    for (byte[] chunk : chunks) {
      conversation.feed(chunk);
    }
    return conversation.end();
  }

  @SuppressWarnings("unchecked")
  private S self() {
    return (S) this;
  }

  /**
   * Options of a {@link ProtocolStream} that every protocol has: lenient, no listener, the default diagnostic and
   * event size limits. A protocol's builder extends it with its own options and its {@code build()}.
   *
   * @param <B> the builder itself, which each option returns
   * @param <T> the protocol's value type
   */
  public abstract static class Builder<B extends Builder<B, T>, T> {
    private final ProtocolConversation.Builder<T> conversation;
    private DiagnosticLimits diagnosticLimits = DiagnosticLimits.DEFAULT;

    /**
     * A lenient builder for {@code protocol}.
     *
     * @param protocol the lenient protocol
     * @param refusal the protocol's error that refuses a diagnostic in strict mode
     */
    protected Builder(SseProtocol<T> protocol, Function<? super Diagnostic, ? extends StrictMode.Refusal> refusal) {
      this.conversation = ProtocolConversation.builder(protocol, refusal);
    }

    /**
     * Strict mode: every deviation is also an error (default: lenient); see {@link ProtocolConversation}.
     *
     * @param strict whether the stream is strict
     * @return this builder
     */
    public final B strict(boolean strict) {
      conversation.strict(strict);
      return self();
    }

    /**
     * Also sees every outcome (values, keep-alives, errors), after the accumulator, and the first occurrence of
     * each diagnostic code; see {@link ProtocolConversation}.
     *
     * @param listener the listener
     * @return this builder
     */
    public final B listener(ProtocolListener<T> listener) {
      conversation.listener(listener);
      return self();
    }

    /**
     * Sees the first occurrence of each diagnostic code, as it is found: once per code, in the order of the
     * result's {@code diagnostics()}, however often the provider repeats the deviation.
     *
     * @param listener the listener
     * @return this builder
     */
    public final B onDiagnostic(Consumer<Diagnostic> listener) {
      conversation.onDiagnostic(listener);
      return self();
    }

    /**
     * Sees every occurrence of every diagnostic, as it is found (once per event for a deviation in every event).
     *
     * @param listener the listener
     * @return this builder
     */
    public final B onEveryDiagnostic(Consumer<Diagnostic> listener) {
      conversation.onEveryDiagnostic(listener);
      return self();
    }

    /**
     * How many diagnostic occurrences the result keeps one by one in {@code diagnosticOccurrences()} (default
     * {@link DiagnosticLimits#DEFAULT}: 10 per code, 100 in all); counts are exact whatever the limits.
     *
     * @param limits the limits
     * @return this builder
     */
    public final B diagnosticLimits(DiagnosticLimits limits) {
      this.diagnosticLimits = Objects.requireNonNull(limits, "limits");
      return self();
    }

    /**
     * Receives the events named {@code eventName}, for names the protocol does not consume (such as a gateway's
     * own progress events, {@code hermes.tool.progress}).
     *
     * @param eventName the event name
     * @param listener called with each such event
     * @return this builder
     */
    public final B on(String eventName, Consumer<SseEvent> listener) {
      conversation.on(eventName, listener);
      return self();
    }

    /**
     * The largest event the parser buffers, in bytes (default 8 MiB). A larger event is dropped and recorded as
     * an {@link io.github.ssekit.sse.SseEventTooLargeException} in the result's errors; the stream goes on.
     *
     * @param bytes the limit
     * @return this builder
     */
    public final B maxEventBytes(int bytes) {
      conversation.maxEventBytes(bytes);
      return self();
    }

    /**
     * The diagnostic limits set: what a subclass's {@code build()} makes its accumulator with.
     *
     * @return the limits
     */
    protected final DiagnosticLimits diagnosticLimits() {
      return diagnosticLimits;
    }

    @SuppressWarnings("unchecked")
    private B self() {
      return (B) this;
    }
  }
}
