package io.github.ssekit.sse.protocol;

import io.github.ssekit.sse.SseEvent;

/**
 * A protocol carried over SSE: which event types it consumes, and how one event becomes a typed outcome.
 *
 * <p>Implementations must not throw for bad input: a malformed payload is an {@link DecodeOutcome.Kind#ERROR}
 * or a value with {@link Diagnostic}s, so one bad event never ends a stream by accident. They should be
 * stateless, so one instance can serve many streams.
 *
 * @param <T> the decoded value type (a chat chunk, a Responses event, an OpenCode event)
 */
public interface SseProtocol<T> {

  /**
   * Whether events of this type are this protocol's. Events of other types never reach {@link #decode}: the
   * {@link ProtocolDispatcher} hands them to listeners registered by name, or reports them as ignored.
   */
  boolean consumes(String eventType);

  /** Decodes one event of a consumed type. */
  DecodeOutcome<T> decode(SseEvent event);
}
