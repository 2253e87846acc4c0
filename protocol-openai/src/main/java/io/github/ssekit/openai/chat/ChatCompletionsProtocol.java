package io.github.ssekit.openai.chat;

import io.github.ssekit.openai.StrictModeException;
import io.github.ssekit.openai.internal.ChatChunkDecoder;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.protocol.DecodeOutcome;
import io.github.ssekit.sse.protocol.StrictMode;
import io.github.ssekit.sse.protocol.SseProtocol;

/**
 * The Chat Completions stream protocol ({@code POST /v1/chat/completions} with {@code "stream": true}).
 *
 * <p>Consumes unnamed ({@code message}) and {@code error} events; any other event name never reaches the decoder
 * (see {@link io.github.ssekit.sse.protocol.ProtocolDispatcher}). Each event's data becomes:
 * <ul>
 *   <li>{@code [DONE]}: {@linkplain DecodeOutcome.Kind#END the end};
 *   <li>an error payload ({@code {"error":...}}, {@code object:"error"}, {@code error_type}/{@code error_message},
 *       an error in a choice, any {@code error} event): {@linkplain DecodeOutcome.Kind#ERROR an error} carrying a
 *       {@link io.github.ssekit.openai.ProviderStreamException};
 *   <li>a ping payload or a re-wrapped comment: a keep-alive;
 *   <li>a JSON object without {@code choices} (billing, cost, progress): ignored, reported;
 *   <li>{@code null}, non-JSON, several values: ignored, reported;
 *   <li>otherwise a normalised {@link ChatChunk}, with a diagnostic for each deviation repaired.
 * </ul>
 *
 * <p>Stateless and thread-safe: one instance serves any number of streams. In {@linkplain #strict() strict mode}
 * an outcome with diagnostics becomes an error
 * (sse-core's {@link StrictMode} rule): for callers who decode events themselves. A whole stream's strict mode
 * (every diagnostic of the stream also an error) is {@link io.github.ssekit.openai.OpenAiConversation}'s, which
 * {@link ChatStream} runs; it takes the lenient protocol.
 */
public final class ChatCompletionsProtocol implements SseProtocol<ChatChunk> {
  private static final ChatCompletionsProtocol LENIENT = new ChatCompletionsProtocol(false);
  private static final ChatCompletionsProtocol STRICT = new ChatCompletionsProtocol(true);

  private final boolean strict;

  private ChatCompletionsProtocol(boolean strict) {
    this.strict = strict;
  }

  /** The lenient protocol: deviations are repaired and reported as diagnostics. */
  public static ChatCompletionsProtocol lenient() {
    return LENIENT;
  }

  /** The strict protocol: an event with any deviation becomes an error (its diagnostics are still reported). */
  public static ChatCompletionsProtocol strict() {
    return STRICT;
  }

  /** The lenient or the strict protocol. */
  public static ChatCompletionsProtocol of(boolean strict) {
    return strict ? STRICT : LENIENT;
  }

  /** Whether this is the strict protocol. */
  public boolean isStrict() {
    return strict;
  }

  @Override
  public boolean consumes(String eventType) {
    return SseEvent.DEFAULT_TYPE.equals(eventType) || "error".equals(eventType);
  }

  @Override
  public DecodeOutcome<ChatChunk> decode(SseEvent event) {
    DecodeOutcome<ChatChunk> outcome = ChatChunkDecoder.decode(event);
    return strict ? StrictMode.apply(outcome, StrictModeException::new) : outcome;
  }

  @Override
  public String toString() {
    return "ChatCompletionsProtocol[" + (strict ? "strict" : "lenient") + "]";
  }
}
