package io.github.ssekit.sse.protocol;

import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseException;
import java.util.Objects;
import java.util.function.Function;

/**
 * The strict-mode rule, written once for every protocol: a tolerated deviation becomes an error.
 *
 * <p>For one event: an outcome that carries diagnostics becomes an {@linkplain DecodeOutcome.Kind#ERROR error}
 * refusing the <em>first</em> of them, and keeps them all (so a strict run reports the same diagnostics as a
 * lenient one); its value, keep-alive, end or "ignored" is withheld. An error outcome stays as it is: it is
 * already an error, and its own error (a provider's message) says more than a refusal would.
 *
 * <p>What a refusal is belongs to the protocol module ({@code refusal}, such as protocol-openai's
 * {@code StrictModeException::new}): this package holds no protocol's types. A stream driver that also wants
 * the diagnostics found outside decoding refused (those of the {@link ProtocolDispatcher} or of an
 * {@link StreamAccumulator}) refuses each with the same function.
 */
public final class StrictMode {
  private StrictMode() {}

  /**
   * The error that refuses a diagnostic in strict mode, with the diagnostic kept (so strict and lenient runs report
   * the same code). A protocol module's refusal extends it (protocol-openai's and protocol-anthropic's
   * {@code StrictModeException}), so a stream driver ({@link ProtocolConversation}) recognises the decoder's refusal
   * of a diagnostic it has already recorded, whatever the protocol.
   */
  public static class Refusal extends SseException {
    private static final long serialVersionUID = 1L;

    private final transient Diagnostic diagnostic;

    /**
     * A refusal of {@code diagnostic}.
     *
     * @param diagnostic the deviation refused
     */
    public Refusal(Diagnostic diagnostic) {
      super("strict mode: " + Objects.requireNonNull(diagnostic, "diagnostic").code() + ": "
          + diagnostic.message());
      this.diagnostic = diagnostic;
    }

    /**
     * The deviation that strict mode refused.
     *
     * @return the diagnostic, the very object that was refused
     */
    public Diagnostic diagnostic() {
      return diagnostic;
    }
  }

  /**
   * {@code outcome} under strict mode: unchanged when it has no diagnostic or is an error, else an error for its
   * first diagnostic with all its diagnostics.
   *
   * @param outcome what the lenient decoder made of one event
   * @param refusal the error that refuses a diagnostic
   * @param <T> the protocol's value type
   * @return the outcome strict mode lets through
   */
  public static <T> DecodeOutcome<T> apply(DecodeOutcome<T> outcome,
      Function<? super Diagnostic, ? extends SseException> refusal) {
    if (outcome.diagnostics().isEmpty() || outcome.kind() == DecodeOutcome.Kind.ERROR) {
      return outcome;
    }
    return DecodeOutcome.error(refusal.apply(outcome.diagnostics().get(0)), outcome.diagnostics());
  }

  /**
   * {@code protocol} with {@link #apply} applied to each outcome: the same event names, a strict decoder.
   * Applying it to a protocol that is already strict changes nothing (its refusals are errors already).
   *
   * @param protocol the protocol
   * @param refusal the error that refuses a diagnostic
   * @param <T> the protocol's value type
   * @return the strict protocol
   */
  public static <T> SseProtocol<T> protocol(SseProtocol<T> protocol,
      Function<? super Diagnostic, ? extends SseException> refusal) {
    return new Strict<>(Objects.requireNonNull(protocol, "protocol"), Objects.requireNonNull(refusal, "refusal"));
  }

  /** A strict view of a protocol. */
  private static final class Strict<T> implements SseProtocol<T> {
    private final SseProtocol<T> protocol;
    private final Function<? super Diagnostic, ? extends SseException> refusal;

    Strict(SseProtocol<T> protocol, Function<? super Diagnostic, ? extends SseException> refusal) {
      this.protocol = protocol;
      this.refusal = refusal;
    }

    @Override
    public boolean consumes(String eventType) {
      return protocol.consumes(eventType);
    }

    @Override
    public DecodeOutcome<T> decode(SseEvent event) {
      return apply(protocol.decode(event), refusal);
    }

    @Override
    public String toString() {
      return "strict " + protocol;
    }
  }
}
