package io.github.ssekit.openai.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ssekit.openai.internal.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The body of a Chat Completions request, serialised to the JSON OpenAI-compatible providers accept.
 * Streaming is on by default ({@code "stream": true}); {@link Builder#extra} adds provider-specific members
 * (for example OpenRouter's {@code provider} routing, vLLM's {@code top_k}) and overrides any member.
 *
 * <pre>{@code
 * ChatRequest request = ChatRequest.builder("gpt-4o-mini")
 *     .system("Be brief.")
 *     .user("Weather in Paris?")
 *     .addFunction("get_weather", "Current weather", weatherSchemaJson)
 *     .includeUsage(true)
 *     .build();
 * byte[] body = request.toJsonBytes();
 * }</pre>
 *
 * <p>Immutable. {@link #toString()} shows the model and counts only: messages may be private.
 */
public final class ChatRequest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ObjectNode body;
  private final String model;
  private final int messageCount;

  private ChatRequest(ObjectNode body, String model, int messageCount) {
    this.body = body;
    this.model = model;
    this.messageCount = messageCount;
  }

  /** A builder for a request to {@code model}. */
  public static Builder builder(String model) {
    return new Builder(model);
  }

  /** The model. */
  public String model() {
    return model;
  }

  /** The body as compact JSON text. */
  public String toJson() {
    return Json.write(body);
  }

  /** The body as UTF-8 JSON bytes. */
  public byte[] toJsonBytes() {
    return Json.writeBytes(body);
  }

  /** A copy of the body as a JSON tree. */
  public ObjectNode toJsonTree() {
    return body.deepCopy();
  }

  @Override
  public String toString() {
    return "ChatRequest[model=" + model + ", messages=" + messageCount + ", stream=" + body.path("stream").asBoolean()
        + "]";
  }

  /** One message of the conversation. Immutable. */
  public static final class Message {
    private final ObjectNode node;

    private Message(ObjectNode node) {
      this.node = node;
    }

    private static Message text(String role, String content) {
      ObjectNode node = NODES.objectNode().put("role", role);
      node.put("content", Objects.requireNonNull(content, "content"));
      return new Message(node);
    }

    /** A system message. */
    public static Message system(String content) {
      return text("system", content);
    }

    /** A developer message (the newer name for system instructions). */
    public static Message developer(String content) {
      return text("developer", content);
    }

    /** A user message of plain text. */
    public static Message user(String content) {
      return text("user", content);
    }

    /** A user message of parts: text and images. */
    public static Message user(List<ContentPart> parts) {
      ObjectNode node = NODES.objectNode().put("role", "user");
      ArrayNode content = node.putArray("content");
      for (ContentPart part : parts) {
        content.add(part.node.deepCopy());
      }
      return new Message(node);
    }

    /** An assistant message of plain text (an earlier answer in the conversation). */
    public static Message assistant(String content) {
      return text("assistant", content);
    }

    /** An assistant message that made tool calls ({@code content} may be null). */
    public static Message assistant(String content, List<ToolCallParam> toolCalls) {
      ObjectNode node = NODES.objectNode().put("role", "assistant");
      if (content == null) {
        node.putNull("content");
      } else {
        node.put("content", content);
      }
      ArrayNode calls = node.putArray("tool_calls");
      for (ToolCallParam call : toolCalls) {
        ObjectNode entry = calls.addObject().put("id", call.id()).put("type", "function");
        entry.putObject("function").put("name", call.name()).put("arguments", call.arguments());
      }
      return new Message(node);
    }

    /** The result of the tool call {@code toolCallId}. */
    public static Message tool(String toolCallId, String content) {
      ObjectNode node = text("tool", content).node;
      node.put("tool_call_id", Objects.requireNonNull(toolCallId, "toolCallId"));
      return new Message(node);
    }

    /** A message given as raw JSON, for shapes this builder does not cover. */
    public static Message raw(ObjectNode message) {
      return new Message(message.deepCopy());
    }

    @Override
    public String toString() {
      return "Message[role=" + node.path("role").asText() + "]";
    }
  }

  /**
   * A tool call made by the assistant earlier in the conversation, to send back with its result.
   *
   * @param id the call id
   * @param name the function name
   * @param arguments the argument JSON text
   */
  public record ToolCallParam(String id, String name, String arguments) {
    /** Rejects nulls. */
    public ToolCallParam {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(arguments, "arguments");
    }

    /** The call as the accumulator assembled it (a missing id or name becomes {@code ""}). */
    public static ToolCallParam of(ToolCall call) {
      return new ToolCallParam(call.id().orElse(""), call.name().orElse(""), call.arguments());
    }
  }

  /** A part of a user message: text or an image. Immutable. */
  public static final class ContentPart {
    private final ObjectNode node;

    private ContentPart(ObjectNode node) {
      this.node = node;
    }

    /** A text part. */
    public static ContentPart text(String text) {
      return new ContentPart(NODES.objectNode().put("type", "text").put("text", Objects.requireNonNull(text, "text")));
    }

    /** An image by URL (an {@code https:} URL or a {@code data:} URL). */
    public static ContentPart imageUrl(String url) {
      ObjectNode node = NODES.objectNode().put("type", "image_url");
      node.putObject("image_url").put("url", Objects.requireNonNull(url, "url"));
      return new ContentPart(node);
    }

    /** An image by URL with a detail level ({@code low}, {@code high}, {@code auto}). */
    public static ContentPart imageUrl(String url, String detail) {
      ContentPart part = imageUrl(url);
      ((ObjectNode) part.node.get("image_url")).put("detail", Objects.requireNonNull(detail, "detail"));
      return part;
    }

    @Override
    public String toString() {
      return "ContentPart[type=" + node.path("type").asText() + "]";
    }
  }

  /** Builds a {@link ChatRequest}. Members are written in the order they are first set; extras last. */
  public static final class Builder {
    private final String model;
    private final List<Message> messages = new ArrayList<>();
    private final ArrayNode tools = NODES.arrayNode();
    private final ObjectNode options = NODES.objectNode();
    private final Map<String, JsonNode> extras = new LinkedHashMap<>();
    private JsonNode toolChoice;
    private boolean stream = true;
    private Boolean includeUsage;

    private Builder(String model) {
      this.model = Objects.requireNonNull(model, "model");
    }

    /** Adds a message. */
    public Builder addMessage(Message message) {
      messages.add(Objects.requireNonNull(message, "message"));
      return this;
    }

    /** Adds a system message. */
    public Builder system(String content) {
      return addMessage(Message.system(content));
    }

    /** Adds a user message of plain text. */
    public Builder user(String content) {
      return addMessage(Message.user(content));
    }

    /** Adds a user message of text and image parts. */
    public Builder user(ContentPart... parts) {
      return addMessage(Message.user(List.of(parts)));
    }

    /** Adds a function tool; {@code parameters} is a JSON Schema object. */
    public Builder addFunction(String name, String description, JsonNode parameters) {
      ObjectNode tool = tools.addObject().put("type", "function");
      ObjectNode function = tool.putObject("function").put("name", Objects.requireNonNull(name, "name"));
      if (description != null) {
        function.put("description", description);
      }
      if (parameters != null) {
        function.set("parameters", parameters.deepCopy());
      }
      return this;
    }

    /** Adds a function tool with its JSON Schema given as text. */
    public Builder addFunction(String name, String description, String parametersJson) {
      return addFunction(name, description, parametersJson == null ? null : parse(parametersJson));
    }

    /** {@code tool_choice} as a mode: {@code auto}, {@code none} or {@code required}. */
    public Builder toolChoice(String mode) {
      this.toolChoice = NODES.textNode(Objects.requireNonNull(mode, "mode"));
      return this;
    }

    /** {@code tool_choice} forcing the function {@code name}. */
    public Builder toolChoiceFunction(String name) {
      ObjectNode choice = NODES.objectNode().put("type", "function");
      choice.putObject("function").put("name", Objects.requireNonNull(name, "name"));
      this.toolChoice = choice;
      return this;
    }

    /** {@code temperature}. */
    public Builder temperature(double temperature) {
      options.put("temperature", temperature);
      return this;
    }

    /** {@code top_p}. */
    public Builder topP(double topP) {
      options.put("top_p", topP);
      return this;
    }

    /** {@code max_tokens} (older providers; OpenAI now prefers {@link #maxCompletionTokens}). */
    public Builder maxTokens(int maxTokens) {
      options.put("max_tokens", maxTokens);
      return this;
    }

    /** {@code max_completion_tokens}. */
    public Builder maxCompletionTokens(int maxCompletionTokens) {
      options.put("max_completion_tokens", maxCompletionTokens);
      return this;
    }

    /** {@code n}: how many choices to generate. */
    public Builder n(int n) {
      options.put("n", n);
      return this;
    }

    /** {@code seed}. */
    public Builder seed(long seed) {
      options.put("seed", seed);
      return this;
    }

    /** {@code stop} sequences. */
    public Builder stop(String... stop) {
      ArrayNode array = options.putArray("stop");
      for (String s : stop) {
        array.add(s);
      }
      return this;
    }

    /** {@code presence_penalty}. */
    public Builder presencePenalty(double penalty) {
      options.put("presence_penalty", penalty);
      return this;
    }

    /** {@code frequency_penalty}. */
    public Builder frequencyPenalty(double penalty) {
      options.put("frequency_penalty", penalty);
      return this;
    }

    /** {@code parallel_tool_calls}. */
    public Builder parallelToolCalls(boolean parallel) {
      options.put("parallel_tool_calls", parallel);
      return this;
    }

    /** {@code response_format}, raw (for example {@code {"type":"json_object"}}). */
    public Builder responseFormat(JsonNode format) {
      options.set("response_format", format.deepCopy());
      return this;
    }

    /** {@code reasoning_effort} ({@code low}, {@code medium}, {@code high}, ...). */
    public Builder reasoningEffort(String effort) {
      options.put("reasoning_effort", effort);
      return this;
    }

    /** {@code stream} (default true). */
    public Builder stream(boolean stream) {
      this.stream = stream;
      return this;
    }

    /** {@code stream_options.include_usage}: ask for a final usage chunk. */
    public Builder includeUsage(boolean includeUsage) {
      this.includeUsage = includeUsage;
      return this;
    }

    /**
     * A provider-specific member, written last; it replaces a member of the same name. {@code value} is anything
     * Jackson can serialise (a string, number, boolean, map, list, {@link JsonNode}); null writes JSON null.
     */
    public Builder extra(String name, Object value) {
      extras.put(Objects.requireNonNull(name, "name"), Json.MAPPER.valueToTree(value));
      return this;
    }

    /** The request. Fails when there is no message or the model is blank. */
    public ChatRequest build() {
      if (model.isBlank()) {
        throw new IllegalStateException("the model is blank");
      }
      if (messages.isEmpty()) {
        throw new IllegalStateException("a chat request needs at least one message");
      }
      ObjectNode body = NODES.objectNode().put("model", model);
      ArrayNode array = body.putArray("messages");
      messages.forEach(m -> array.add(m.node.deepCopy()));
      if (!tools.isEmpty()) {
        body.set("tools", tools.deepCopy());
      }
      if (toolChoice != null) {
        body.set("tool_choice", toolChoice.deepCopy());
      }
      body.setAll(options.deepCopy());
      body.put("stream", stream);
      if (includeUsage != null) {
        body.putObject("stream_options").put("include_usage", includeUsage);
      }
      extras.forEach((name, value) -> body.set(name, value.deepCopy()));
      return new ChatRequest(body, model, messages.size());
    }

    private static JsonNode parse(String json) {
      try {
        return Json.MAPPER.readTree(json);
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("the parameters are not JSON: " + e.getMessage(), e);
      }
    }
  }
}
