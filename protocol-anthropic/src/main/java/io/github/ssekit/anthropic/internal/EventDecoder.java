package io.github.ssekit.anthropic.internal;

import static io.github.ssekit.anthropic.AnthropicDiagnostics.EMPTY_DATA;
import static io.github.ssekit.anthropic.AnthropicDiagnostics.INVALID_JSON;
import static io.github.ssekit.anthropic.AnthropicDiagnostics.MISSING_INDEX;
import static io.github.ssekit.anthropic.AnthropicDiagnostics.MISSING_TYPE;
import static io.github.ssekit.anthropic.AnthropicDiagnostics.NON_OBJECT_PAYLOAD;
import static io.github.ssekit.anthropic.AnthropicDiagnostics.OPENAI_PAYLOAD;
import static io.github.ssekit.anthropic.AnthropicDiagnostics.TYPE_MISMATCH;
import static io.github.ssekit.anthropic.AnthropicDiagnostics.UNKNOWN_EVENT_TYPE;
import static io.github.ssekit.anthropic.AnthropicDiagnostics.UNNAMED_EVENT;
import static io.github.ssekit.anthropic.AnthropicDiagnostics.UNTYPED_ERROR;
import static io.github.ssekit.anthropic.AnthropicDiagnostics.USAGE_IN_DELTA;
import static io.github.ssekit.anthropic.AnthropicDiagnostics.WRONG_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ssekit.anthropic.AnthropicEvent;
import io.github.ssekit.anthropic.AnthropicMessage;
import io.github.ssekit.anthropic.AnthropicStreamException;
import io.github.ssekit.anthropic.BlockType;
import io.github.ssekit.anthropic.ContentBlock;
import io.github.ssekit.anthropic.Delta;
import io.github.ssekit.anthropic.DeltaType;
import io.github.ssekit.anthropic.StopReason;
import io.github.ssekit.anthropic.Usage;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.protocol.DecodeOutcome;
import io.github.ssekit.sse.protocol.Diagnostic;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Decodes one event of a Messages stream: lenient (a member of the wrong JSON type is dropped and reported, the
 * rest kept; members the model does not name go to {@code extra}), never throwing for bad input. Stateless: the
 * order of events is the accumulator's business.
 */
public final class EventDecoder {
  /** The event names the protocol consumes: the eight of the Messages API and unnamed events. */
  public static final Set<String> EVENT_NAMES = Set.of("message_start", "content_block_start",
      "content_block_delta", "content_block_stop", "message_delta", "message_stop", "ping", "error", "message");

  private static final Set<String> BLOCK_MEMBERS = Set.of("type", "text", "id", "name", "input", "thinking",
      "signature", "data", "citations");
  private static final Set<String> DELTA_MEMBERS = Set.of("type", "text", "partial_json", "thinking", "signature",
      "citation");
  private static final Set<String> MESSAGE_MEMBERS = Set.of("id", "model", "role", "content", "stop_reason",
      "stop_sequence", "usage");
  private static final Set<String> USAGE_MEMBERS = Set.of("input_tokens", "output_tokens",
      "cache_creation_input_tokens", "cache_read_input_tokens");

  private EventDecoder() {}

  /** Decodes {@code event}, of a name in {@link #EVENT_NAMES}. */
  public static DecodeOutcome<AnthropicEvent> decode(SseEvent event) {
    return new Reading(event.data()).decode(event.type());
  }

  /** The decoding of one event: its data and the diagnostics found so far. */
  private static final class Reading {
    private final String data;
    private final List<Diagnostic> diagnostics = new ArrayList<>(1);

    Reading(String data) {
      this.data = data;
    }

    private void report(String code, String message) {
      diagnostics.add(Diagnostic.of(code, message, data));
    }

