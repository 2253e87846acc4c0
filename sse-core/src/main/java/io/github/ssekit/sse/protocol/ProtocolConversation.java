package io.github.ssekit.sse.protocol;

import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.SseHandler;
import io.github.ssekit.sse.SseParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One stream of any protocol, transport-free: the one place where a stream's events meet its protocol, its
 * accumulator, its listeners and strict mode. A protocol module's stream object is a thin facade over it (such as
 * protocol-openai's {@code OpenAiConversation}), giving it the protocol's refusal: the error that refuses a
 * diagnostic in strict mode.
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
 * end marker (an {@link DecodeOutcome.Kind#END} outcome) arrived, after which a transport may close the connection
 * at once.
 *
 * <p>Diagnostics are reported once per code. A listener's {@link ProtocolListener#onDiagnostic onDiagnostic} is
 * called at the first occurrence of each code, as it is found: the decoder's and the dispatcher's before the
 * outcome they belong to, and those the accumulator finds itself while it applies a value or at the end. So what
 * the listeners saw is what the result's diagnostics hold (one entry per code, with its count), in the same order.
 * Those who want every occurrence register {@link Builder#onEveryDiagnostic}: it is called for each one, after the
 * listeners. Every occurrence is counted in the accumulator's {@link Diagnostics}, which keeps them one by one only
 * up to its {@link DiagnosticLimits}, so a stream's memory stays bounded whatever it carries.
 *
 * <p><b>Strict mode</b> ({@link Builder#strict}) is applied here and nowhere else: each event is decoded under
 * the {@link StrictMode} rule (an event with a diagnostic becomes the protocol's refusal of the first of them; its
 * value is withheld), and every diagnostic of the stream, wherever found, is also recorded in the result's errors
 * as a refusal, right after it. The decoder's refusal of an event is the refusal of that event's first
 * diagnostic, already recorded: listeners see it, the result does not hold it twice (it is recognised as a
 * {@link StrictMode.Refusal} of that very diagnostic, by identity, whether this conversation's strict view of the
 * protocol made it or a protocol that was strict already).
 *
 * <p>Not thread-safe: one thread (or one event loop) at a time.
 *
 * @param <T> the protocol's value type
 * @param <R> the result
 */
public final class ProtocolConversation<T, R> implements SseHandler {
  private final SseProtocol<T> protocol;
  /** The protocol's error that refuses a diagnostic in strict mode. */
  private final Function<? super Diagnostic, ? extends SseException> refusal;
  private final StreamAccumulator<T, R> accumulator;
  private final ProtocolListener<T> listeners;
  /** Called with every occurrence of every diagnostic; an array, so the hot path allocates no iterator. */
  private final Consumer<Diagnostic>[] everyDiagnostic;
  /** The accumulator's record: it says whether an occurrence is the first of its code. */
  private final Diagnostics diagnostics;
  private final boolean strict;
  private final int maxEventBytes;
  private final ProtocolDispatcher<T> dispatcher;
  /** Only for {@link #feed}: made on first use, since a transport that delivers events needs none. */
  private SseParser parser;
  /** In strict mode, the first diagnostic of the event being delivered: the one its decoder's refusal is about. */
  private Diagnostic firstOfEvent;
  private boolean endReceived;
  private R result;

  @SuppressWarnings("unchecked")
  private ProtocolConversation(Builder<T> builder, StreamAccumulator<T, R> accumulator) {
    this.protocol = builder.protocol;
    this.refusal = builder.refusal;
    this.accumulator = Objects.requireNonNull(accumulator, "accumulator");
    this.diagnostics = Objects.requireNonNull(accumulator.diagnostics(), "accumulator.diagnostics()");
    this.listeners = ProtocolListener.fanOut(builder.listeners);
    this.everyDiagnostic = builder.everyDiagnostic.toArray(new Consumer[0]);
    this.strict = builder.strict;
    this.maxEventBytes = builder.maxEventBytes;
    this.dispatcher = new ProtocolDispatcher<>(strict ? StrictMode.protocol(protocol, refusal)
        : protocol, new Router());
    builder.named.forEach(dispatcher::on);
    accumulator.onFoundDiagnostic(this::found);
  }

  /**
   * A builder of a conversation with {@code protocol}: pass the lenient protocol; strict mode is
   * {@link Builder#strict}.
   *
   * @param protocol the stream's protocol
   * @param refusal the protocol's error that refuses a diagnostic in strict mode (such as protocol-openai's
   *     {@code StrictModeException::new})
   * @param <T> its value type
   * @return a lenient builder with no listener
   */
  public static <T> Builder<T> builder(SseProtocol<T> protocol,
      Function<? super Diagnostic, ? extends StrictMode.Refusal> refusal) {
    return new Builder<>(protocol, refusal);
  }

  /** The next event of the stream, as the transport's parser delivered it. Ignored once the stream is over. */
  @Override
  public void onEvent(SseEvent event) {
    if (result == null) {
      dispatcher.onEvent(event);
    }
  }

  /**
   * An error the transport recovered from (such as an event over the size limit, dropped): recorded, and the
   * stream goes on. Ignored once the stream is over.
   */
  @Override
  public void onError(SseException error) {
    if (result == null) {
      dispatcher.onError(error);
    }
  }

  /**
   * Feeds the next bytes of the stream to this conversation's own parser.
   *
   * @throws IllegalStateException once the stream is over
   */
  public ProtocolConversation<T, R> feed(byte[] bytes) {
    return feed(bytes, 0, bytes.length);
  }

  /**
   * Feeds {@code length} bytes of {@code bytes} from {@code offset}.
   *
   * @throws IllegalStateException once the stream is over
   */
  public ProtocolConversation<T, R> feed(byte[] bytes, int offset, int length) {
    if (result != null) {
      throw new IllegalStateException("feed after the end of the stream");
    }
    if (parser == null) {
      parser = SseParser.builder().maxEventBytes(maxEventBytes).handler(this).build();
    }
    parser.feed(bytes, offset, length);
    return this;
  }

  /**
   * The stream ended (the body is over, or the protocol's end marker arrived): an unfinished block of fed bytes is
   * discarded, as the spec says, and the accumulator's end-of-stream checks run.
   *
   * @return the result; the same one on every later call
   */
  public R end() {
    if (result == null) {
      if (parser != null) {
        parser.end();
      }
      result = accumulator.finish();
    }
    return result;
  }

  /**
   * A transport failure (a lost connection, an idle timeout, a limit) cut the stream: the partial result, with
   * {@code failure} as its last error.
   *
   * @return the result; if the stream was already over, that result, unchanged
   */
  public R fail(SseException failure) {
    Objects.requireNonNull(failure, "failure");
    if (result == null) {
      result = accumulator.finish(failure);
    }
    return result;
  }

  /**
   * The caller stopped the stream: the result holds what arrived (a message cut before its finish reason is
   * truncated).
   *
   * @return the result; if the stream was already over, that result
   */
  public R cancel() {
    if (result == null) {
      result = accumulator.finish();
    }
    return result;
  }

  /** Whether the protocol's end marker arrived: the stream is over even if the connection is not. */
  public boolean endReceived() {
    return endReceived;
  }

  /** Whether the stream is over ({@link #end}, {@link #fail} or {@link #cancel} was called). */
  public boolean isOver() {
    return result != null;
  }

  @Override
  public String toString() {
    return "ProtocolConversation[" + protocol + (strict ? ", strict" : "") + "]";
  }

  /** A diagnostic the accumulator found and recorded itself: refused in strict mode, and shown to the listeners. */
  private void found(Diagnostic diagnostic) {
    if (strict) {
      accumulator.onError(refusal.apply(diagnostic));
    }
    report(diagnostic);
  }

  /**
   * A diagnostic the accumulator has just recorded, to the listeners if it is the first of its code, and to each
   * every-occurrence observer.
   */
  private void report(Diagnostic diagnostic) {
    if (diagnostics.count(diagnostic.code()) == 1) {
      listeners.onDiagnostic(diagnostic);
    }
    for (int i = 0; i < everyDiagnostic.length; i++) {
      everyDiagnostic[i].accept(diagnostic);
    }
  }

  /** The dispatcher's listener: each outcome to the accumulator, then to the listeners; strict mode on the way. */
  private final class Router implements ProtocolListener<T> {

    @Override
    public void onValue(T value) {
      firstOfEvent = null;
      accumulator.onValue(value);
      listeners.onValue(value);
    }

    @Override
    public void onDiagnostic(Diagnostic diagnostic) {
      accumulator.onDiagnostic(diagnostic);
      if (strict) {
        if (firstOfEvent == null) {
          firstOfEvent = diagnostic;
        }
        accumulator.onError(refusal.apply(diagnostic));
      }
      report(diagnostic);
    }

    @Override
    public void onKeepAlive() {
      firstOfEvent = null;
      accumulator.onKeepAlive();
      listeners.onKeepAlive();
    }

    @Override
    public void onEnd() {
      firstOfEvent = null;
      endReceived = true;
      accumulator.onEnd();
      listeners.onEnd();
    }

    @Override
    public void onError(SseException error) {
      // the strict decoder refused this event for its first diagnostic, which onDiagnostic has recorded as refused
      boolean refusedAlready = error instanceof StrictMode.Refusal refusal && refusal.diagnostic() == firstOfEvent;
      firstOfEvent = null;
      if (!refusedAlready) {
        accumulator.onError(error);
      }
      listeners.onError(error);
    }

    @Override
    public void onIgnored(SseEvent event) {
      firstOfEvent = null;
      accumulator.onIgnored(event);
      listeners.onIgnored(event);
    }
  }

  /**
   * Options of an {@link ProtocolConversation}: lenient, no listener, the parser's default event size limit.
   *
   * @param <T> the protocol's value type
   */
  public static final class Builder<T> {
    private final SseProtocol<T> protocol;
    private final Function<? super Diagnostic, ? extends SseException> refusal;
    private boolean strict;
    private int maxEventBytes = SseParser.DEFAULT_MAX_EVENT_BYTES;
    private final List<ProtocolListener<T>> listeners = new ArrayList<>();
    private final List<Consumer<Diagnostic>> everyDiagnostic = new ArrayList<>();
    private final Map<String, Consumer<SseEvent>> named = new LinkedHashMap<>();

    private Builder(SseProtocol<T> protocol, Function<? super Diagnostic, ? extends SseException> refusal) {
      this.protocol = Objects.requireNonNull(protocol, "protocol");
      this.refusal = Objects.requireNonNull(refusal, "refusal");
    }

    /** Strict mode: every deviation is also an error (default: lenient). See {@link ProtocolConversation}. */
    public Builder<T> strict(boolean strict) {
      this.strict = strict;
      return this;
    }

    /**
     * Also sees every outcome (values, keep-alives, ends, errors, ignored events), after the accumulator, and the
     * first occurrence of each diagnostic code (see {@link ProtocolConversation}; every occurrence is
     * {@link #onEveryDiagnostic}).
     */
    public Builder<T> listener(ProtocolListener<T> listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Sees the first occurrence of each diagnostic code as it is found, in the order of the result's
     * {@code diagnostics()}: a listener that takes only diagnostics.
     */
    public Builder<T> onDiagnostic(Consumer<Diagnostic> listener) {
      Objects.requireNonNull(listener, "listener");
      return listener(new ProtocolListener<>() {
        @Override
        public void onValue(T value) {}

        @Override
        public void onDiagnostic(Diagnostic diagnostic) {
          listener.accept(diagnostic);
        }
      });
    }

    /**
     * Sees every occurrence of every diagnostic as it is found, in stream order, after the listeners: for those who
     * want each one (a provider's deviation repeated in every chunk calls it once per chunk). The result keeps them
     * only up to the accumulator's limits; this sees all of them.
     */
    public Builder<T> onEveryDiagnostic(Consumer<Diagnostic> listener) {
      everyDiagnostic.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Receives the events named {@code eventName} (for example {@code hermes.tool.progress}). */
    public Builder<T> on(String eventName, Consumer<SseEvent> listener) {
      named.put(Objects.requireNonNull(eventName, "eventName"), Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * The largest event the parser of {@link #feed} buffers, in bytes (default 8 MiB). A larger event is dropped and
     * recorded as an {@link io.github.ssekit.sse.SseEventTooLargeException} in the result's errors; the stream goes
     * on. (Events delivered by a transport are bounded by its own parser.)
     */
    public Builder<T> maxEventBytes(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxEventBytes must be positive: " + bytes);
      }
      this.maxEventBytes = bytes;
      return this;
    }

    /**
     * A new conversation that assembles its result with {@code accumulator}, which must be fresh: one per stream.
     *
     * @param accumulator the stream's accumulator
     * @param <R> its result
     * @return the conversation
     */
    public <R> ProtocolConversation<T, R> build(StreamAccumulator<T, R> accumulator) {
      return new ProtocolConversation<>(this, accumulator);
    }
  }
}
