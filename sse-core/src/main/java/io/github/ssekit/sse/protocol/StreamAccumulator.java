package io.github.ssekit.sse.protocol;

import io.github.ssekit.sse.SseException;
import java.util.function.Consumer;

/**
 * Assembles the outcomes of one stream into its result (a chat message, a Responses output, an OpenCode reply):
 * the part of a protocol module that a generic stream driver runs, whatever the protocol.
 *
 * <p>The contract:
 * <ul>
 *   <li>As a {@link ProtocolListener} it receives the stream's outcomes in order and records every diagnostic
 *       ({@link #onDiagnostic}) in its {@link #diagnostics()}, and every error ({@link #onError}) it is given, in
 *       the order given. The result's diagnostics are made from that record: one summary per code with its count,
 *       and the occurrences up to the record's {@link DiagnosticLimits}.
 *   <li>A diagnostic it finds itself, while assembling a value or at the end, it records the same way and then
 *       hands to the observer set with {@link #onFoundDiagnostic}, before going on: a driver passes it on to its
 *       listeners, and in strict mode refuses it (through {@link #onError}), as it does with every other
 *       diagnostic. The accumulator itself knows nothing of strict mode.
 *   <li>{@link #finish()} ends the stream: the end-of-stream checks (a missing end marker, a cut-off message),
 *       then the result, partial if the stream was. {@link #finish(SseException)} does the same for a stream a
 *       transport failure cut: the partial result is kept and the failure is its last error. The first call
 *       decides; later calls return the same result.
 * </ul>
 *
 * <p>One per stream; not thread-safe.
 *
 * @param <T> the protocol's value type
 * @param <R> the result
 */
public interface StreamAccumulator<T, R> extends ProtocolListener<T> {

  /**
   * Sets the observer of the diagnostics this accumulator finds itself (by default none). Set it before the
   * first outcome.
   *
   * @param observer called with each such diagnostic, right after it was recorded
   */
  void onFoundDiagnostic(Consumer<Diagnostic> observer);

  /**
   * The record of this stream's diagnostics, live: every diagnostic given or found so far has been recorded in it
   * by the time the call that brought it returns (or, for a found one, before the observer is called). The same
   * object for the life of the accumulator. A driver reads it, for example to call its listeners only at the
   * first occurrence of each code ({@code diagnostics().count(code) == 1} right after recording); it does not
   * record into it.
   *
   * @return the record
   */
  Diagnostics diagnostics();

  /**
   * Ends the stream and returns its result.
   *
   * @return the result; the same one on every later call
   */
  R finish();

  /**
   * Ends a stream that a transport failure (a lost connection, an idle timeout) cut: the result of
   * {@link #finish()} with {@code failure} appended as its last error.
   *
   * @param failure what cut the stream
   * @return the result; a later call returns the same one
   */
  R finish(SseException failure);
}
