package io.github.ssekit.anthropic;

import static io.github.ssekit.anthropic.AnthropicDiagnostics.BLOCK_INDEX_GAP;
import static io.github.ssekit.anthropic.AnthropicDiagnostics.BLOCK_INDEX_REUSED;
import static io.github.ssekit.anthropic.AnthropicDiagnostics.BLOCK_NOT_STARTED;
import static io.github.ssekit.anthropic.AnthropicDiagnostics.BLOCK_NOT_STOPPED;
import static io.github.ssekit.anthropic.AnthropicDiagnostics.DELTA_AFTER_STOP;
import static io.github.ssekit.anthropic.AnthropicDiagnostics.DELTA_TYPE_MISMATCH;
import static io.github.ssekit.anthropic.AnthropicDiagnostics.DUPLICATE_MESSAGE_START;
import static io.github.ssekit.anthropic.AnthropicDiagnostics.EVENT_AFTER_STOP;
import static io.github.ssekit.anthropic.AnthropicDiagnostics.INVALID_TOOL_INPUT;
import static io.github.ssekit.anthropic.AnthropicDiagnostics.MISSING_MESSAGE_START;
import static io.github.ssekit.anthropic.AnthropicDiagnostics.MISSING_MESSAGE_STOP;
import static io.github.ssekit.anthropic.AnthropicDiagnostics.MISSING_STOP_REASON;
import static io.github.ssekit.anthropic.AnthropicDiagnostics.MISSING_USAGE;
import static io.github.ssekit.anthropic.AnthropicDiagnostics.TOO_MANY_BLOCKS;
import static io.github.ssekit.anthropic.AnthropicDiagnostics.UNEXPECTED_BLOCK_STOP;
import static io.github.ssekit.anthropic.AnthropicDiagnostics.UNKNOWN_DELTA_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ssekit.anthropic.internal.Json;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.protocol.AbstractStreamAccumulator;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.protocol.DiagnosticLimits;
import io.github.ssekit.sse.protocol.Diagnostics;
import io.github.ssekit.sse.protocol.StreamAccumulator;
import io.github.ssekit.sse.protocol.StreamErrors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Assembles a Messages stream into its {@link MessagesResult}: an sse-core {@link StreamAccumulator}, so sse-core's
 * {@code ProtocolConversation} (and {@link MessagesStream} over it) drives it.
 *
 * <ul>
 *   <li>Blocks are kept by their {@code index}, in index order. Text is the start block's text and the
 *       {@code text_delta}s; a tool call's input is assembled from its {@code input_json_delta} pieces and parsed
 *       once, when the block stops (the start block's {@code input} when no piece came); thinking is the
 *       {@code thinking_delta}s, its signature the last {@code signature_delta} (or the start block's);
 *       citations are appended in order; {@code redacted_thinking} and server tool results are kept as started.
 *   <li>Usage is merged across {@code message_start} and each {@code message_delta}: each count sent replaces the
 *       earlier one (they are cumulative), each count omitted is kept. The stop reason and stop sequence are the
 *       last ones sent; a {@code message_delta} that omits them does not erase them.
 *   <li>A block never stopped is closed at the next block's start or at {@code message_stop}; a delta without a
 *       start makes its block from the delta's type; an index reused or skipped is reported (see
 *       {@link AnthropicDiagnostics}). At most {@code maxBlocks} blocks are kept.
 *   <li>The stream is complete when {@code message_stop} arrived; otherwise the result is
 *       {@linkplain MessagesResult#truncated() truncated} with what arrived (reported as
 *       {@link AnthropicDiagnostics#MISSING_MESSAGE_STOP} unless an error says why).
 * </ul>
 *
 * <p>It records every diagnostic and error it is given and those it finds (what every protocol's accumulator shares
 * is sse-core's {@link AbstractStreamAccumulator}); it knows nothing of strict mode. One per stream; not
 * thread-safe.
 */
public final class MessagesAccumulator extends AbstractStreamAccumulator<AnthropicEvent, MessagesResult> {
  /** The default of the most content blocks one message keeps. */
  public static final int DEFAULT_MAX_BLOCKS = 1024;

  private final int maxBlocks;

  private boolean started;
  private boolean missingStartReported;
  private boolean tooManyReported;
  private String id;
  private String model;
  private String role;
  private final Map<String, JsonNode> extra = new LinkedHashMap<>();
  private StopReason stopReason;
  private String stopSequence;
  private Usage usage;
  private final TreeMap<Integer, Block> blocks = new TreeMap<>();
  /** Wire indexes reused by a later block, to the place that block was put at: its deltas and stop go there. */
  private final Map<Integer, Integer> moved = new HashMap<>();
  /** The block that started and has not stopped yet. */
  private Block open;
  private boolean stopReceived;

  /** An accumulator with the default diagnostic limits and {@link #DEFAULT_MAX_BLOCKS}. */
  public MessagesAccumulator() {
    this(DiagnosticLimits.DEFAULT, DEFAULT_MAX_BLOCKS);
  }

  /**
   * An accumulator.
   *
   * @param limits how many diagnostic occurrences, and errors, the result keeps one by one (counts are always exact)
   * @param maxBlocks the most content blocks the message keeps; later ones are dropped and reported
   */
  public MessagesAccumulator(DiagnosticLimits limits, int maxBlocks) {
    super(limits);
    if (maxBlocks < 1) {
      throw new IllegalArgumentException("maxBlocks must be positive: " + maxBlocks);
    }
    this.maxBlocks = maxBlocks;
  }

  /** Whether {@code message_stop} has arrived. */
  public boolean stopReceived() {
    return stopReceived;
  }

  @Override
  public void onValue(AnthropicEvent event) {
    if (stopReceived) {
      found(EVENT_AFTER_STOP, "an event '" + event.type() + "' after message_stop; applied", event.type());
    }
    if (event instanceof AnthropicEvent.ContentBlockDelta delta) {
      blockDelta(delta);
    } else if (event instanceof AnthropicEvent.ContentBlockStart start) {
      blockStart(start);
    } else if (event instanceof AnthropicEvent.ContentBlockStop stop) {
      blockStop(stop.index());
    } else if (event instanceof AnthropicEvent.MessageStart start) {
      messageStart(start.message());
    } else if (event instanceof AnthropicEvent.MessageDelta delta) {
      messageDelta(delta);
    } else if (event instanceof AnthropicEvent.MessageStop) {
      messageStop();
    }
  }

  private void found(String code, String message, String excerpt) {
    found(Diagnostic.of(code, message, excerpt));
  }

  private void requireStart(String eventType) {
    if (!started && !missingStartReported) {
      missingStartReported = true;
      found(MISSING_MESSAGE_START, "an event '" + eventType + "' before any message_start", eventType);
    }
  }

  private void messageStart(AnthropicMessage message) {
    if (started) {
      found(DUPLICATE_MESSAGE_START, "a second message_start; its usage is merged, the rest ignored",
          message.id().orElse(""));
      message.usage().ifPresent(this::mergeUsage);
      return;
    }
    started = true;
    id = message.id().orElse(null);
    model = message.model().orElse(null);
    role = message.role().orElse(null);
    extra.putAll(message.extra());
    message.stopReason().ifPresent(reason -> stopReason = reason);
    message.stopSequence().ifPresent(sequence -> stopSequence = sequence);
    message.usage().ifPresent(this::mergeUsage);
    for (ContentBlock block : message.content()) {
      Block kept = create(nextIndex(), block);
      if (kept != null) {
        close(kept, true);
      }
    }
  }

  private void mergeUsage(Usage later) {
    usage = usage == null ? later : usage.mergedWith(later);
  }

  /** The index after the highest one used, or -1 when that would overflow. */
  private int nextIndex() {
    if (blocks.isEmpty()) {
      return 0;
    }
    int last = blocks.lastKey();
    return last == Integer.MAX_VALUE ? -1 : last + 1;
  }

  private void blockStart(AnthropicEvent.ContentBlockStart start) {
    requireStart(start.type());
    int expected = nextIndex();
    int index = start.index().orElse(expected);
    if (open != null) {
      found(BLOCK_NOT_STOPPED, "block " + open.index + " was not stopped before the next block started",
          "index " + open.index);
      close(open, true);
    }
    if (blocks.containsKey(index)) {
      found(BLOCK_INDEX_REUSED, "content_block_start for index " + index + ", already used; the block is put at "
          + expected, "index " + index);
      moved.put(index, expected);
      index = expected;
    } else if (index != expected) {
      found(BLOCK_INDEX_GAP, "content_block_start for index " + index + " where " + expected + " was next",
          "index " + index);
    }
    open = create(index, start.block());
  }

  /** A new block at {@code index} as {@code start} announces it, or null when no more blocks are kept. */
  private Block create(int index, ContentBlock start) {
    if (index < 0 || blocks.size() >= maxBlocks) {
      if (!tooManyReported) {
        tooManyReported = true;
        found(TOO_MANY_BLOCKS, "more than " + maxBlocks + " content blocks; the rest are dropped", "");
      }
      return null;
    }
    Block block = new Block(index, start);
    blocks.put(index, block);
    return block;
  }

  private void blockDelta(AnthropicEvent.ContentBlockDelta event) {
    requireStart(event.type());
    Delta delta = event.delta();
    Optional<DeltaType.Known> known = delta.type().flatMap(DeltaType::known);
    OptionalInt index = resolve(event.index());
    Block block = index.isPresent() ? blocks.get(index.getAsInt()) : open;
    if (block == null) {
      if (known.isEmpty()) {
        found(UNKNOWN_DELTA_TYPE, "a delta of type '" + delta.type().map(DeltaType::raw).orElse("") + "'; skipped",
            delta.type().map(DeltaType::raw).orElse(""));
        return;
      }
      int at = index.orElse(nextIndex());
      found(BLOCK_NOT_STARTED, "a delta for block " + at + ", which no content_block_start opened", "index " + at);
      if (open != null) {
        found(BLOCK_NOT_STOPPED, "block " + open.index + " was not stopped before the next block started",
            "index " + open.index);
        close(open, true);
      }
      block = create(at, ContentBlock.empty(impliedType(known.get())));
      if (block == null) {
        return;
      }
      open = block;
    }
    if (known.isEmpty()) {
      found(UNKNOWN_DELTA_TYPE, "a delta of type '" + delta.type().map(DeltaType::raw).orElse("") + "'; skipped",
          delta.type().map(DeltaType::raw).orElse(""));
      return;
    }
    boolean reopened = block.stopped;
    if (reopened) {
      found(DELTA_AFTER_STOP, "a delta for block " + block.index + " after its content_block_stop; applied",
          "index " + block.index);
    }
    block.apply(known.get(), delta);
    if (reopened) {
      close(block, true);
    }
  }

  private static BlockType impliedType(DeltaType.Known delta) {
    switch (delta) {
      case INPUT_JSON_DELTA:
        return BlockType.TOOL_USE;
      case THINKING_DELTA:
      case SIGNATURE_DELTA:
        return BlockType.THINKING;
      default:
        return BlockType.TEXT;
    }
  }

  /** The place of the block a wire index names, after any move of a reused index. */
  private OptionalInt resolve(OptionalInt index) {
    if (index.isEmpty() || moved.isEmpty()) {
      return index;
    }
    Integer to = moved.get(index.getAsInt());
    return to == null ? index : OptionalInt.of(to);
  }

  private void blockStop(OptionalInt wireIndex) {
    OptionalInt index = resolve(wireIndex);
    Block block = index.isPresent() ? blocks.get(index.getAsInt()) : open;
    if (block == null || block.stopped) {
      found(UNEXPECTED_BLOCK_STOP, "content_block_stop for a block that is not open; ignored",
          index.isPresent() ? "index " + index.getAsInt() : "");
      return;
    }
    close(block, true);
  }

  /** Stops {@code block}: its tool input is parsed now, once; {@code report}: an invalid input is reported. */
  private void close(Block block, boolean report) {
    block.stopped = true;
    if (open == block) {
      open = null;
    }
    if (block.json != null && !block.json.toString().isBlank()) {
      block.parsedInput = Json.parse(block.json.toString()).orElse(null);
      if (block.parsedInput == null && report) {
        found(INVALID_TOOL_INPUT, "the input of tool block " + block.index + " is not JSON; kept as text in inputJson",
            block.json.toString());
      }
    }
  }

  private void messageDelta(AnthropicEvent.MessageDelta delta) {
    requireStart(delta.type());
    delta.stopReason().ifPresent(reason -> stopReason = reason);
    delta.stopSequence().ifPresent(sequence -> stopSequence = sequence);
    if (delta.usage().isPresent()) {
      mergeUsage(delta.usage().get());
    } else {
      found(MISSING_USAGE, "a message_delta without usage; the usage so far is kept", "");
    }
  }

  private void messageStop() {
    for (Block block : blocks.values()) {
      if (!block.stopped) {
        found(BLOCK_NOT_STOPPED, "block " + block.index + " was not stopped before message_stop",
            "index " + block.index);
        close(block, true);
      }
    }
    if (!stopReceived && stopReason == null) {
      found(MISSING_STOP_REASON, "message_stop without any stop reason", "");
    }
    stopReceived = true;
  }

  /**
   * Ends the stream ({@link #finish()}, once): blocks still open are closed, a stream without
   * {@code message_stop} is reported (unless an error or {@code failure} says why) and truncated; {@code failure},
   * when not null, is the last error.
   */
  @Override
  protected MessagesResult complete(SseException failure) {
    StreamErrors errors = errors();
    Diagnostics diagnostics = diagnostics();
    for (Block block : blocks.values()) {
      if (!block.stopped) {
        // cut off: its tool input is naturally incomplete, so it is kept as text and not reported
        close(block, false);
      }
    }
    if (!stopReceived && errors.isEmpty() && failure == null) {
      found(MISSING_MESSAGE_STOP, "the stream ended without message_stop; the message is truncated", "");
    }
    if (failure != null) {
      errors.addLast(failure);
    }
    Optional<AnthropicMessage> message = Optional.empty();
    if (started || !blocks.isEmpty() || usage != null || stopReason != null) {
      List<ContentBlock> content = new ArrayList<>(blocks.size());
      for (Block block : blocks.values()) {
        content.add(block.toContentBlock());
      }
      message = Optional.of(new AnthropicMessage(Optional.ofNullable(id), Optional.ofNullable(model),
          Optional.ofNullable(role), content, Optional.ofNullable(stopReason), Optional.ofNullable(stopSequence),
          Optional.ofNullable(usage), extra));
    }
    return new MessagesResult(message, errors.kept(), errors.notKept(), diagnostics.summaries(),
        diagnostics.occurrences(), diagnostics.occurrencesNotKept(), stopReceived, !stopReceived);
  }

  /** A block being assembled. */
  private final class Block {
    final int index;
    final ContentBlock start;
    final StringBuilder text;
    final StringBuilder thinking;
    /** The {@code input_json_delta} pieces; null until the first one. */
    StringBuilder json;
    String signature;
    final List<JsonNode> citations;
    boolean stopped;
    JsonNode parsedInput;

    Block(int index, ContentBlock start) {
      this.index = index;
      this.start = start;
      this.text = new StringBuilder(start.text());
      this.thinking = new StringBuilder(start.thinking());
      this.signature = start.signature().orElse(null);
      this.citations = new ArrayList<>(start.citations());
    }

    void apply(DeltaType.Known type, Delta delta) {
      BlockType.Known blockType = start.type().known().orElse(null);
      switch (type) {
        case TEXT_DELTA:
          fits(blockType == BlockType.Known.TEXT, type);
          text.append(delta.text().orElse(""));
          break;
        case INPUT_JSON_DELTA:
          fits(blockType == BlockType.Known.TOOL_USE || blockType == BlockType.Known.SERVER_TOOL_USE
              || blockType == BlockType.Known.MCP_TOOL_USE, type);
          if (json == null) {
            json = new StringBuilder();
          }
          json.append(delta.partialJson().orElse(""));
          break;
        case THINKING_DELTA:
          fits(blockType == BlockType.Known.THINKING, type);
          thinking.append(delta.thinking().orElse(""));
          break;
        case SIGNATURE_DELTA:
          fits(blockType == BlockType.Known.THINKING, type);
          delta.signature().ifPresent(s -> signature = s);
          break;
        case CITATIONS_DELTA:
          fits(blockType == BlockType.Known.TEXT, type);
          delta.citation().ifPresent(citations::add);
          break;
        default:
          throw new AssertionError(type);
      }
    }

    private void fits(boolean fits, DeltaType.Known type) {
      if (!fits) {
        found(DELTA_TYPE_MISMATCH, "a " + type.raw() + " for block " + index + " of type " + start.type()
            + "; applied", "index " + index);
      }
    }

    ContentBlock toContentBlock() {
      Optional<JsonNode> input;
      String inputJson = json == null ? "" : json.toString();
      if (parsedInput != null) {
        input = Optional.of(parsedInput);
      } else if (inputJson.isBlank()) {
        // no piece (or only empty ones): the start block's input, {} for a tool call that takes no argument
        input = start.input().isPresent() || json == null ? start.input()
            : Optional.of(Json.MAPPER.createObjectNode());
      } else {
        input = Optional.empty();
      }
      return new ContentBlock(start.type(), text.toString(), start.id(), start.name(), input, inputJson,
          thinking.toString(), Optional.ofNullable(signature), start.data(), citations, start.extra());
    }
  }
}
