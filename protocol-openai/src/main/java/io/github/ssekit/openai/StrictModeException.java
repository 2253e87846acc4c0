package io.github.ssekit.openai;

import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.protocol.StrictMode;

/**
 * In strict mode, a tolerated deviation becomes this error instead of a mere diagnostic. The diagnostic is kept,
 * so strict and lenient runs report the same code (sse-core's
 * {@link StrictMode.Refusal} holds it).
 */
public class StrictModeException extends StrictMode.Refusal {
  private static final long serialVersionUID = 1L;

  /** An error for {@code diagnostic}. */
  public StrictModeException(Diagnostic diagnostic) {
    super(diagnostic);
  }
}
