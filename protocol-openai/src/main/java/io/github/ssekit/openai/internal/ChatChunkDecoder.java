package io.github.ssekit.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ssekit.openai.OpenAiDiagnostics;
import io.github.ssekit.openai.ProviderStreamException;
import io.github.ssekit.openai.chat.ChatChunk;
import io.github.ssekit.openai.chat.FinishReason;
import io.github.ssekit.openai.chat.Role;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.protocol.DecodeOutcome;
import io.github.ssekit.sse.protocol.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decodes one Chat Completions event: triage of the data (end marker, error, keep-alive, extension payload,
 * not JSON), then normalisation of the chunk's JSON tree (each deviation repaired and reported), then lenient
 * binding. A chunk that needs none of that is read in one pass by {@link ChatChunkReader} instead, with the same
 * result. Stateless.
 */
public final class ChatChunkDecoder {
  private ChatChunkDecoder() {}

  static final String DONE = "[DONE]";
  private static final String CHUNK_OBJECT = "chat.completion.chunk";

  /** Decodes an event of type {@code message} or {@code error}. */
  public static DecodeOutcome<ChatChunk> decode(SseEvent event) {
    return decode(event, true);
  }

  /**
   * Decodes with or without the fast path ({@link ChatChunkReader}), which takes every chunk that needs no repair;
   * the tests and the fuzz target compare the two.
   */
  public static DecodeOutcome<ChatChunk> decode(SseEvent event, boolean fastPath) {
    // kept small, as it runs for every event and should inline into its caller: the common outcomes allocate
    // nothing here (no diagnostics list), and the tree path is a method of its own
    String data = event.data();
    String trimmed = data.trim();
    boolean namedError = "error".equals(event.type());

    if (trimmed.equals(DONE)) {
      return DecodeOutcome.end(List.of());
    }
    if (trimmed.isEmpty() || (trimmed.startsWith(":") && !namedError)) {
      return triaged(data, trimmed, namedError);
    }
    if (fastPath && !namedError) {
      ChatChunk chunk = ChatChunkReader.read(data);
      if (chunk != null) {
        return DecodeOutcome.value(chunk);
      }
    }
    return treePath(data, namedError);
  }

  /** Empty data, or an SSE comment sent as data. */
  private static DecodeOutcome<ChatChunk> triaged(String data, String trimmed, boolean namedError) {
    if (trimmed.isEmpty()) {
      if (namedError) {
        return DecodeOutcome.error(ProviderErrors.fromText(data), List.of());
      }
      return DecodeOutcome.ignored(List.of(Diagnostic.of(OpenAiDiagnostics.EMPTY_DATA, "an event with empty data",
          data)));
    }
    return DecodeOutcome.keepAlive(List.of(Diagnostic.of(OpenAiDiagnostics.COMMENT_IN_DATA,
        "an SSE comment sent as data (a proxy re-wrapped a keep-alive)", data)));
  }

  /** Decodes data that is not a chunk the fast path reads: triage, then normalisation and binding of its tree. */
  private static DecodeOutcome<ChatChunk> treePath(String data, boolean namedError) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    List<Diagnostic> triage = new ArrayList<>();
    Optional<JsonNode> payload = PayloadTriage.singleObject(data, triage);
    if (payload.isEmpty()) {
      if (namedError) {
        // an error event's text is the error message, not a deviation
        return DecodeOutcome.error(ProviderErrors.fromText(data), diagnostics);
      }
      diagnostics.addAll(triage);
      Optional<ProviderStreamException> embedded = PayloadTriage.errorAmongValues(data);
      if (embedded.isPresent()) {
        return DecodeOutcome.error(embedded.get(), diagnostics);
      }
      return DecodeOutcome.ignored(diagnostics);
    }
    ObjectNode chunk = (ObjectNode) payload.get();
    diagnostics.addAll(triage); // a member sent twice

