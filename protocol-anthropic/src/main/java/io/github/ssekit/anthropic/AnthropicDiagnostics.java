package io.github.ssekit.anthropic;

/**
 * The stable codes of the diagnostics this module reports. Each names one tolerated deviation; the module README
 * has the catalogue, with an example and a test stream for each. In strict mode each of them becomes a
 * {@link StrictModeException}.
 *
 * <p>The dispatcher in sse-core adds {@link io.github.ssekit.sse.protocol.Diagnostic#IGNORED_EVENT} for events of
 * names the protocol does not consume.
 */
public final class AnthropicDiagnostics {
  private AnthropicDiagnostics() {}

  // ---- the payload of one event ----

  /** The data is not JSON; the event is skipped (an {@code error} event still becomes an error). */
  public static final String INVALID_JSON = "anthropic.invalid-json";
  /** The data is JSON but not an object ({@code null}, a number, an array); the event is skipped. */
  public static final String NON_OBJECT_PAYLOAD = "anthropic.non-object-payload";
  /** A named event with empty data (other than {@code ping}); skipped. */
  public static final String EMPTY_DATA = "anthropic.empty-data";
  /** An event without an {@code event:} name: its payload's {@code type} says what it is. */
  public static final String UNNAMED_EVENT = "anthropic.unnamed-event";
  /** The payload's {@code type} differs from the event's name; the payload's {@code type} is used. */
  public static final String TYPE_MISMATCH = "anthropic.type-mismatch";
  /** The payload has no {@code type}; the event's name is used. */
  public static final String MISSING_TYPE = "anthropic.missing-type";
  /** A payload {@code type} this protocol does not know; skipped. */
  public static final String UNKNOWN_EVENT_TYPE = "anthropic.unknown-event-type";
  /** An OpenAI Chat Completions payload ({@code choices}) or {@code [DONE]} on a Messages stream; skipped. */
  public static final String OPENAI_PAYLOAD = "anthropic.openai-payload";
  /** A member of a JSON type the model cannot hold (a string {@code index}); it was dropped. */
  public static final String WRONG_TYPE = "anthropic.wrong-type";
  /** A block event without {@code index}: the block is found by position. */
  public static final String MISSING_INDEX = "anthropic.missing-index";
  /** {@code usage} inside {@code message_delta.delta} instead of beside it; used all the same. */
  public static final String USAGE_IN_DELTA = "anthropic.usage-in-delta";
  /** An error payload that is not an {@code error} event ({@code {"error":{...}}} alone); an error all the same. */
  public static final String UNTYPED_ERROR = "anthropic.untyped-error";

  // ---- the order of events, found by the accumulator ----

  /** Content arrived before any {@code message_start}: the message has no id or model. */
  public static final String MISSING_MESSAGE_START = "anthropic.missing-message-start";
  /** A second {@code message_start}: its id and model are ignored, its usage merged. */
  public static final String DUPLICATE_MESSAGE_START = "anthropic.duplicate-message-start";
  /** A delta for a block that no {@code content_block_start} opened: the block is made from the delta's type. */
  public static final String BLOCK_NOT_STARTED = "anthropic.block-not-started";
  /** A block that was never stopped: closed at the next block's start or at the end of the message. */
  public static final String BLOCK_NOT_STOPPED = "anthropic.block-not-stopped";
  /** A {@code content_block_stop} for a block that is not open (never started, or stopped already); ignored. */
  public static final String UNEXPECTED_BLOCK_STOP = "anthropic.unexpected-block-stop";
  /** A {@code content_block_start} for an index already used: the new block is put after the last one. */
  public static final String BLOCK_INDEX_REUSED = "anthropic.block-index-reused";
  /** Block indexes that do not count up from 0 by one; the blocks are kept in index order. */
  public static final String BLOCK_INDEX_GAP = "anthropic.block-index-gap";
  /** A delta whose type does not fit its block (a {@code text_delta} for a {@code tool_use}); applied anyway. */
  public static final String DELTA_TYPE_MISMATCH = "anthropic.delta-type-mismatch";
  /** A delta of a type this module does not know; skipped. */
  public static final String UNKNOWN_DELTA_TYPE = "anthropic.unknown-delta-type";
  /** A delta for a block that was already stopped; applied, and a tool input parsed again. */
  public static final String DELTA_AFTER_STOP = "anthropic.delta-after-stop";
  /** The assembled tool input is not JSON: {@code input} is empty and {@code inputJson} holds the text. */
  public static final String INVALID_TOOL_INPUT = "anthropic.invalid-tool-input";
  /** A {@code message_delta} without {@code usage}: the usage so far is kept. */
  public static final String MISSING_USAGE = "anthropic.missing-usage";
  /** A {@code message_stop} without any stop reason before it. */
  public static final String MISSING_STOP_REASON = "anthropic.missing-stop-reason";
  /** An event after {@code message_stop}; applied. */
  public static final String EVENT_AFTER_STOP = "anthropic.event-after-stop";
  /** More content blocks than the accumulator keeps ({@code maxBlocks}); the rest are dropped. */
  public static final String TOO_MANY_BLOCKS = "anthropic.too-many-blocks";
  /** The stream ended without {@code message_stop} and without an error: the result is truncated. */
  public static final String MISSING_MESSAGE_STOP = "anthropic.missing-message-stop";
}
