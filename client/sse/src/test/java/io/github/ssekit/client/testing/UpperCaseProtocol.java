package io.github.ssekit.client.testing;

import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.protocol.DecodeOutcome;
import io.github.ssekit.sse.protocol.SseProtocol;
import java.util.List;
import java.util.Locale;

/** A toy protocol: unnamed events are values (their data in upper case), {@code [DONE]} ends the stream. */
public final class UpperCaseProtocol implements SseProtocol<String> {
  @Override
  public boolean consumes(String eventType) {
    return SseEvent.DEFAULT_TYPE.equals(eventType);
  }

  @Override
  public DecodeOutcome<String> decode(SseEvent event) {
    return "[DONE]".equals(event.data()) ? DecodeOutcome.end(List.of())
        : DecodeOutcome.value(event.data().toUpperCase(Locale.ROOT));
  }
}