    DecodeOutcome<AnthropicEvent> decode(String name) {
      if ("ping".equals(name)) {
        // a keep-alive whatever it carries: {"type":"ping"}, nothing, or a timestamp
        return DecodeOutcome.keepAlive(diagnostics);
      }
      if (data.isBlank()) {
        report(EMPTY_DATA, "an event '" + name + "' with empty data; skipped");
        return DecodeOutcome.ignored(diagnostics);
      }
      if ("[DONE]".equals(data.strip())) {
        report(OPENAI_PAYLOAD, "an OpenAI-style [DONE] on a Messages stream; skipped (message_stop ends a message)");
        return DecodeOutcome.ignored(diagnostics);
      }
      Optional<JsonNode> parsed = Json.parse(data);
      if (parsed.isEmpty()) {
        report(INVALID_JSON, "the data of an event '" + name + "' is not one JSON value");
        return "error".equals(name) ? error(null, data) : DecodeOutcome.ignored(diagnostics);
      }
      JsonNode payload = parsed.get();
      if (!payload.isObject()) {
        report(NON_OBJECT_PAYLOAD, "the data of an event '" + name + "' is JSON but not an object");
        return "error".equals(name) ? error(null, data) : DecodeOutcome.ignored(diagnostics);
      }
      JsonNode typeNode = payload.get("type");
      String type = typeNode != null && typeNode.isTextual() ? typeNode.asText() : null;
      if ("message".equals(name)) {
        if (type == null) {
          if (payload.has("choices") || payload.has("object")) {
            report(OPENAI_PAYLOAD, "an OpenAI Chat Completions payload on a Messages stream; skipped");
            return DecodeOutcome.ignored(diagnostics);
          }
          if (payload.has("error")) {
            report(UNTYPED_ERROR, "an error payload without type; an error all the same");
            return error(payload.get("error"), data);
          }
          report(UNKNOWN_EVENT_TYPE, "an unnamed event whose payload has no type; skipped");
          return DecodeOutcome.ignored(diagnostics);
        }
        report(UNNAMED_EVENT, "an event without a name; its payload's type '" + type + "' is used");
      } else if (type == null) {
        if (typeNode != null) {
          report(WRONG_TYPE, "the payload's type is not a string; the event's name '" + name + "' is used");
        } else {
          report(MISSING_TYPE, "the payload has no type; the event's name '" + name + "' is used");
        }
        type = name;
      } else if (!type.equals(name)) {
        report(TYPE_MISMATCH, "an event named '" + name + "' whose payload's type is '" + type + "'; the type is used");
      }
      return decode(type, payload);
    }

    private DecodeOutcome<AnthropicEvent> decode(String type, JsonNode payload) {
      switch (type) {
        case "message_start":
          return value(new AnthropicEvent.MessageStart(message(payload.get("message")),
              extra(payload, Set.of("type", "message"))));
        case "content_block_start":
          return value(new AnthropicEvent.ContentBlockStart(index(payload),
              block(payload.get("content_block"), "content_block"), extra(payload, Set.of("type", "index",
              "content_block"))));
        case "content_block_delta":
          return value(new AnthropicEvent.ContentBlockDelta(index(payload), delta(payload.get("delta")),
              extra(payload, Set.of("type", "index", "delta"))));
        case "content_block_stop":
          return value(new AnthropicEvent.ContentBlockStop(index(payload), extra(payload, Set.of("type", "index"))));
        case "message_delta":
          return messageDelta(payload);
        case "message_stop":
          return value(new AnthropicEvent.MessageStop(extra(payload, Set.of("type"))));
        case "ping":
          return DecodeOutcome.keepAlive(diagnostics);
        case "error":
          return error(payload.get("error") != null ? payload.get("error") : payload, data);
        default:
          report(UNKNOWN_EVENT_TYPE, "an event of type '" + type + "', which this protocol does not know; skipped");
          return DecodeOutcome.ignored(diagnostics);
      }
    }

    private DecodeOutcome<AnthropicEvent> value(AnthropicEvent event) {
      return DecodeOutcome.value(event, diagnostics);
    }

    private DecodeOutcome<AnthropicEvent> error(JsonNode error, String raw) {
      String errorType = null;
      String message = null;
      if (error != null && error.isObject()) {
        JsonNode t = error.get("type");
        errorType = t != null && t.isTextual() && !"error".equals(t.asText()) ? t.asText() : null;
        JsonNode m = error.get("message");
        message = m != null && m.isTextual() ? m.asText() : null;
      } else if (error != null && error.isTextual()) {
        message = error.asText();
      }
      return DecodeOutcome.error(new AnthropicStreamException(errorType, message, raw), diagnostics);
    }

    private DecodeOutcome<AnthropicEvent> messageDelta(JsonNode payload) {
      JsonNode delta = payload.get("delta");
      Optional<StopReason> stopReason = Optional.empty();
      Optional<String> stopSequence = Optional.empty();
      Optional<Usage> usage = usage(payload.get("usage"), "usage");
      Map<String, JsonNode> deltaExtra = Map.of();
      if (delta != null && delta.isObject()) {
        stopReason = string(delta, "stop_reason").map(StopReason::of);
        stopSequence = string(delta, "stop_sequence");
        if (delta.has("usage")) {
          Optional<Usage> inDelta = usage(delta.get("usage"), "delta.usage");
          if (usage.isEmpty() && inDelta.isPresent()) {
            report(USAGE_IN_DELTA, "message_delta carries usage inside delta; used");
            usage = inDelta;
          }
        }
        deltaExtra = extra(delta, Set.of("stop_reason", "stop_sequence", "usage"));
      } else if (delta != null && !delta.isNull()) {
        report(WRONG_TYPE, "message_delta's delta is not an object; dropped");
      }
      return value(new AnthropicEvent.MessageDelta(stopReason, stopSequence, usage, deltaExtra,
          extra(payload, Set.of("type", "delta", "usage"))));
    }

