package io.github.ssekit.client.internal;

import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.protocol.Diagnostics;
import io.github.ssekit.sse.protocol.StreamAccumulator;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * An accumulator whose result never shows the request's credentials in an error a provider sent inside the stream:
 * each error is redacted by the binding (field by field, after decoding: a key echoed as {@code "\u0073k-..."}
 * included) before it is recorded, and so is each diagnostic's message and excerpt. Everything else goes to the
 * protocol's accumulator unchanged.
 *
 * @param <T> the protocol's value type
 * @param <R> the assembled result
 */
public final class RedactingAccumulator<T, R> implements StreamAccumulator<T, R> {
  private final StreamAccumulator<T, R> accumulator;
  private final UnaryOperator<String> text;
  private final UnaryOperator<String> json;
  private final UnaryOperator<SseException> errors;

  /**
   * @param accumulator the protocol's accumulator
   * @param text a text with the credentials cut out
   * @param json a JSON text with the credentials cut out after decoding
   * @param errors an error with the credentials cut out (the same object when it shows none)
   */
  public RedactingAccumulator(StreamAccumulator<T, R> accumulator, UnaryOperator<String> text,
      UnaryOperator<String> json, UnaryOperator<SseException> errors) {
    this.accumulator = accumulator;
    this.text = text;
    this.json = json;
    this.errors = errors;
  }

  @Override
  public void onValue(T value) {
    accumulator.onValue(value);
  }

  @Override
  public void onDiagnostic(Diagnostic diagnostic) {
    String message = text.apply(diagnostic.message());
    String excerpt = json.apply(diagnostic.excerpt());
    accumulator.onDiagnostic(message.equals(diagnostic.message()) && excerpt.equals(diagnostic.excerpt())
        ? diagnostic : Diagnostic.of(diagnostic.code(), message, excerpt));
  }

  @Override
  public void onKeepAlive() {
    accumulator.onKeepAlive();
  }

  @Override
  public void onEnd() {
    accumulator.onEnd();
  }

  @Override
  public void onError(SseException error) {
    accumulator.onError(errors.apply(error));
  }

  @Override
  public void onIgnored(SseEvent event) {
    accumulator.onIgnored(event);
  }

  @Override
  public void onFoundDiagnostic(Consumer<Diagnostic> observer) {
    accumulator.onFoundDiagnostic(observer);
  }

  @Override
  public Diagnostics diagnostics() {
    return accumulator.diagnostics();
  }

  @Override
  public R finish() {
    return accumulator.finish();
  }

  @Override
  public R finish(SseException failure) {
    return accumulator.finish(failure);
  }
}
