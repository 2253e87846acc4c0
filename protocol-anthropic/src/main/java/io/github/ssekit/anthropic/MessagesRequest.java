package io.github.ssekit.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ssekit.anthropic.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The body of a streaming {@code POST /v1/messages}: {@code "stream": true} always, the model, {@code max_tokens},
 * system, messages, tools, thinking and anything else a server takes ({@link Builder#extra}).
 *
 * <pre>{@code
 * byte[] body = MessagesRequest.builder("claude-sonnet-4-5", 1024)
 *     .system("Be brief.")
 *     .user("What is the weather in Paris?")
 *     .addTool("get_weather", "Current weather", schema)
 *     .thinking(2048)
 *     .build().toJsonBytes();
 * }</pre>
 *
 * @param body the JSON body; a copy is kept and returned
 */
public record MessagesRequest(ObjectNode body) {

  /** Copies the body. */
  public MessagesRequest {
    body = Objects.requireNonNull(body, "body").deepCopy();
  }

  /** The body, a copy. */
  @Override
  public ObjectNode body() {
    return body.deepCopy();
  }

  /** The body as JSON text. */
  public String toJson() {
    return Json.write(body);
  }

  /** The body as UTF-8 JSON. */
  public byte[] toJsonBytes() {
    return toJson().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A builder.
   *
   * @param model the model ({@code claude-sonnet-4-5}, ...)
   * @param maxTokens {@code max_tokens}, required by the API
   * @return the builder
   */
  public static Builder builder(String model, int maxTokens) {
    return new Builder(model, maxTokens);
  }

  /** Options of a {@link MessagesRequest}; members are written in the order set. */
  public static final class Builder {
    private final String model;
    private final int maxTokens;
    private JsonNode system;
    private final ArrayNode messages = Json.MAPPER.createArrayNode();
    private ArrayNode tools;
    private JsonNode toolChoice;
    private JsonNode thinking;
    private Double temperature;
    private final Map<String, JsonNode> extra = new LinkedHashMap<>();

    private Builder(String model, int maxTokens) {
      this.model = Objects.requireNonNull(model, "model");
      if (maxTokens < 1) {
        throw new IllegalArgumentException("maxTokens must be positive: " + maxTokens);
      }
      this.maxTokens = maxTokens;
    }

    /** The system prompt, as text. */
    public Builder system(String system) {
      this.system = Json.MAPPER.getNodeFactory().textNode(Objects.requireNonNull(system, "system"));
      return this;
    }

    /** A user turn with text. */
    public Builder user(String text) {
      return message("user", Json.MAPPER.getNodeFactory().textNode(Objects.requireNonNull(text, "text")));
    }

    /** An assistant turn with text. */
    public Builder assistant(String text) {
      return message("assistant", Json.MAPPER.getNodeFactory().textNode(Objects.requireNonNull(text, "text")));
    }

    /**
     * A turn with any content: a string, or an array of content blocks (text, image, {@code tool_use} of an
     * earlier assistant turn, {@code tool_result}, thinking blocks with their signature, ...).
     *
     * @param role {@code user} or {@code assistant}
     * @param content the content
     * @return this builder
     */
    public Builder message(String role, JsonNode content) {
      ObjectNode message = messages.addObject();
      message.put("role", Objects.requireNonNull(role, "role"));
      message.set("content", Objects.requireNonNull(content, "content").deepCopy());
      return this;
    }

    /**
     * The result of a tool call, as a user turn: {@code {"type":"tool_result","tool_use_id":..,"content":..}}.
     *
     * @param toolUseId the {@code tool_use} block's id
     * @param content the result as text
     * @return this builder
     */
    public Builder toolResult(String toolUseId, String content) {
      ArrayNode blocks = Json.MAPPER.createArrayNode();
      blocks.addObject().put("type", "tool_result").put("tool_use_id", Objects.requireNonNull(toolUseId, "id"))
          .put("content", Objects.requireNonNull(content, "content"));
      return message("user", blocks);
    }

    /**
     * A tool the model may call.
     *
     * @param name its name
     * @param description what it does, for the model
     * @param inputSchema the JSON schema of its input
     * @return this builder
     */
    public Builder addTool(String name, String description, JsonNode inputSchema) {
      if (tools == null) {
        tools = Json.MAPPER.createArrayNode();
      }
      ObjectNode tool = tools.addObject();
      tool.put("name", Objects.requireNonNull(name, "name"));
      if (description != null) {
        tool.put("description", description);
      }
      tool.set("input_schema", Objects.requireNonNull(inputSchema, "inputSchema").deepCopy());
      return this;
    }

    /** {@code tool_choice}: {@code auto}, {@code any} or {@code none}. */
    public Builder toolChoice(String type) {
      this.toolChoice = Json.MAPPER.createObjectNode().put("type", Objects.requireNonNull(type, "type"));
      return this;
    }

    /** Extended thinking with {@code budgetTokens} ({@code {"type":"enabled","budget_tokens":N}}). */
    public Builder thinking(int budgetTokens) {
      if (budgetTokens < 1) {
        throw new IllegalArgumentException("budgetTokens must be positive: " + budgetTokens);
      }
      this.thinking = Json.MAPPER.createObjectNode().put("type", "enabled").put("budget_tokens", budgetTokens);
      return this;
    }

    /** {@code temperature}. */
    public Builder temperature(double temperature) {
      this.temperature = temperature;
      return this;
    }

    /** Any other member ({@code metadata}, {@code stop_sequences}, a gateway's own), written as given. */
    public Builder extra(String name, Object value) {
      extra.put(Objects.requireNonNull(name, "name"), Json.MAPPER.valueToTree(value));
      return this;
    }

    /** The request. */
    public MessagesRequest build() {
      ObjectNode body = Json.MAPPER.createObjectNode();
      body.put("model", model);
      body.put("max_tokens", maxTokens);
      body.put("stream", true);
      if (system != null) {
        body.set("system", system);
      }
      body.set("messages", messages);
      if (tools != null) {
        body.set("tools", tools);
      }
      if (toolChoice != null) {
        body.set("tool_choice", toolChoice);
      }
      if (thinking != null) {
        body.set("thinking", thinking);
      }
      if (temperature != null) {
        body.put("temperature", temperature);
      }
      extra.forEach(body::set);
      return new MessagesRequest(body);
    }
  }
}
