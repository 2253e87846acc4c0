package io.github.ssekit.openai;

/**
 * The stable codes of the diagnostics this module reports. Each names one tolerated deviation; the module README
 * has a table with an example payload for each. In strict mode each of them becomes a
 * {@link StrictModeException}.
 *
 * <p>The dispatcher in sse-core adds {@link io.github.ssekit.sse.protocol.Diagnostic#IGNORED_EVENT} for events
 * of names the protocol does not consume (for example {@code hermes.tool.progress}).
 */
public final class OpenAiDiagnostics {
  private OpenAiDiagnostics() {}

  // ---- payload triage (both protocols) ----

  /** The data is not JSON (for example a bare timestamp sent as a ping); the event is skipped. */
  public static final String INVALID_JSON = "openai.invalid-json";
  /** The data is JSON but not an object ({@code data: null}, a number, an array); the event is skipped. */
  public static final String NON_OBJECT_PAYLOAD = "openai.non-object-payload";
  /** The data is empty or blank; the event is skipped. */
  public static final String EMPTY_DATA = "openai.empty-data";
  /** The data is an SSE comment re-wrapped by a proxy ({@code data: : OPENROUTER PROCESSING}): a keep-alive. */
  public static final String COMMENT_IN_DATA = "openai.comment-in-data";
  /** A {@code {"type":"ping"}} payload: a keep-alive. */
  public static final String PING_PAYLOAD = "openai.ping-payload";
  /** One event held several JSON values (a missing blank line); only an error among them is used. */
  public static final String MULTIPLE_JSON_VALUES = "openai.multiple-json-values";
  /** A field had a JSON type the model cannot hold (for example a string {@code created}); it was dropped. */
  public static final String WRONG_TYPE = "openai.wrong-type";
  /** The payload could not be bound to the model at all; the event is skipped. */
  public static final String INVALID_PAYLOAD = "openai.invalid-payload";
  /**
   * An object held the same member twice ({@code {"content":"a","content":"b"}}); the last value is kept, as
   * JSON parsers commonly do, and the first is lost: this says so.
   */
  public static final String DUPLICATE_KEY = "openai.duplicate-key";

  // ---- Chat Completions chunks ----

  /** A JSON object without {@code choices} that is not a chunk (billing, cost, tool progress): skipped. */
  public static final String EXTENSION_PAYLOAD = "openai.extension-payload";
  /** A chunk (it has {@code usage} or a chunk {@code object}) without a {@code choices} member: no choices. */
  public static final String MISSING_CHOICES = "openai.missing-choices";
  /** {@code "choices": null}: no choices. */
  public static final String NULL_CHOICES = "openai.null-choices";
  /** {@code object} is neither absent nor {@code chat.completion.chunk} (for example {@code chat.completion.done}). */
  public static final String UNEXPECTED_OBJECT = "openai.unexpected-object";
  /** A chunk-level string ({@code id}, {@code object}, {@code model}, ...) was {@code ""}: treated as absent. */
  public static final String EMPTY_FIELD = "openai.empty-field";
  /** {@code "role": ""}: treated as absent; the content still streams. */
  public static final String EMPTY_ROLE = "openai.empty-role";
  /** A role outside developer/system/user/assistant/tool; kept as its raw string. */
  public static final String UNKNOWN_ROLE = "openai.unknown-role";
  /** {@code "finish_reason": ""}: treated as absent. */
  public static final String EMPTY_FINISH_REASON = "openai.empty-finish-reason";
  /** A finish reason outside the OpenAI set (for example {@code tool_call}); kept as its raw string. */
  public static final String UNKNOWN_FINISH_REASON = "openai.unknown-finish-reason";
  /** A choice without {@code index}: its position in {@code choices} is used. */
  public static final String CHOICE_WITHOUT_INDEX = "openai.choice-without-index";
  /**
   * A choice or a tool-call delta with a negative {@code index}: a choice is dropped (it must not take the place of
   * choice 0), a tool-call delta is taken as one without index.
   */
  public static final String NEGATIVE_INDEX = "openai.negative-index";
  /** A choice without {@code delta} (or {@code delta: null}), such as an Azure content-filter choice. */
  public static final String MISSING_DELTA = "openai.missing-delta";
  /** {@code usage} inside a choice instead of the chunk; it counts as the usage snapshot. */
  public static final String USAGE_IN_CHOICE = "openai.usage-in-choice";
  /** {@code tool_calls} was a single object, not an array: wrapped. */
  public static final String TOOL_CALLS_NOT_ARRAY = "openai.tool-calls-not-array";
  /** A tool-call delta without {@code index}: correlated by id, else by the latest call. */
  public static final String TOOL_CALL_WITHOUT_INDEX = "openai.tool-call-without-index";
  /** A tool-call delta with {@code "id": ""}: treated as absent. */
  public static final String EMPTY_TOOL_CALL_ID = "openai.empty-tool-call-id";
  /** A tool-call delta with {@code "type": ""}: treated as absent. */
  public static final String EMPTY_TOOL_TYPE = "openai.empty-tool-type";
  /** A tool-call delta with {@code "name": ""}: treated as absent (the name is never concatenated). */
  public static final String EMPTY_TOOL_NAME = "openai.empty-tool-name";

  // ---- Chat Completions accumulation ----

  /** A tool-call delta with no id, no name and null arguments: nothing to add, skipped. */
  public static final String SENTINEL_TOOL_DELTA = "openai.sentinel-tool-delta";
  /** A continuation delta of a call came with a different id; the first id is kept. */
  public static final String TOOL_CALL_ID_CHANGED = "openai.tool-call-id-changed";
  /** Complete argument JSON arrived again for a call that already had complete arguments: replaced, not appended. */
  public static final String TOOL_ARGUMENTS_RESENT = "openai.tool-arguments-resent";
  /** The stream ended with a choice (or no choice at all) that never got a finish reason: truncated. */
  public static final String MISSING_FINISH_REASON = "openai.missing-finish-reason";
  /** The stream ended without {@code data: [DONE]}. */
  public static final String MISSING_DONE = "openai.missing-done";

  // ---- Responses API ----

  /** A Responses payload without {@code type}: the SSE event name was used. */
  public static final String MISSING_TYPE = "openai.missing-type";
  /** The payload {@code type} differs from the SSE event name: the payload wins. */
  public static final String EVENT_TYPE_MISMATCH = "openai.event-type-mismatch";
  /** A Responses payload in an unnamed ({@code message}) event: dispatched on its {@code type}. */
  public static final String UNNAMED_EVENT = "openai.unnamed-event";
  /** {@code data: [DONE]} in a Responses stream, which has no such marker: treated as the end. */
  public static final String UNEXPECTED_DONE = "openai.unexpected-done";
  /** A Responses delta without {@code output_index}: correlated by item id, else the latest item. */
  public static final String MISSING_OUTPUT_INDEX = "openai.missing-output-index";
  /** A {@code .done} event's full text differs from the concatenated deltas: the full text wins. */
  public static final String DONE_TEXT_MISMATCH = "openai.done-text-mismatch";
  /** The Responses stream ended without {@code response.completed}, {@code .incomplete} or {@code .failed}. */
  public static final String MISSING_TERMINAL_EVENT = "openai.missing-terminal-event";
}
