package io.github.ssekit.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.anthropic.core.ObjectMappers;
import com.anthropic.models.messages.Message;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ssekit.anthropic.AnthropicMessage;
import io.github.ssekit.anthropic.ContentBlock;
import io.github.ssekit.anthropic.MessagesResult;
import io.github.ssekit.anthropic.MessagesStream;
import io.github.ssekit.anthropic.Usage;
import io.github.ssekit.benchmarks.anthropic.AnthropicJavaPipeline;
import io.github.ssekit.benchmarks.anthropic.MessagesPipeline;
import io.github.ssekit.benchmarks.pipeline.Assembled;
import io.github.ssekit.benchmarks.workload.Input;
import io.github.ssekit.benchmarks.workload.Workloads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * protocol-anthropic and the official anthropic-java SDK, side by side on protocol-anthropic's test streams: on the
 * well-formed ones both assemble the same message (compared as JSON: id, model, stop reason and sequence, usage,
 * and every block's type, text, tool id, name and input, thinking, signature, redacted data and citations); on the
 * deviating ones, what each does is written to {@code target/anthropic-deviations.md} (the table in
 * BENCHMARKS.md), with the differences that matter asserted.
 */
class AnthropicEquivalenceTest {
  private static final Path STREAMS = Path.of("..", "protocol-anthropic", "src", "test", "resources", "streams");
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The streams after Anthropic's documented shapes. */
  private static final List<String> WELL_FORMED = List.of("text", "crlf-line-endings", "tool-use", "thinking",
      "redacted-thinking", "citations", "server-tool", "content-in-start-blocks", "empty-deltas", "ping-variants",
      "usage-zero-at-start");

  static Stream<String> wellFormed() {
    return WELL_FORMED.stream();
  }

  private static byte[] bytes(String name) throws IOException {
    return Files.readAllBytes(STREAMS.resolve(name + ".sse"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wellFormed")
  void bothAssembleTheSameMessage(String name) throws Exception {
    byte[] stream = bytes(name);
    MessagesResult ours = MessagesStream.decode(stream);
    assertEquals(List.of(), ours.diagnosticCodes(), name + " is well-formed");
    Message sdk = new AnthropicJavaPipeline().message(stream);
    assertEquals(normalise(ObjectMappers.jsonMapper().valueToTree(sdk)), normalise(toJson(ours.message().get())));
  }

  @Test
  void aLaterMessageDeltaWithoutStopReasonErasesTheSdksButNotOurs() throws Exception {
    byte[] stream = bytes("stop-reason-kept");
    assertEquals("stop_sequence", MessagesStream.decode(stream).message().get().stopReason().get().raw());
    // anthropic-java assigns message_delta's stop_reason unconditionally (as its Python and TypeScript siblings did,
    // anthropic-sdk-python#1940): the null of a later delta erases the reason an earlier one set
    assertEquals(java.util.Optional.empty(), new AnthropicJavaPipeline().message(stream).stopReason());
  }

  @Test
  void theBenchmarkWorkloadAssemblesTheSame() throws Exception {
    Input input = Workloads.anthropic(1000, Workloads.BUFFERS_4K);
    List<Assembled> results = new ArrayList<>();
    for (MessagesPipeline pipeline : MessagesPipeline.all()) {
      results.add(pipeline.run(input));
    }
    assertEquals(Workloads.llmContent(998), results.get(0).content());
    assertEquals(new Assembled(Workloads.llmContent(998), "end_turn", 994), results.get(0));
    assertEquals(results.get(0), results.get(1));
  }

  @Test
  void onDeviatingStreamsWhatEachDoesIsRecorded() throws Exception {
    List<String> names;
    try (Stream<Path> files = Files.list(STREAMS)) {
      names = files.map(f -> f.getFileName().toString().replace(".sse", "")).sorted().toList();
    }
    StringBuilder table = new StringBuilder("| stream | ssekit | anthropic-java 3.16.0 |\n|---|---|---|\n");
    int sdkFailures = 0;
    for (String name : names) {
      if (WELL_FORMED.contains(name)) {
        continue;
      }
      byte[] stream = bytes(name);
      MessagesResult ours = MessagesStream.decode(stream);
      String sdk;
      try {
        sdk = describe(new AnthropicJavaPipeline().message(stream));
      } catch (RuntimeException e) {
        sdkFailures++;
        String message = String.valueOf(e.getMessage()).replace('\n', ' ').replace("|", "\\|");
        sdk = "throws " + e.getClass().getSimpleName() + ": "
            + (message.length() > 90 ? message.substring(0, 90) + "..." : message);
      }
      table.append("| `").append(name).append("` | ").append(describe(ours)).append(" | ").append(sdk)
          .append(" |\n");
    }
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "anthropic-deviations.md"), table);
    // ssekit never throws and always keeps what arrived; the SDK fails on some of these streams outright
    assertTrue(sdkFailures > 0, table.toString());
    MessagesResult overloaded = MessagesStream.decode(bytes("error-overloaded"));
    assertEquals("The answer", overloaded.text());
  }

  private static String describe(MessagesResult result) {
    StringBuilder s = new StringBuilder();
    s.append(result.message().map(m -> "text \"" + cut(m.text()) + "\", " + m.content().size() + " blocks, stop "
        + m.stopReason().map(Object::toString).orElse("none")).orElse("no message"));
    if (result.truncated()) {
      s.append(", truncated");
    }
    result.error().ifPresent(e -> s.append(", error ").append(e.getClass().getSimpleName()));
    if (!result.diagnosticCodes().isEmpty()) {
      s.append(", ").append(String.join(" ", result.diagnosticCodes().stream().map(c -> "`" + c + "`").toList()));
    }
    return s.toString();
  }

  private static String describe(Message message) {
    StringBuilder text = new StringBuilder();
    message.content().forEach(b -> b.text().ifPresent(t -> text.append(t.text())));
    return "text \"" + cut(text.toString()) + "\", " + message.content().size() + " blocks, stop "
        + message.stopReason().map(r -> r.asString()).orElse("none");
  }

  private static String cut(String text) {
    String flat = text.replace("\n", "\\n").replace("|", "\\|");
    return flat.length() > 30 ? flat.substring(0, 30) + "..." : flat;
  }

  /** Ours as the API's JSON message. */
  private static JsonNode toJson(AnthropicMessage message) {
    ObjectNode json = JSON.createObjectNode();
    json.put("id", message.id().orElse(null));
    json.put("model", message.model().orElse(null));
    json.put("stop_reason", message.stopReason().map(Object::toString).orElse(null));
    json.put("stop_sequence", message.stopSequence().orElse(null));
    Usage usage = message.usage().orElse(Usage.EMPTY);
    ObjectNode u = json.putObject("usage");
    count(u, "input_tokens", usage.inputTokens());
    count(u, "output_tokens", usage.outputTokens());
    count(u, "cache_creation_input_tokens", usage.cacheCreationInputTokens());
    count(u, "cache_read_input_tokens", usage.cacheReadInputTokens());
    usage.extra().forEach(u::set);
    ArrayNode content = json.putArray("content");
    for (ContentBlock block : message.content()) {
      ObjectNode b = content.addObject();
      b.put("type", block.type().raw());
      b.put("text", block.text());
      block.id().ifPresent(id -> b.put("id", id));
      block.name().ifPresent(n -> b.put("name", n));
      block.input().ifPresent(i -> b.set("input", i));
      b.put("thinking", block.thinking());
      block.signature().ifPresent(s -> b.put("signature", s));
      block.data().ifPresent(d -> b.put("data", d));
      ArrayNode citations = b.putArray("citations");
      block.citations().forEach(citations::add);
      block.extra().forEach(b::set);
    }
    return json;
  }

  private static void count(ObjectNode usage, String name, OptionalLong count) {
    if (count.isPresent()) {
      usage.put(name, count.getAsLong());
    }
  }

  /**
   * The members both sides model, by block type; nulls and absent members alike; numbers re-read by one plain
   * mapper, so {@code 0.1} read as a BigDecimal by one side and as a double by the other compare equal.
   */
  private static JsonNode normalise(JsonNode message) throws IOException {
    return JSON.readTree(JSON.writeValueAsString(select(message)));
  }

  private static JsonNode select(JsonNode message) {
    ObjectNode out = JSON.createObjectNode();
    for (String member : List.of("id", "model", "stop_reason", "stop_sequence")) {
      out.set(member, orNull(message.get(member)));
    }
    ObjectNode usage = out.putObject("usage");
    for (String member : List.of("input_tokens", "output_tokens", "cache_creation_input_tokens",
        "cache_read_input_tokens", "server_tool_use")) {
      JsonNode value = message.path("usage").get(member);
      if (value != null && !value.isNull()) {
        usage.set(member, value);
      }
    }
    ArrayNode content = out.putArray("content");
    for (JsonNode block : message.path("content")) {
      String type = block.path("type").asText();
      ObjectNode b = content.addObject();
      b.put("type", type);
      Set<String> members = switch (type) {
        case "text" -> Set.of("text", "citations");
        case "tool_use", "server_tool_use" -> Set.of("id", "name", "input");
        case "thinking" -> Set.of("thinking", "signature");
        case "redacted_thinking" -> Set.of("data");
        default -> Set.of("tool_use_id", "content");
      };
      for (String member : members) {
        JsonNode value = block.get(member);
        if ("citations".equals(member) && (value == null || value.isNull())) {
          value = JSON.createArrayNode();
        }
        b.set(member, citationsWithoutNulls(orNull(value)));
      }
    }
    return out;
  }

  /** The SDK writes members a citation did not have as nulls; drop them so only what was sent is compared. */
  private static JsonNode citationsWithoutNulls(JsonNode value) {
    if (value.isObject()) {
      ObjectNode copy = JSON.createObjectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> member = it.next();
        if (!member.getValue().isNull()) {
          copy.set(member.getKey(), citationsWithoutNulls(member.getValue()));
        }
      }
      return copy;
    }
    if (value.isArray()) {
      ArrayNode copy = JSON.createArrayNode();
      value.forEach(v -> copy.add(citationsWithoutNulls(v)));
      return copy;
    }
    return value;
  }

  private static JsonNode orNull(JsonNode value) {
    return value == null ? JSON.nullNode() : value;
  }
}
