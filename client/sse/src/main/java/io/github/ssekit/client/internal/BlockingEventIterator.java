package io.github.ssekit.client.internal;

import io.github.ssekit.client.EventIterator;
import io.github.ssekit.sse.SseEvent;

/** The SSE stream's {@link EventIterator}: the shared {@link BlockingIterator} under the public name. */
record BlockingEventIterator(BlockingIterator<SseEvent> events) implements EventIterator {

  @Override
  public boolean hasNext() {
    return events.hasNext();
  }

  @Override
  public SseEvent next() {
    return events.next();
  }

  @Override
  public void close() {
    events.close();
  }
}
