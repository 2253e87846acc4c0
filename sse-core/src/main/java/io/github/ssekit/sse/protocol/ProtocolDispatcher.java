package io.github.ssekit.sse.protocol;

import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.SseHandler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Routes parsed events to a {@link SseProtocol} and its outcomes to a {@link ProtocolListener}: the one place
 * where "a protocol consumes only its own event names" is enforced.
 *
 * <ul>
 *   <li>An event the protocol {@link SseProtocol#consumes consumes} is decoded; the outcome's diagnostics and then
 *       the outcome go to the listener.
 *   <li>Any other event never reaches the decoder. It goes to the listener registered for its name with
 *       {@link #on}; with none registered it is reported with an {@link Diagnostic#IGNORED_EVENT} diagnostic and
 *       {@link ProtocolListener#onIgnored}. It is never an error.
 *   <li>A decoder that throws (a bug) yields an {@link Diagnostic#DECODER_FAILURE} diagnostic and an error; the
 *       stream goes on.
 *   <li>Errors the parser recovered from (such as an {@link io.github.ssekit.sse.SseEventTooLargeException}) reach
 *       {@link ProtocolListener#onError} too, so a listener sees everything that went wrong in one place.
 * </ul>
 *
 * <p>It is an {@link SseHandler}, so it plugs straight into {@link io.github.ssekit.sse.SseParser}.
 *
 * @param <T> the protocol's value type
 */
public final class ProtocolDispatcher<T> implements SseHandler {
  private final SseProtocol<T> protocol;
  private final ProtocolListener<T> listener;
  private final Map<String, Consumer<SseEvent>> named = new HashMap<>();

  public ProtocolDispatcher(SseProtocol<T> protocol, ProtocolListener<T> listener) {
    this.protocol = Objects.requireNonNull(protocol, "protocol");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Listens to events named {@code type}. For a type the protocol consumes, the listener sees the raw event
   * before it is decoded; for any other type, the listener replaces the "ignored" report.
   */
  public ProtocolDispatcher<T> on(String type, Consumer<SseEvent> eventListener) {
    named.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(eventListener, "eventListener"));
    return this;
  }

  @Override
  public void onEvent(SseEvent event) {
    Consumer<SseEvent> byName = named.get(event.type());
    if (!protocol.consumes(event.type())) {
      if (byName != null) {
        byName.accept(event);
      } else {
        listener.onDiagnostic(Diagnostic.of(Diagnostic.IGNORED_EVENT,
            "ignored an event of type '" + event.type() + "', which this protocol does not consume", event.data()));
        listener.onIgnored(event);
      }
      return;
    }
    if (byName != null) {
      byName.accept(event);
    }
    deliver(decode(event), event);
  }

  @Override
  public void onError(SseException error) {
    listener.onError(error);
  }

  /** Hands an outcome to the listener: its diagnostics first, then the outcome itself. */
  private void deliver(DecodeOutcome<T> outcome, SseEvent event) {
    for (Diagnostic d : outcome.diagnostics()) {
      listener.onDiagnostic(d);
    }
    switch (outcome.kind()) {
      case VALUE:
        // the field, not value(): an Optional per event otherwise, unless the JIT happens to elide it
        listener.onValue(outcome.valueOrNull());
        break;
      case KEEP_ALIVE:
        listener.onKeepAlive();
        break;
      case END:
        listener.onEnd();
        break;
      case ERROR:
        listener.onError(outcome.error().orElseThrow());
        break;
      case IGNORED:
        listener.onIgnored(event);
        break;
      default:
        throw new AssertionError(outcome.kind());
    }
  }

  private DecodeOutcome<T> decode(SseEvent event) {
    try {
      return protocol.decode(event);
    } catch (RuntimeException e) {
      String message = "the " + protocol.getClass().getSimpleName() + " decoder failed: " + e;
      return DecodeOutcome.error(new SseException(message, e),
          List.of(Diagnostic.of(Diagnostic.DECODER_FAILURE, message, event.data())));
    }
  }
}
