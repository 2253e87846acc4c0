package io.github.ssekit.client.openai.internal;

import io.github.ssekit.openai.ProviderStreamException;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.protocol.Diagnostics;
import io.github.ssekit.sse.protocol.StreamAccumulator;
import java.util.function.Consumer;

/**
 * An accumulator whose result never shows the request's credentials in an error a provider sent inside the stream:
 * each {@link ProviderStreamException} is redacted field by field after decoding (a key echoed as
 * {@code "\u0073k-..."} in its {@code type} included) before it is recorded, and so is each diagnostic's message.
 * Everything else goes to the protocol's accumulator unchanged.
 */
final class RedactingAccumulator<T, R> implements StreamAccumulator<T, R> {
  private final StreamAccumulator<T, R> accumulator;
  private final DecodedSecrets secrets;

  RedactingAccumulator(StreamAccumulator<T, R> accumulator, DecodedSecrets secrets) {
    this.accumulator = accumulator;
    this.secrets = secrets;
  }

  @Override
  public void onValue(T value) {
    accumulator.onValue(value);
  }

  @Override
  public void onDiagnostic(Diagnostic diagnostic) {
    String message = secrets.text(diagnostic.message());
    String excerpt = secrets.json(diagnostic.excerpt());
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
    accumulator.onError(error instanceof ProviderStreamException provider ? secrets.error(provider) : error);
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
