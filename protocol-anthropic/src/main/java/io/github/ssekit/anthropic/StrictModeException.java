package io.github.ssekit.anthropic;

import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.protocol.StrictMode;
import java.util.Objects;

/**
 * In strict mode, a tolerated deviation of a Messages stream becomes this error instead of a mere diagnostic. The
 * diagnostic is kept, so strict and lenient runs report the same code.
 */
public class StrictModeException extends SseException implements StrictMode.Refusal {
  private static final long serialVersionUID = 1L;

  private final transient Diagnostic diagnostic;

  /** An error for {@code diagnostic}. */
  public StrictModeException(Diagnostic diagnostic) {
    super("strict mode: " + Objects.requireNonNull(diagnostic, "diagnostic").code() + ": " + diagnostic.message());
    this.diagnostic = diagnostic;
  }

  /** The deviation that strict mode refused. */
  @Override
  public Diagnostic diagnostic() {
    return diagnostic;
  }
}
