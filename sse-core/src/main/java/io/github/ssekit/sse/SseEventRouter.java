package io.github.ssekit.sse;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Delivers events to handlers registered by event type, like {@code EventSource.addEventListener}.
 *
 * <p>Events without an {@code event} field have the type {@code message} ({@link #onMessage}). An event whose
 * type nobody registered for is not an error: it goes to the {@link #onUnhandled} handler when there is one, and
 * is counted either way ({@link #unhandledCount()}).
 *
 * <pre>{@code
 * SseEventRouter router = new SseEventRouter()
 *     .onMessage(e -> chunks.add(e.data()))
 *     .on("hermes.tool.progress", e -> progress(e.data()));
 * SseParser parser = SseParser.create(router);
 * }</pre>
 *
 * <p>Register handlers before events flow; the router is not meant to be changed while it dispatches.
 */
public final class SseEventRouter implements SseHandler {
  private final Map<String, Consumer<SseEvent>> handlers = new HashMap<>();
  private final AtomicLong unhandled = new AtomicLong();
  private Consumer<SseEvent> unhandledHandler = e -> {};

  /** Handles events of {@code type}, replacing an earlier handler for it. */
  public SseEventRouter on(String type, Consumer<SseEvent> handler) {
    Objects.requireNonNull(type, "type");
    handlers.put(type, Objects.requireNonNull(handler, "handler"));
    return this;
  }

  /** Handles events of the default type {@code message}. */
  public SseEventRouter onMessage(Consumer<SseEvent> handler) {
    return on(SseEvent.DEFAULT_TYPE, handler);
  }

  /** Receives the events whose type has no handler. */
  public SseEventRouter onUnhandled(Consumer<SseEvent> handler) {
    this.unhandledHandler = Objects.requireNonNull(handler, "handler");
    return this;
  }

  /** Whether a handler is registered for {@code type}. */
  public boolean handles(String type) {
    return handlers.containsKey(type);
  }

  /** How many events found no handler so far. */
  public long unhandledCount() {
    return unhandled.get();
  }

  @Override
  public void onEvent(SseEvent event) {
    Consumer<SseEvent> handler = handlers.get(event.type());
    if (handler != null) {
      handler.accept(event);
    } else {
      unhandled.incrementAndGet();
      unhandledHandler.accept(event);
    }
  }
}
