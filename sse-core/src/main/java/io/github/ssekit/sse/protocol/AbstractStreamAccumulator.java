package io.github.ssekit.sse.protocol;

import io.github.ssekit.sse.SseException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The part of a {@link StreamAccumulator} that is the same for every protocol, written once: the stream's
 * {@link Diagnostics} and {@link StreamErrors}, the observer of the diagnostics the accumulator finds itself, and
 * the rule that the first {@link #finish()} decides the result. Each protocol's accumulator (Chat Completions,
 * Responses, Anthropic Messages) extends it and holds only how its values become its result: {@link #onValue} and
 * {@link #complete}.
 *
 * <p>What it does for a subclass:
 * <ul>
 *   <li>{@link #onDiagnostic} records a given diagnostic; {@link #onError} records a given error; {@link #found}
 *       records a diagnostic the subclass found itself and hands it to the observer, as the contract of
 *       {@link StreamAccumulator} requires.
 *   <li>{@link #finish()} and {@link #finish(SseException)} call {@link #complete} once, and return its result on
 *       every later call.
 * </ul>
 *
 * <p>One per stream; not thread-safe.
 *
 * @param <T> the protocol's value type
 * @param <R> the result
 */
public abstract class AbstractStreamAccumulator<T, R> implements StreamAccumulator<T, R> {
  private static final Consumer<Diagnostic> NO_OBSERVER = d -> { };

  private final Diagnostics diagnostics;
  /** Bounded by the diagnostic limits unless a subclass says otherwise: in strict mode each diagnostic is an error. */
  private final StreamErrors errors;
  private Consumer<Diagnostic> foundObserver = NO_OBSERVER;
  private R result;

  /**
   * An accumulator that keeps diagnostic occurrences and errors up to {@code limits} (see {@link StreamErrors}).
   *
   * @param limits how many diagnostic occurrences (and errors) the result keeps one by one; counts are exact
   */
  protected AbstractStreamAccumulator(DiagnosticLimits limits) {
    this(limits, new StreamErrors(limits));
  }

  /**
   * An accumulator that keeps diagnostic occurrences up to {@code limits} and errors in {@code errors}, for a
   * result that keeps its errors by other limits than its diagnostics.
   *
   * @param limits how many diagnostic occurrences the result keeps one by one; counts are exact
   * @param errors the stream's record of errors, empty
   */
  protected AbstractStreamAccumulator(DiagnosticLimits limits, StreamErrors errors) {
    this.diagnostics = new Diagnostics(Objects.requireNonNull(limits, "limits"));
    this.errors = Objects.requireNonNull(errors, "errors");
  }

  @Override
  public final void onFoundDiagnostic(Consumer<Diagnostic> observer) {
    this.foundObserver = Objects.requireNonNull(observer, "observer");
  }

  /** Records {@code diagnostic} in {@link #diagnostics()}. */
  @Override
  public final void onDiagnostic(Diagnostic diagnostic) {
    diagnostics.record(diagnostic);
  }

  /** Records {@code error} in the stream's errors ({@link #errors()}). */
  @Override
  public final void onError(SseException error) {
    errors.add(error);
  }

  /** The record of this stream's diagnostics so far (see {@link StreamAccumulator#diagnostics()}). */
  @Override
  public final Diagnostics diagnostics() {
    return diagnostics;
  }

  /**
   * The record of this stream's errors so far: what {@link #complete} puts in the result.
   *
   * @return the record, the same object for the life of the accumulator
   */
  protected final StreamErrors errors() {
    return errors;
  }

  /**
   * Records a diagnostic found here (not received) and tells the observer set with {@link #onFoundDiagnostic},
   * which may, in strict mode, record a refusal of it through {@link #onError} before this returns.
   *
   * @param diagnostic what the subclass found
   */
  protected final void found(Diagnostic diagnostic) {
    diagnostics.record(diagnostic);
    foundObserver.accept(diagnostic);
  }

  /**
   * Ends the stream and returns its result, made by {@link #complete} on the first call.
   *
   * @return the result; the same one on every later call
   */
  @Override
  public final R finish() {
    if (result == null) {
      result = complete(null);
    }
    return result;
  }

  /**
   * Ends a stream that a transport failure cut: the result {@link #complete} makes with {@code failure}.
   *
   * @param failure what cut the stream
   * @return the result; if the stream was already over, that result, unchanged
   */
  @Override
  public final R finish(SseException failure) {
    Objects.requireNonNull(failure, "failure");
    if (result == null) {
      result = complete(failure);
    }
    return result;
  }

  /**
   * Makes the result, once: the end-of-stream checks (through {@link #found}), then the result from what was
   * assembled, {@link #diagnostics()} and {@link #errors()}. A failure is recorded by the subclass, after its
   * checks, usually with {@link StreamErrors#addLast}.
   *
   * @param failure what cut the stream, or null when it ended or was stopped
   * @return the result, not null
   */
  protected abstract R complete(SseException failure);
}
