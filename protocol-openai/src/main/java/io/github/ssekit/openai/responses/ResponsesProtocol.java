package io.github.ssekit.openai.responses;

import io.github.ssekit.openai.StrictModeException;
import io.github.ssekit.openai.internal.ResponsesEventDecoder;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.protocol.DecodeOutcome;
import io.github.ssekit.sse.protocol.StrictMode;
import io.github.ssekit.sse.protocol.SseProtocol;

/**
 * The Responses API stream protocol ({@code POST /v1/responses} with {@code "stream": true}).
 *
 * <p>Consumes events named {@code response.*} and {@code error}, and unnamed events (some compatible servers drop
 * the names; reported as {@link io.github.ssekit.openai.OpenAiDiagnostics#UNNAMED_EVENT}). The payload's
 * {@code type} selects the typed event, with the SSE event name as the fallback. {@code error} events, flat
 * ({@code {"type":"error","code":...,"message":...}}) or nested ({@code {"type":"error","error":{...}}}), become
 * errors carrying a {@link io.github.ssekit.openai.ProviderStreamException}. There is no {@code [DONE]} in this
 * protocol; one that arrives ends the stream with a diagnostic.
 *
 * <p>Stateless and thread-safe. In {@linkplain #strict() strict mode} an outcome with diagnostics becomes an error
 * (sse-core's {@link StrictMode} rule): for callers who decode events themselves. A whole stream's strict mode
 * (every diagnostic of the stream also an error) is {@link io.github.ssekit.openai.OpenAiConversation}'s, which
 * {@link ResponsesStream} runs; it takes the lenient protocol.
 */
public final class ResponsesProtocol implements SseProtocol<ResponsesEvent> {
  private static final ResponsesProtocol LENIENT = new ResponsesProtocol(false);
  private static final ResponsesProtocol STRICT = new ResponsesProtocol(true);

  private final boolean strict;

  private ResponsesProtocol(boolean strict) {
    this.strict = strict;
  }

  /** The lenient protocol. */
  public static ResponsesProtocol lenient() {
    return LENIENT;
  }

  /** The strict protocol. */
  public static ResponsesProtocol strict() {
    return STRICT;
  }

  /** The lenient or the strict protocol. */
  public static ResponsesProtocol of(boolean strict) {
    return strict ? STRICT : LENIENT;
  }

  /** Whether this is the strict protocol. */
  public boolean isStrict() {
    return strict;
  }

  @Override
  public boolean consumes(String eventType) {
    return eventType.startsWith("response.") || "error".equals(eventType)
        || SseEvent.DEFAULT_TYPE.equals(eventType);
  }

  @Override
  public DecodeOutcome<ResponsesEvent> decode(SseEvent event) {
    DecodeOutcome<ResponsesEvent> outcome = ResponsesEventDecoder.decode(event);
    return strict ? StrictMode.apply(outcome, StrictModeException::new) : outcome;
  }

  @Override
  public String toString() {
    return "ResponsesProtocol[" + (strict ? "strict" : "lenient") + "]";
  }
}
