package io.github.ssekit.client.internal;

import io.github.ssekit.client.EventIterator;
import io.github.ssekit.client.SseStream;
import io.github.ssekit.sse.SseEvent;

/** The SSE stream's {@link EventIterator}: the shared {@link BlockingIterator} under the public name. */
final class BlockingEventIterator extends BlockingIterator<SseEvent> implements EventIterator {

  BlockingEventIterator(SseStream stream, int capacity) {
    super(stream, stream::cancel, capacity);
  }
}
