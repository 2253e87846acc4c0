package io.github.ssekit.sse.protocol;

import io.github.ssekit.sse.SseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one event meant to a protocol: a value, a keep-alive, the end of the stream, an error, or nothing (ignored),
 * each with the diagnostics found while decoding it.
 *
 * @param <T> the protocol's value type
 */
public final class DecodeOutcome<T> {

  /** The kinds of outcome. */
  public enum Kind {
    /** A decoded value: {@link #value()} is present. */
    VALUE,
    /** A keep-alive: the stream is alive, nothing to deliver. */
    KEEP_ALIVE,
    /** The protocol's end-of-stream marker (such as {@code [DONE]}). */
    END,
    /** The stream reported an error, or the event could not be used: {@link #error()} is present. */
    ERROR,
    /** Nothing to deliver (for example an extension payload); its diagnostics say why. */
    IGNORED
  }

  private final Kind kind;
  private final T value;
  private final SseException error;
  private final List<Diagnostic> diagnostics;

  private DecodeOutcome(Kind kind, T value, SseException error, List<Diagnostic> diagnostics) {
    this.kind = kind;
    this.value = value;
    this.error = error;
    this.diagnostics = List.copyOf(diagnostics);
  }

  public static <T> DecodeOutcome<T> value(T value, List<Diagnostic> diagnostics) {
    return new DecodeOutcome<>(Kind.VALUE, Objects.requireNonNull(value, "value"), null, diagnostics);
  }

  public static <T> DecodeOutcome<T> value(T value) {
    return value(value, List.of());
  }

  public static <T> DecodeOutcome<T> keepAlive(List<Diagnostic> diagnostics) {
    return new DecodeOutcome<>(Kind.KEEP_ALIVE, null, null, diagnostics);
  }

  public static <T> DecodeOutcome<T> end(List<Diagnostic> diagnostics) {
    return new DecodeOutcome<>(Kind.END, null, null, diagnostics);
  }

  public static <T> DecodeOutcome<T> error(SseException error, List<Diagnostic> diagnostics) {
    return new DecodeOutcome<>(Kind.ERROR, null, Objects.requireNonNull(error, "error"), diagnostics);
  }

  public static <T> DecodeOutcome<T> ignored(List<Diagnostic> diagnostics) {
    return new DecodeOutcome<>(Kind.IGNORED, null, null, diagnostics);
  }

  public Kind kind() {
    return kind;
  }

  /** The value, present exactly when the kind is {@link Kind#VALUE}. */
  public Optional<T> value() {
    return Optional.ofNullable(value);
  }

  /** The value, or null unless this is a {@link Kind#VALUE} outcome: for the dispatcher, without an Optional. */
  T valueOrNull() {
    return value;
  }

  /** The error, present exactly when the kind is {@link Kind#ERROR}. */
  public Optional<SseException> error() {
    return Optional.ofNullable(error);
  }

  /** The deviations found while decoding this event, in the order found. */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  @Override
  public String toString() {
    return "DecodeOutcome[" + kind + (value != null ? ", " + value : "") + (error != null ? ", " + error : "")
        + (diagnostics.isEmpty() ? "" : ", " + diagnostics) + "]";
  }
}
