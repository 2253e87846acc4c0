package io.github.ssekit.openai.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ssekit.openai.internal.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The body of a Responses API request ({@code POST /v1/responses}). Streaming is on by default. Input is either
 * one text ({@link Builder#input(String)}) or a list of items (messages, function-call outputs, raw items).
 * {@link Builder#extra} adds provider-specific members and overrides any member.
 *
 * <pre>{@code
 * ResponsesRequest request = ResponsesRequest.builder("gpt-5-nano")
 *     .instructions("Be brief.")
 *     .input("What is 3 + 5?")
 *     .addFunction("add", "Adds two numbers", parametersSchema)
 *     .build();
 * }</pre>
 *
 * <p>Immutable. {@link #toString()} shows the model only: input may be private.
 */
public final class ResponsesRequest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ObjectNode body;
  private final String model;

  private ResponsesRequest(ObjectNode body, String model) {
    this.body = body;
    this.model = model;
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
    return "ResponsesRequest[model=" + model + ", stream=" + body.path("stream").asBoolean() + "]";
  }

  /** Builds a {@link ResponsesRequest}. */
  public static final class Builder {
    private final String model;
    private JsonNode input;
    private final ArrayNode tools = NODES.arrayNode();
    private final ObjectNode options = NODES.objectNode();
    private final Map<String, JsonNode> extras = new LinkedHashMap<>();
    private boolean stream = true;

    private Builder(String model) {
      this.model = Objects.requireNonNull(model, "model");
    }

    /** The input as one text (replaces any input items). */
    public Builder input(String text) {
      this.input = NODES.textNode(Objects.requireNonNull(text, "text"));
      return this;
    }

    private ArrayNode items() {
      if (!(input instanceof ArrayNode)) {
        input = NODES.arrayNode();
      }
      return (ArrayNode) input;
    }

    /** Adds an input message ({@code role}: {@code user}, {@code assistant}, {@code system}, {@code developer}). */
    public Builder addMessage(String role, String text) {
      items().addObject().put("role", Objects.requireNonNull(role, "role"))
          .put("content", Objects.requireNonNull(text, "text"));
      return this;
    }

    /** Adds the output of the function call {@code callId}, to continue after a tool call. */
    public Builder addFunctionCallOutput(String callId, String output) {
      items().addObject().put("type", "function_call_output").put("call_id", Objects.requireNonNull(callId, "callId"))
          .put("output", Objects.requireNonNull(output, "output"));
      return this;
    }

    /** Adds an input item given as raw JSON. */
    public Builder addItem(ObjectNode item) {
      items().add(item.deepCopy());
      return this;
    }

    /** {@code instructions}: the system prompt. */
    public Builder instructions(String instructions) {
      options.put("instructions", instructions);
      return this;
    }

    /** Adds a function tool; {@code parameters} is a JSON Schema object. */
    public Builder addFunction(String name, String description, JsonNode parameters) {
      ObjectNode tool = tools.addObject().put("type", "function").put("name", Objects.requireNonNull(name, "name"));
      if (description != null) {
        tool.put("description", description);
      }
      if (parameters != null) {
        tool.set("parameters", parameters.deepCopy());
      }
      return this;
    }

    /** Adds a tool given as raw JSON (built-in tools such as {@code {"type":"web_search"}}). */
    public Builder addTool(ObjectNode tool) {
      tools.add(tool.deepCopy());
      return this;
    }

    /** {@code tool_choice} as a mode: {@code auto}, {@code none} or {@code required}. */
    public Builder toolChoice(String mode) {
      options.put("tool_choice", mode);
      return this;
    }

    /** {@code temperature}. */
    public Builder temperature(double temperature) {
      options.put("temperature", temperature);
      return this;
    }

    /** {@code max_output_tokens}. */
    public Builder maxOutputTokens(int maxOutputTokens) {
      options.put("max_output_tokens", maxOutputTokens);
      return this;
    }

    /** {@code previous_response_id}: continue a stored conversation. */
    public Builder previousResponseId(String id) {
      options.put("previous_response_id", id);
      return this;
    }

    /** {@code store}. */
    public Builder store(boolean store) {
      options.put("store", store);
      return this;
    }

    /** {@code reasoning.effort} (and optionally {@code reasoning.summary}, null to leave it out). */
    public Builder reasoning(String effort, String summary) {
      ObjectNode reasoning = options.putObject("reasoning").put("effort", effort);
      if (summary != null) {
        reasoning.put("summary", summary);
      }
      return this;
    }

    /** {@code stream} (default true). */
    public Builder stream(boolean stream) {
      this.stream = stream;
      return this;
    }

    /** A provider-specific member, written last; it replaces a member of the same name. */
    public Builder extra(String name, Object value) {
      extras.put(Objects.requireNonNull(name, "name"), Json.MAPPER.valueToTree(value));
      return this;
    }

    /** The request. Fails when there is no input or the model is blank. */
    public ResponsesRequest build() {
      if (model.isBlank()) {
        throw new IllegalStateException("the model is blank");
      }
      if (input == null) {
        throw new IllegalStateException("a Responses request needs input");
      }
      ObjectNode body = NODES.objectNode().put("model", model);
      body.set("input", input.deepCopy());
      if (!tools.isEmpty()) {
        body.set("tools", tools.deepCopy());
      }
      body.setAll(options.deepCopy());
      body.put("stream", stream);
      extras.forEach((name, value) -> body.set(name, value.deepCopy()));
      return new ResponsesRequest(body, model);
    }
  }
}
