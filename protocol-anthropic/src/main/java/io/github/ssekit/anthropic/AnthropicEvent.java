package io.github.ssekit.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ssekit.anthropic.internal.Json;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One event of a Messages stream, as the protocol decoded it. {@code ping} is a keep-alive and {@code error} an
 * error, so neither is a value; the other six named events are:
 * {@link MessageStart}, {@link ContentBlockStart}, {@link ContentBlockDelta}, {@link ContentBlockStop},
 * {@link MessageDelta}, {@link MessageStop}. Each keeps the members it does not name in {@code extra()}.
 */
public sealed interface AnthropicEvent {

  /** The event's type, as on the wire ({@code message_start}, ...). */
  String type();

  /** The members of the event's payload that its type does not name, as sent. */
  Map<String, JsonNode> extra();

  /**
   * {@code message_start}: the message's id, model and first usage.
   *
   * @param message the snapshot (its content is usually empty)
   * @param extra the payload's other members
   */
  record MessageStart(AnthropicMessage message, Map<String, JsonNode> extra) implements AnthropicEvent {
    /** Rejects nulls; copies {@code extra}. */
    public MessageStart {
      Objects.requireNonNull(message, "message");
      extra = Json.copy(extra);
    }

    @Override
    public String type() {
      return "message_start";
    }
  }

  /**
   * {@code content_block_start}: a block begins.
   *
   * @param index the block's index; empty when the server sent none
   * @param block the block as announced (a tool call's id and name, a text block's empty text)
   * @param extra the payload's other members
   */
  record ContentBlockStart(OptionalInt index, ContentBlock block, Map<String, JsonNode> extra)
      implements AnthropicEvent {
    /** Rejects nulls; copies {@code extra}. */
    public ContentBlockStart {
      Objects.requireNonNull(index, "index");
      Objects.requireNonNull(block, "block");
      extra = Json.copy(extra);
    }

    @Override
    public String type() {
      return "content_block_start";
    }
  }

  /**
   * {@code content_block_delta}: a piece of a block.
   *
   * @param index the block's index; empty when the server sent none
   * @param delta the piece
   * @param extra the payload's other members
   */
  record ContentBlockDelta(OptionalInt index, Delta delta, Map<String, JsonNode> extra) implements AnthropicEvent {
    /** Rejects nulls; copies {@code extra}. */
    public ContentBlockDelta {
      Objects.requireNonNull(index, "index");
      Objects.requireNonNull(delta, "delta");
      extra = Json.copy(extra);
    }

    @Override
    public String type() {
      return "content_block_delta";
    }
  }

  /**
   * {@code content_block_stop}: a block is complete.
   *
   * @param index the block's index; empty when the server sent none
   * @param extra the payload's other members
   */
  record ContentBlockStop(OptionalInt index, Map<String, JsonNode> extra) implements AnthropicEvent {
    /** Rejects nulls; copies {@code extra}. */
    public ContentBlockStop {
      Objects.requireNonNull(index, "index");
      extra = Json.copy(extra);
    }

    @Override
    public String type() {
      return "content_block_stop";
    }
  }

  /**
   * {@code message_delta}: the stop reason and the usage so far.
   *
   * @param stopReason {@code delta.stop_reason}; empty when absent or null
   * @param stopSequence {@code delta.stop_sequence}; empty when absent or null
   * @param usage {@code usage} (or, from servers that put it there, {@code delta.usage})
   * @param deltaExtra the other members of {@code delta} ({@code stop_details}, {@code container}, ...)
   * @param extra the payload's other members
   */
  record MessageDelta(Optional<StopReason> stopReason, Optional<String> stopSequence, Optional<Usage> usage,
      Map<String, JsonNode> deltaExtra, Map<String, JsonNode> extra) implements AnthropicEvent {
    /** Rejects nulls; copies the maps. */
    public MessageDelta {
      Objects.requireNonNull(stopReason, "stopReason");
      Objects.requireNonNull(stopSequence, "stopSequence");
      Objects.requireNonNull(usage, "usage");
      deltaExtra = Json.copy(deltaExtra);
      extra = Json.copy(extra);
    }

    @Override
    public String type() {
      return "message_delta";
    }
  }

  /**
   * {@code message_stop}: the message is complete; the stream is over.
   *
   * @param extra the payload's members other than {@code type} (Amazon Bedrock adds metrics here)
   */
  record MessageStop(Map<String, JsonNode> extra) implements AnthropicEvent {
    /** Copies {@code extra}. */
    public MessageStop {
      extra = Json.copy(extra);
    }

    @Override
    public String type() {
      return "message_stop";
    }
  }
}
