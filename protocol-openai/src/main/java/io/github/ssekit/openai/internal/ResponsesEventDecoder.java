package io.github.ssekit.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ssekit.openai.OpenAiDiagnostics;
import io.github.ssekit.openai.ProviderStreamException;
import io.github.ssekit.openai.responses.ContentPartEvent;
import io.github.ssekit.openai.responses.FunctionCallArgumentsEvent;
import io.github.ssekit.openai.responses.GenericResponsesEvent;
import io.github.ssekit.openai.responses.OutputItemEvent;
import io.github.ssekit.openai.responses.OutputTextEvent;
import io.github.ssekit.openai.responses.ReasoningEvent;
import io.github.ssekit.openai.responses.RefusalEvent;
import io.github.ssekit.openai.responses.ResponseLifecycleEvent;
import io.github.ssekit.openai.responses.ResponsesEvent;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.protocol.DecodeOutcome;
import io.github.ssekit.sse.protocol.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes one Responses API event: the payload's {@code type} chooses the event class, the SSE event name is the
 * fallback; {@code error} events (flat or nested) become errors. Stateless.
 */
public final class ResponsesEventDecoder {
  private ResponsesEventDecoder() {}

  private static final Map<String, Class<? extends ResponsesEvent>> TYPES = Map.ofEntries(
      Map.entry("response.created", ResponseLifecycleEvent.class),
      Map.entry("response.queued", ResponseLifecycleEvent.class),
      Map.entry("response.in_progress", ResponseLifecycleEvent.class),
      Map.entry("response.completed", ResponseLifecycleEvent.class),
      Map.entry("response.incomplete", ResponseLifecycleEvent.class),
      Map.entry("response.failed", ResponseLifecycleEvent.class),
      Map.entry("response.output_item.added", OutputItemEvent.class),
      Map.entry("response.output_item.done", OutputItemEvent.class),
      Map.entry("response.content_part.added", ContentPartEvent.class),
      Map.entry("response.content_part.done", ContentPartEvent.class),
      Map.entry("response.reasoning_summary_part.added", ContentPartEvent.class),
      Map.entry("response.reasoning_summary_part.done", ContentPartEvent.class),
      Map.entry("response.output_text.delta", OutputTextEvent.class),
      Map.entry("response.output_text.done", OutputTextEvent.class),
      Map.entry("response.refusal.delta", RefusalEvent.class),
      Map.entry("response.refusal.done", RefusalEvent.class),
      Map.entry("response.function_call_arguments.delta", FunctionCallArgumentsEvent.class),
      Map.entry("response.function_call_arguments.done", FunctionCallArgumentsEvent.class),
      Map.entry("response.reasoning_summary_text.delta", ReasoningEvent.class),
      Map.entry("response.reasoning_summary_text.done", ReasoningEvent.class),
      Map.entry("response.reasoning_text.delta", ReasoningEvent.class),
      Map.entry("response.reasoning_text.done", ReasoningEvent.class));

  /** Decodes an event named {@code response.*}, {@code error}, or unnamed. */
  public static DecodeOutcome<ResponsesEvent> decode(SseEvent event) {
    String data = event.data();
    String trimmed = data.trim();
    String name = event.type();
    boolean namedError = "error".equals(name);
    boolean unnamed = SseEvent.DEFAULT_TYPE.equals(name);
    List<Diagnostic> diagnostics = new ArrayList<>();

    if (trimmed.equals(ChatChunkDecoder.DONE)) {
      diagnostics.add(Diagnostic.of(OpenAiDiagnostics.UNEXPECTED_DONE,
          "[DONE] in a Responses stream, which has no such marker; taken as the end", data));
      return DecodeOutcome.end(diagnostics);
    }
    List<Diagnostic> triage = new ArrayList<>();
    Optional<JsonNode> payload = trimmed.isEmpty() ? Optional.empty() : PayloadTriage.singleObject(data, triage);
    if (payload.isEmpty()) {
      if (namedError) {
        return DecodeOutcome.error(ProviderErrors.fromText(data), diagnostics);
      }
      if (trimmed.isEmpty()) {
        diagnostics.add(Diagnostic.of(OpenAiDiagnostics.EMPTY_DATA, "an event with empty data", data));
        return DecodeOutcome.ignored(diagnostics);
      }
      diagnostics.addAll(triage);
      Optional<ProviderStreamException> embedded = PayloadTriage.errorAmongValues(data);
      return embedded.isPresent() ? DecodeOutcome.error(embedded.get(), diagnostics)
          : DecodeOutcome.ignored(diagnostics);
    }
    ObjectNode object = (ObjectNode) payload.get();
    diagnostics.addAll(triage); // a member sent twice

    String type = Json.text(object, "type");
    if (type == null || type.isBlank()) {
      if (unnamed) {
        Optional<ProviderStreamException> error = ProviderErrors.topLevel(object, data);
        if (error.isPresent()) {
          return DecodeOutcome.error(error.get(), diagnostics);
        }
        diagnostics.add(Diagnostic.of(OpenAiDiagnostics.MISSING_TYPE,
            "an unnamed event without type: nothing to dispatch on", data));
        return DecodeOutcome.ignored(diagnostics);
      }
      type = name;
      object.put("type", type);
      diagnostics.add(Diagnostic.of(OpenAiDiagnostics.MISSING_TYPE,
          "a payload without type; the event name '" + name + "' was used", data));
    } else if (unnamed) {
      diagnostics.add(Diagnostic.of(OpenAiDiagnostics.UNNAMED_EVENT,
          "an unnamed event carrying type '" + type + "'", data));
    } else if (!type.equals(name)) {
      diagnostics.add(Diagnostic.of(OpenAiDiagnostics.EVENT_TYPE_MISMATCH,
          "the event is named '" + name + "' but its payload says '" + type + "'; the payload wins", data));
    }

    if (type.equals("error") || namedError) {
      return DecodeOutcome.error(ProviderErrors.topLevel(object, data)
          .orElseGet(() -> ProviderErrors.fromObject(object, data)), diagnostics);
    }
    if (type.equals("ping") || type.equals("keepalive")) {
      diagnostics.add(Diagnostic.of(OpenAiDiagnostics.PING_PAYLOAD, "a ping payload, taken as a keep-alive", data));
      return DecodeOutcome.keepAlive(diagnostics);
    }
    Class<? extends ResponsesEvent> target = TYPES.getOrDefault(type, GenericResponsesEvent.class);
    Optional<? extends ResponsesEvent> bound = Json.bind(object, target, data, diagnostics);
    if (bound.isPresent()) {
      return DecodeOutcome.value(bound.get(), diagnostics);
    }
    return DecodeOutcome.ignored(diagnostics);
  }
}
