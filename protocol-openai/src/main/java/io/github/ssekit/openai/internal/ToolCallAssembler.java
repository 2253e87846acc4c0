package io.github.ssekit.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ssekit.openai.OpenAiDiagnostics;
import io.github.ssekit.openai.chat.ImmutableToolCall;
import io.github.ssekit.openai.chat.ToolCall;
import io.github.ssekit.openai.chat.ToolType;
import io.github.ssekit.sse.protocol.Diagnostic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Assembles the tool calls of one choice from their deltas: a delta belongs to the call with its
 * non-blank id, else to the call at its index, else to the latest call. Ids and names are never concatenated;
 * a sentinel delta (no id, no name, null arguments) adds nothing; complete argument JSON sent again replaces.
 * The excerpt of a diagnostic is computed only when one is reported. Expects blank ids, types and names to have
 * been removed by {@link ChatChunkDecoder}.
 */
public final class ToolCallAssembler {

  /** One call being assembled. */
  private static final class Call {
    final int position;
    Integer index;
    String id;
    ToolType type;
    String name;
    final StringBuilder arguments = new StringBuilder();
    final Map<String, JsonNode> extra = new LinkedHashMap<>();

    Call(int position) {
      this.position = position;
    }
  }

  private final List<Call> calls = new ArrayList<>();
  private final Map<String, Call> byId = new HashMap<>();
  private final Map<Integer, Call> byIndex = new HashMap<>();

  /**
   * Applies one delta. Returns the position of the call it went to (its order of appearance), or -1 when the
   * delta was a sentinel.
   */
  public int add(Integer index, String id, ToolType type, String name, String arguments, Map<String, JsonNode> extra,
      Supplier<String> excerpt, List<Diagnostic> diagnostics) {
    if (id == null && name == null && arguments == null && extra.isEmpty()) {
      diagnostics.add(Diagnostic.of(OpenAiDiagnostics.SENTINEL_TOOL_DELTA,
          "a tool-call delta with no id, name or arguments, skipped", excerpt.get()));
      return -1;
    }
    Call call = target(index, id, name, excerpt, diagnostics);
    if (call.index == null && index != null) {
      call.index = index;
    }
    if (index != null) {
      byIndex.put(index, call); // the latest call at an index: Gemini sends every call at index 0
    }
    if (call.id == null && id != null) {
      call.id = id;
      byId.putIfAbsent(id, call);
    }
    if (call.type == null) {
      call.type = type;
    }
    if (call.name == null) {
      call.name = name;
    }
    call.extra.putAll(extra);
    if (arguments != null && !arguments.isEmpty()) {
      appendArguments(call, arguments, excerpt, diagnostics);
    }
    return call.position;
  }

  private Call target(Integer index, String id, String name, Supplier<String> excerpt,
      List<Diagnostic> diagnostics) {
    if (id != null) {
      Call known = byId.get(id);
      if (known != null) {
        return known;
      }
      Call atIndex = index == null ? null : byIndex.get(index);
      if (atIndex != null && (atIndex.id == null || name == null)) {
        if (atIndex.id != null) {
          // a continuation (no name) that changed its id: the same call (Poolside)
          diagnostics.add(Diagnostic.of(OpenAiDiagnostics.TOOL_CALL_ID_CHANGED,
              "tool call at index " + index + " changed its id from '" + atIndex.id + "' to '" + id + "'",
              excerpt.get()));
        }
        return atIndex;
      }
      if (index == null && name == null && !calls.isEmpty() && latest().id == null) {
        return latest(); // the id arrived after the first fragment
      }
      return open();
    }
    if (index != null) {
      Call atIndex = byIndex.get(index);
      if (atIndex != null) {
        return atIndex;
      }
      return name == null && !calls.isEmpty() && latest().index == null ? latest() : open();
    }
    return name == null && !calls.isEmpty() ? latest() : open();
  }

  private Call latest() {
    return calls.get(calls.size() - 1);
  }

  private Call open() {
    Call call = new Call(calls.size());
    calls.add(call);
    return call;
  }

  private static void appendArguments(Call call, String fragment, Supplier<String> excerpt,
      List<Diagnostic> diagnostics) {
    if (call.arguments.length() > 0 && isCompleteJson(fragment) && isCompleteJson(call.arguments.toString())) {
      // appending complete JSON to complete JSON can never be right: the provider resent the whole arguments
      diagnostics.add(Diagnostic.of(OpenAiDiagnostics.TOOL_ARGUMENTS_RESENT,
          "complete arguments sent again for a call that had complete arguments; replaced", excerpt.get()));
      call.arguments.setLength(0);
    }
    call.arguments.append(fragment);
  }

  private static boolean isCompleteJson(String text) {
    String trimmed = text.trim();
    if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
      return false;
    }
    List<JsonNode> values = Json.readValues(trimmed);
    return values.size() == 1 && values.get(0).isContainerNode();
  }

  /** Whether no call was seen. */
  public boolean isEmpty() {
    return calls.isEmpty();
  }

  /** The calls so far, in order of appearance. */
  public List<ToolCall> calls() {
    List<ToolCall> result = new ArrayList<>(calls.size());
    for (Call call : calls) {
      result.add(ImmutableToolCall.builder()
          .index(java.util.Optional.ofNullable(call.index))
          .id(java.util.Optional.ofNullable(call.id))
          .type(java.util.Optional.ofNullable(call.type))
          .name(java.util.Optional.ofNullable(call.name))
          .arguments(call.arguments.toString())
          .putAllExtra(call.extra)
          .build());
    }
    return result;
  }
}
