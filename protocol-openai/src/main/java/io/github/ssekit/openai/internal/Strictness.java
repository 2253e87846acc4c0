package io.github.ssekit.openai.internal;

import io.github.ssekit.openai.StrictModeException;
import io.github.ssekit.sse.protocol.DecodeOutcome;

/** The one place where strict mode turns a tolerated deviation into an error. */
public final class Strictness {
  private Strictness() {}

  /**
   * In strict mode, an outcome that carries diagnostics becomes an error for the first of them (an error outcome
   * stays as it is); otherwise the outcome is returned unchanged.
   */
  public static <T> DecodeOutcome<T> apply(boolean strict, DecodeOutcome<T> outcome) {
    if (!strict || outcome.diagnostics().isEmpty() || outcome.kind() == DecodeOutcome.Kind.ERROR) {
      return outcome;
    }
    return DecodeOutcome.error(new StrictModeException(outcome.diagnostics().get(0)), outcome.diagnostics());
  }
}