    Optional<ProviderStreamException> error = ProviderErrors.topLevel(chunk, data);
    if (error.isEmpty()) {
      error = choiceError(chunk, data);
    }
    if (error.isPresent()) {
      return DecodeOutcome.error(error.get(), diagnostics);
    }
    if (namedError) {
      return DecodeOutcome.error(ProviderErrors.fromObject(chunk, data), diagnostics);
    }
    if ("ping".equals(Json.text(chunk, "type"))) {
      diagnostics.add(Diagnostic.of(OpenAiDiagnostics.PING_PAYLOAD, "a ping payload, taken as a keep-alive", data));
      return DecodeOutcome.keepAlive(diagnostics);
    }
    if (!chunk.has("choices") && !looksLikeChunk(chunk)) {
      diagnostics.add(Diagnostic.of(OpenAiDiagnostics.EXTENSION_PAYLOAD,
          "a JSON object without choices (an extension payload), not a chunk", data));
      return DecodeOutcome.ignored(diagnostics);
    }

    normalise(chunk, data, diagnostics);
    Optional<ChatChunk> bound = Json.bind(chunk, ChatChunk.class, data, diagnostics);
    return bound.isPresent() ? DecodeOutcome.value(bound.get(), diagnostics) : DecodeOutcome.ignored(diagnostics);
  }

  private static Optional<ProviderStreamException> choiceError(JsonNode chunk, String data) {
    JsonNode choices = chunk.get("choices");
    if (choices != null && choices.isArray()) {
      for (JsonNode choice : choices) {
        if (choice.isObject()) {
          Optional<ProviderStreamException> error = ProviderErrors.inChoice(choice, data);
          if (error.isPresent()) {
            return error;
          }
        }
      }
    }
    return Optional.empty();
  }

  /** A payload without {@code choices} is still a chunk when it has usage or names itself a chunk. */
  private static boolean looksLikeChunk(JsonNode payload) {
    String object = Json.text(payload, "object");
    return Json.present(payload, "usage") || (object != null && object.startsWith("chat.completion"));
  }

  private static void normalise(ObjectNode chunk, String data, List<Diagnostic> diagnostics) {
    for (String field : List.of("id", "object", "model", "system_fingerprint", "service_tier")) {
      if (isBlank(Json.text(chunk, field))) {
        chunk.remove(field);
        diagnostics.add(Diagnostic.of(OpenAiDiagnostics.EMPTY_FIELD,
            "'" + field + "' was blank, taken as absent", data));
      }
    }
    String object = Json.text(chunk, "object");
    if (object != null && !object.equals(CHUNK_OBJECT)) {
      diagnostics.add(Diagnostic.of(OpenAiDiagnostics.UNEXPECTED_OBJECT,
          "object was '" + object + "', not '" + CHUNK_OBJECT + "'", data));
    }
    if (!chunk.has("choices")) {
      diagnostics.add(Diagnostic.of(OpenAiDiagnostics.MISSING_CHOICES, "a chunk without choices", data));
      return;
    }
    JsonNode choices = chunk.get("choices");
    if (choices.isNull()) {
      chunk.remove("choices");
      diagnostics.add(Diagnostic.of(OpenAiDiagnostics.NULL_CHOICES, "choices was null, taken as none", data));
      return;
    }
    if (choices.isObject()) {
      choices = chunk.putArray("choices").add(choices);
      diagnostics.add(Diagnostic.of(OpenAiDiagnostics.WRONG_TYPE, "choices was an object, not an array", data));
    }
    if (!choices.isArray()) {
      return; // binding drops it and reports it
    }
    ArrayNode array = (ArrayNode) choices;
    for (int i = 0; i < array.size(); i++) {
      if (array.get(i) instanceof ObjectNode choice) {
        if (isNegative(choice.get("index"))) {
          // a reply has no choice -1: kept, it would sort before choice 0 and become the reply's message
          diagnostics.add(Diagnostic.of(OpenAiDiagnostics.NEGATIVE_INDEX,
              "a choice with the negative index " + choice.get("index") + " was dropped", data));
          array.remove(i--);
          continue;
        }
        normaliseChoice(choice, i, data, diagnostics);
      }
    }
  }

  private static void normaliseChoice(ObjectNode choice, int position, String data, List<Diagnostic> diagnostics) {
    if (!Json.present(choice, "index")) {
      choice.put("index", position);
      diagnostics.add(Diagnostic.of(OpenAiDiagnostics.CHOICE_WITHOUT_INDEX,
          "a choice without index, taken as its position " + position, data));
    }
    String finishReason = Json.text(choice, "finish_reason");
    if (isBlank(finishReason)) {
      choice.remove("finish_reason");
      diagnostics.add(Diagnostic.of(OpenAiDiagnostics.EMPTY_FINISH_REASON,
          "finish_reason was blank, taken as absent", data));
    } else if (finishReason != null && FinishReason.of(finishReason).known().isEmpty()) {
      diagnostics.add(Diagnostic.of(OpenAiDiagnostics.UNKNOWN_FINISH_REASON,
          "finish_reason '" + finishReason + "' is not one OpenAI documents", data));
    }
    if (Json.present(choice, "usage")) {
      diagnostics.add(Diagnostic.of(OpenAiDiagnostics.USAGE_IN_CHOICE, "usage sent inside a choice", data));
    }
    JsonNode delta = choice.get("delta");
    if (delta == null || delta.isNull()) {
      choice.remove("delta");
      diagnostics.add(Diagnostic.of(OpenAiDiagnostics.MISSING_DELTA, "a choice without delta", data));
      return;
    }
    if (delta instanceof ObjectNode object) {
      normaliseDelta(object, data, diagnostics);
    }
  }

  private static void normaliseDelta(ObjectNode delta, String data, List<Diagnostic> diagnostics) {
    String role = Json.text(delta, "role");
    if (isBlank(role)) {
      delta.remove("role");
      diagnostics.add(Diagnostic.of(OpenAiDiagnostics.EMPTY_ROLE, "role was blank, taken as absent", data));
    } else if (role != null && Role.of(role).known().isEmpty()) {
      diagnostics.add(Diagnostic.of(OpenAiDiagnostics.UNKNOWN_ROLE,
          "role '" + role + "' is not one OpenAI documents", data));
    }
    JsonNode toolCalls = delta.get("tool_calls");
    if (toolCalls != null && toolCalls.isObject()) {
      toolCalls = delta.putArray("tool_calls").add(toolCalls);
      diagnostics.add(Diagnostic.of(OpenAiDiagnostics.TOOL_CALLS_NOT_ARRAY,
          "tool_calls was a single object, not an array", data));
    }
    if (toolCalls != null && toolCalls.isArray()) {
      for (JsonNode call : toolCalls) {
        if (call instanceof ObjectNode object) {
          normaliseToolCall(object, data, diagnostics);
        }
      }
    }
  }

  private static void normaliseToolCall(ObjectNode call, String data, List<Diagnostic> diagnostics) {
    if (isNegative(call.get("index"))) {
      diagnostics.add(Diagnostic.of(OpenAiDiagnostics.NEGATIVE_INDEX,
          "a tool-call delta with the negative index " + call.get("index") + ", taken as one without index", data));
      call.remove("index"); // the missing index is this diagnostic's consequence, not a second deviation
    } else if (!Json.present(call, "index")) {
      diagnostics.add(Diagnostic.of(OpenAiDiagnostics.TOOL_CALL_WITHOUT_INDEX, "a tool-call delta without index",
          data));
    }
    if (isBlank(Json.text(call, "id"))) {
      call.remove("id");
      diagnostics.add(Diagnostic.of(OpenAiDiagnostics.EMPTY_TOOL_CALL_ID, "tool-call id was blank, taken as absent",
          data));
    }
    if (isBlank(Json.text(call, "type"))) {
      call.remove("type");
      diagnostics.add(Diagnostic.of(OpenAiDiagnostics.EMPTY_TOOL_TYPE, "tool-call type was blank, taken as absent",
          data));
    }
    if (call.get("function") instanceof ObjectNode function && isBlank(Json.text(function, "name"))) {
      function.remove("name");
      diagnostics.add(Diagnostic.of(OpenAiDiagnostics.EMPTY_TOOL_NAME,
          "tool-call function name was blank, taken as absent", data));
    }
  }

  /** A number below zero ({@code -1}, {@code -0.5}); null and other types are not. */
  private static boolean isNegative(JsonNode index) {
    return index != null && index.isNumber() && index.asDouble() < 0;
  }

  /** A string member that is present but empty or only whitespace: providers mean "absent". */
  private static boolean isBlank(String text) {
    return text != null && text.isBlank();
  }
}
