package io.github.ssekit.anthropic;

import io.github.ssekit.anthropic.internal.EventDecoder;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.protocol.DecodeOutcome;
import io.github.ssekit.sse.protocol.SseProtocol;
import io.github.ssekit.sse.protocol.StrictMode;

/**
 * The Anthropic Messages stream as an sse-core {@link SseProtocol}: it consumes the eight event names of the API
 * ({@code message_start}, {@code content_block_start}, {@code content_block_delta}, {@code content_block_stop},
 * {@code message_delta}, {@code message_stop}, {@code ping}, {@code error}) and unnamed events (reported: some
 * proxies drop the names; the payload's {@code type} says what each is). Any other name never reaches the decoder.
 *
 * <p>{@code ping} is a keep-alive, {@code error} an error carrying an {@link AnthropicStreamException}, the others
 * values ({@link AnthropicEvent}). Stateless: one instance serves every stream.
 */
public final class MessagesProtocol implements SseProtocol<AnthropicEvent> {
  private static final MessagesProtocol LENIENT = new MessagesProtocol();
  private static final SseProtocol<AnthropicEvent> STRICT =
      StrictMode.protocol(LENIENT, StrictModeException::new);

  private MessagesProtocol() {}

  /** The lenient protocol: every tolerated deviation is a diagnostic. */
  public static MessagesProtocol lenient() {
    return LENIENT;
  }

  /**
   * The protocol under sse-core's strict-mode rule, for callers who decode single events themselves: an event with
   * a diagnostic becomes a {@link StrictModeException}. A stream takes the lenient protocol and
   * {@code MessagesStream.builder().strict(true)}.
   */
  public static SseProtocol<AnthropicEvent> strict() {
    return STRICT;
  }

  @Override
  public boolean consumes(String eventType) {
    return EventDecoder.EVENT_NAMES.contains(eventType);
  }

  @Override
  public DecodeOutcome<AnthropicEvent> decode(SseEvent event) {
    return EventDecoder.decode(event);
  }

  @Override
  public String toString() {
    return "MessagesProtocol";
  }
}