    private AnthropicMessage message(JsonNode message) {
      if (message == null || !message.isObject()) {
        if (message != null && !message.isNull()) {
          report(WRONG_TYPE, "message_start's message is not an object; dropped");
        }
        return new AnthropicMessage(Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
            Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
      }
      List<ContentBlock> content = new ArrayList<>();
      JsonNode blocks = message.get("content");
      if (blocks != null && blocks.isArray()) {
        for (JsonNode block : blocks) {
          content.add(block(block, "message.content[]"));
        }
      } else if (blocks != null && !blocks.isNull()) {
        report(WRONG_TYPE, "message.content is not an array; dropped");
      }
      return new AnthropicMessage(string(message, "id"), string(message, "model"), string(message, "role"),
          content, string(message, "stop_reason").map(StopReason::of), string(message, "stop_sequence"),
          usage(message.get("usage"), "message.usage"), extra(message, MESSAGE_MEMBERS));
    }

    private ContentBlock block(JsonNode block, String where) {
      if (block == null || !block.isObject()) {
        report(WRONG_TYPE, where + " is missing or not an object; an empty text block is used");
        return ContentBlock.empty(BlockType.TEXT);
      }
      Optional<String> type = string(block, "type");
      if (type.isEmpty()) {
        report(MISSING_TYPE, where + " has no type; taken as a text block");
      }
      List<JsonNode> citations = new ArrayList<>();
      JsonNode cited = block.get("citations");
      if (cited != null && cited.isArray()) {
        cited.forEach(citations::add);
      } else if (cited != null && !cited.isNull()) {
        report(WRONG_TYPE, where + ".citations is not an array; dropped");
      }
      JsonNode input = block.get("input");
      return new ContentBlock(type.map(BlockType::of).orElse(BlockType.TEXT), string(block, "text").orElse(""),
          string(block, "id"), string(block, "name"),
          input == null || input.isNull() ? Optional.empty() : Optional.of(input), "",
          string(block, "thinking").orElse(""), string(block, "signature"), string(block, "data"), citations,
          extra(block, BLOCK_MEMBERS));
    }

    private Delta delta(JsonNode delta) {
      if (delta == null || !delta.isObject()) {
        report(WRONG_TYPE, "content_block_delta's delta is missing or not an object");
        return new Delta(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Map.of());
      }
      JsonNode citation = delta.get("citation");
      return new Delta(string(delta, "type").map(DeltaType::of), string(delta, "text"),
          string(delta, "partial_json"), string(delta, "thinking"), string(delta, "signature"),
          citation == null || citation.isNull() ? Optional.empty() : Optional.of(citation),
          extra(delta, DELTA_MEMBERS));
    }

    private Optional<Usage> usage(JsonNode usage, String where) {
      if (usage == null || usage.isNull()) {
        return Optional.empty();
      }
      if (!usage.isObject()) {
        report(WRONG_TYPE, where + " is not an object; dropped");
        return Optional.empty();
      }
      return Optional.of(new Usage(count(usage, "input_tokens"), count(usage, "output_tokens"),
          count(usage, "cache_creation_input_tokens"), count(usage, "cache_read_input_tokens"),
          extra(usage, USAGE_MEMBERS)));
    }

    private OptionalLong count(JsonNode object, String member) {
      JsonNode node = object.get(member);
      if (node == null || node.isNull()) {
        return OptionalLong.empty();
      }
      if (node.isIntegralNumber() && node.canConvertToLong()) {
        return OptionalLong.of(node.asLong());
      }
      report(WRONG_TYPE, "usage." + member + " is not an integer; dropped");
      return OptionalLong.empty();
    }

    private OptionalInt index(JsonNode payload) {
      JsonNode node = payload.get("index");
      if (node == null || node.isNull()) {
        report(MISSING_INDEX, "a block event without index; the block is found by position");
        return OptionalInt.empty();
      }
      if (node.isIntegralNumber() && node.canConvertToInt() && node.asInt() >= 0) {
        return OptionalInt.of(node.asInt());
      }
      report(WRONG_TYPE, "index is not a non-negative integer; the block is found by position");
      return OptionalInt.empty();
    }

    private Optional<String> string(JsonNode object, String member) {
      JsonNode node = object.get(member);
      if (node == null || node.isNull()) {
        return Optional.empty();
      }
      if (node.isTextual()) {
        return Optional.of(node.asText());
      }
      report(WRONG_TYPE, member + " is not a string; dropped");
      return Optional.empty();
    }

    private static Map<String, JsonNode> extra(JsonNode object, Set<String> named) {
      Map<String, JsonNode> extra = null;
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> member = it.next();
        if (!named.contains(member.getKey())) {
          if (extra == null) {
            extra = new LinkedHashMap<>();
          }
          extra.put(member.getKey(), member.getValue());
        }
      }
      return extra == null ? Map.of() : extra;
    }
  }
}
