package io.github.ssekit.testkit;

import io.github.ssekit.sse.SseEncoder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake OpenAI-compatible provider on 127.0.0.1: {@code POST /v1/chat/completions} and {@code POST /v1/responses}
 * (streaming and not), {@code GET /v1/models}. What it answers is chosen by the requested model id, so a test can
 * see from {@link #requests()} which model a client really asked for:
 *
 * <table>
 *   <caption>Behaviours by model id</caption>
 *   <tr><th>model</th><th>stream</th></tr>
 *   <tr><td>{@code mock-normal} (and any unknown id)</td><td>role chunk, "Hello", " from", " mock!", finish
 *       {@code stop}, a usage chunk, {@code [DONE]}</td></tr>
 *   <tr><td>{@code mock-named-event}</td><td>as normal, with {@code event: hermes.tool.progress} and non-chunk
 *       JSON after the first text</td></tr>
 *   <tr><td>{@code mock-empty-role}</td><td>as normal, but text deltas carry {@code "role":""}</td></tr>
 *   <tr><td>{@code mock-slow}</td><td>as normal, with {@link #SLOW_DELAY} between chunks (for aborts)</td></tr>
 *   <tr><td>{@code mock-tool}</td><td>a {@code bash} tool call, its arguments in two pieces; once the request
 *       holds a {@code tool} message, "Tool done: ..." text</td></tr>
 *   <tr><td>{@code mock-question}</td><td>a call of OpenCode's {@code question} tool ({@link #QUESTION}, options
 *       {@code blue} and {@code red}); once the request holds a {@code tool} message, "You answered: ..." text with
 *       the tool's output</td></tr>
 *   <tr><td>{@code mock-reasoning}</td><td>{@code reasoning_content} deltas, then the normal text</td></tr>
 *   <tr><td>{@code mock-demo}</td><td>the quirks of real providers in one reply: a keep-alive comment, a named
 *       progress event, an empty role, reasoning, text, a tool call, usage</td></tr>
 *   <tr><td>{@code mock-cut}</td><td>role chunk, "Hello", " from", then the connection is closed mid-body: no
 *       finish reason, no usage, no {@code [DONE]}</td></tr>
 *   <tr><td>{@code mock-http<NNN>}</td><td>HTTP NNN with an OpenAI error object</td></tr>
 * </table>
 *
 * <p>It also speaks Anthropic's Messages API: {@code POST /v1/messages} (a request with {@code "stream": true} gets
 * a Messages stream of named events, {@code message_start} to {@code message_stop}), by the same model ids:
 * {@code mock-normal} streams {@link #NORMAL_TEXT} in a text block; {@code mock-demo} a {@code ping}, a thinking
 * block with its signature, the text, a gateway's named {@code vendor.progress} event and a {@code get_weather}
 * {@code tool_use} whose input comes in two {@code input_json_delta} pieces; {@code mock-overloaded} "Hello", then an
 * {@code event: error} {@code overloaded_error} and the end of the body; {@code mock-cut} "Hello" and a closed
 * connection; {@code mock-http<NNN>} HTTP NNN with an Anthropic error object ({@code 529}: {@code overloaded_error}).
 *
 * <p>OpenCode's own title-generation requests get a short "Mock title" reply. Everything runs on the Vert.x event
 * loop; delays use timers.
 */
public final class FakeOpenAiServer implements AutoCloseable {

  /** The pause between chunks of {@code mock-slow}. */
  public static final Duration SLOW_DELAY = Duration.ofMillis(1500);

  /** The question {@code mock-question} asks through OpenCode's {@code question} tool. */
  public static final String QUESTION = "Which colour do you like?";

  /** The text a {@code mock-normal} reply streams, in its pieces. */
  public static final List<String> NORMAL_TEXT = List.of("Hello", " from", " mock!");

  private final Vertx vertx;
  private final HttpServer server;
  private final long delayMillis;
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  private FakeOpenAiServer(Vertx vertx, HttpServer server, long delayMillis) {
    this.vertx = vertx;
    this.server = server;
    this.delayMillis = delayMillis;
  }

  /**
   * Starts a server on an ephemeral port of 127.0.0.1.
   *
   * @param chunkDelay the pause between streamed chunks (except {@code mock-slow}); {@code Duration.ZERO} for none
   */
  public static Future<FakeOpenAiServer> start(Vertx vertx, Duration chunkDelay) {
    FakeOpenAiServer[] self = new FakeOpenAiServer[1];
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0));
    server.requestHandler(req -> self[0].handle(req));
    return server.listen().map(s -> self[0] = new FakeOpenAiServer(vertx, s, chunkDelay.toMillis()));
  }

  /** The port it listens on. */
  public int port() {
    return server.actualPort();
  }

  /** The base URL clients are configured with: {@code http://127.0.0.1:PORT/v1}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port() + "/v1";
  }

  /**
   * A request as the fake received it.
   *
   * @param method the HTTP method
   * @param path the path, without the query
   * @param authorization the {@code Authorization} header, if one was sent
   * @param apiKey the {@code x-api-key} header (Anthropic's), if one was sent
   * @param body the body's text exactly as received ({@code ""} when there was none): parse it with the JSON
   *     library of your choice
   */
  public record Request(String method, String path, Optional<String> authorization, Optional<String> apiKey,
      String body) {
    /** The method, path and body; whether an {@code Authorization} or {@code x-api-key} came, never its value. */
    @Override
    public String toString() {
      return method + " " + path + (authorization.isPresent() ? " (Authorization: <redacted>)" : "")
          + (apiKey.isPresent() ? " (x-api-key: <redacted>)" : "") + " " + body;
    }
  }

  /** Every request received so far, in arrival order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The {@code model} of every completion request received so far. */
  public List<String> requestedModels() {
    List<String> models = new ArrayList<>();
    for (Request r : requests) {
      JsonObject body = parse(r.body());
      if (body.getValue("model") instanceof String model) {
        models.add(model);
      }
    }
    return models;
  }

  /** Stops listening; streams in flight are closed. */
  public Future<Void> stop() {
    return server.close();
  }

  @Override
  public void close() {
    stop();
  }

  private void handle(HttpServerRequest req) {
    req.body().onSuccess(buffer -> {
      String text = buffer.toString();
      requests.add(new Request(req.method().name(), req.path(), Optional.ofNullable(req.getHeader("Authorization")),
          Optional.ofNullable(req.getHeader("x-api-key")), text));
      route(req, parse(text));
    });
  }

  /** The body as a JSON object: empty when there is none, {@code {"_raw": text}} when it is not a JSON object. */
  private static JsonObject parse(String text) {
    if (text.isEmpty()) {
      return new JsonObject();
    }
    try {
      return new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      return new JsonObject().put("_raw", text);
    }
  }

  private void route(HttpServerRequest req, JsonObject body) {
    String path = req.path().replaceAll("/+$", "");
    HttpServerResponse resp = req.response();
    if (path.endsWith("/models")) {
      JsonArray data = new JsonArray();
      for (String id : List.of("mock-normal", "mock-named-event", "mock-empty-role", "mock-slow", "mock-tool",
          "mock-reasoning", "mock-demo", "mock-question")) {
        data.add(new JsonObject().put("id", id).put("object", "model").put("owned_by", "mock"));
      }
      json(resp, 200, new JsonObject().put("object", "list").put("data", data));
      return;
    }
    if (path.endsWith("/messages")) {
      messages(req, body);
      return;
    }
    boolean chat = path.endsWith("/chat/completions");
    boolean responses = path.endsWith("/responses");
    if (!chat && !responses) {
      json(resp, 404, error("not found: " + path, "not_found", "404"));
      return;
    }
    String model = body.getValue("model") instanceof String m ? m : "?";
    if (model.startsWith("mock-http")) {
      int status = parseStatus(model.substring("mock-http".length()));
      json(resp, status, error("mock error " + status, "mock_error", String.valueOf(status)));
      return;
    }
    Script script = chat ? chatScript(model, body) : responsesScript(model);
    if (!Boolean.TRUE.equals(body.getValue("stream"))) {
      json(resp, 200, script.whole);
      return;
    }
    resp.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache");
    boolean cut = chat && model.equals("mock-cut");
    play(req, script.frames, 0, model.equals("mock-slow") ? SLOW_DELAY.toMillis() : delayMillis, cut);
  }

  /** Writes the frames one by one, then ends the body, or closes the connection mid-body when {@code cut}. */
  private void play(HttpServerRequest req, List<String> frames, int next, long delay, boolean cut) {
    HttpServerResponse resp = req.response();
    if (resp.closed() || resp.ended()) {
      return;
    }
    if (next == frames.size()) {
      if (cut) {
        req.connection().close();
      } else {
        resp.end();
      }
      return;
    }
    resp.write(frames.get(next));
    if (delay <= 0) {
      vertx.runOnContext(v -> play(req, frames, next + 1, delay, cut));
    } else {
      vertx.setTimer(delay, t -> play(req, frames, next + 1, delay, cut));
    }
  }

  /** Answers an Anthropic Messages request: see the class comment. */
  private void messages(HttpServerRequest req, JsonObject body) {
    HttpServerResponse resp = req.response();
    String model = body.getValue("model") instanceof String m ? m : "?";
    if (model.startsWith("mock-http")) {
      int status = parseStatus(model.substring("mock-http".length()));
      String type = status == 529 ? "overloaded_error" : status == 401 ? "authentication_error" : "api_error";
      json(resp, status, new JsonObject().put("type", "error").put("error", new JsonObject().put("type", type)
          .put("message", "mock error " + status)));
      return;
    }
    MessageFrames f = new MessageFrames(model);
    if (model.equals("mock-demo")) {
      f.frames.add(SseEncoder.event("ping", "{\"type\":\"ping\"}", null));
      f.start(0, new JsonObject().put("type", "thinking").put("thinking", ""));
      f.delta(0, new JsonObject().put("type", "thinking_delta").put("thinking", "A greeting, then the weather."));
      f.delta(0, new JsonObject().put("type", "signature_delta").put("signature", "c2lnbmF0dXJl"));
      f.stop(0);
      f.start(1, new JsonObject().put("type", "text").put("text", ""));
      for (String word : "Hello! ssekit streams this Anthropic reply event by event.".split("(?<= )")) {
        f.delta(1, new JsonObject().put("type", "text_delta").put("text", word));
      }
      f.stop(1);
      f.frames.add(SseEncoder.event("vendor.progress",
          new JsonObject().put("tool", "search").put("status", "running").encode(), null));
      f.start(2, new JsonObject().put("type", "tool_use").put("id", "toolu_demo_1").put("name", "get_weather")
          .put("input", new JsonObject()));
      f.delta(2, new JsonObject().put("type", "input_json_delta").put("partial_json", "{\"city\":"));
      f.delta(2, new JsonObject().put("type", "input_json_delta").put("partial_json", "\"Paris\"}"));
      f.stop(2);
      f.end("tool_use");
    } else {
      f.start(0, new JsonObject().put("type", "text").put("text", ""));
      List<String> text = model.equals("mock-overloaded") || model.equals("mock-cut") ? List.of("Hello")
          : NORMAL_TEXT;
      for (String piece : text) {
        f.delta(0, new JsonObject().put("type", "text_delta").put("text", piece));
      }
      if (model.equals("mock-overloaded")) {
        f.frames.add(SseEncoder.event("error", new JsonObject().put("type", "error").put("error",
            new JsonObject().put("type", "overloaded_error").put("message", "Overloaded")).encode(), null));
      } else if (!model.equals("mock-cut")) {
        f.stop(0);
        f.end("end_turn");
      }
    }
    if (!Boolean.TRUE.equals(body.getValue("stream"))) {
      json(resp, 400, new JsonObject().put("type", "error").put("error", new JsonObject()
          .put("type", "invalid_request_error").put("message", "this fake streams only")));
      return;
    }
    resp.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache")
        .putHeader("request-id", "req_mock_" + requests.size());
    play(req, f.frames, 0, delayMillis, model.equals("mock-cut"));
  }

  /** The named events of one Messages stream. */
  private static final class MessageFrames {
    final List<String> frames = new ArrayList<>();

    MessageFrames(String model) {
      frames.add(event("message_start", new JsonObject().put("message", new JsonObject()
          .put("id", "msg_mock_" + Long.toHexString(System.nanoTime())).put("type", "message")
          .put("role", "assistant").put("model", model).put("content", new JsonArray()).putNull("stop_reason")
          .putNull("stop_sequence").put("usage", new JsonObject().put("input_tokens", 12).put("output_tokens", 1)))));
    }

    static String event(String type, JsonObject fields) {
      return SseEncoder.event(type, new JsonObject().put("type", type).mergeIn(fields).encode(), null);
    }

    void start(int index, JsonObject block) {
      frames.add(event("content_block_start", new JsonObject().put("index", index).put("content_block", block)));
    }

    void delta(int index, JsonObject delta) {
      frames.add(event("content_block_delta", new JsonObject().put("index", index).put("delta", delta)));
    }

    void stop(int index) {
      frames.add(event("content_block_stop", new JsonObject().put("index", index)));
    }

    void end(String stopReason) {
      frames.add(event("message_delta", new JsonObject().put("delta", new JsonObject().put("stop_reason", stopReason)
          .putNull("stop_sequence")).put("usage", new JsonObject().put("output_tokens", 30))));
      frames.add(event("message_stop", new JsonObject()));
    }
  }

  /** What a reply consists of: its SSE frames when streamed, its JSON when not. */
  private record Script(List<String> frames, JsonObject whole) {}

  private Script chatScript(String model, JsonObject body) {
    ChatFrames f = new ChatFrames(model);
    boolean title = isTitleRequest(body);
    List<String> text = title ? List.of("Mock title") : NORMAL_TEXT;
    if (model.equals("mock-tool") && !title) {
      String toolOutput = lastToolOutput(body);
      if (toolOutput == null) {
        String args = new JsonObject().put("command", "echo hi-from-tool").put("description", "Echo a greeting")
            .encode();
        f.delta(new JsonObject().put("role", "assistant").putNull("content").put("tool_calls", new JsonArray()
            .add(toolCall(0, "call_mock_1", "bash", ""))));
        f.delta(new JsonObject().put("tool_calls", new JsonArray().add(toolCall(0, null, null, args.substring(0, 10)))));
        f.delta(new JsonObject().put("tool_calls", new JsonArray().add(toolCall(0, null, null, args.substring(10)))));
        return endOfToolCalls(f);
      }
      String shown = toolOutput.length() > 200 ? toolOutput.substring(0, 200) : toolOutput;
      text = List.of("Tool done: ", shown);
    }
    if (model.equals("mock-question") && !title) {
      String toolOutput = lastToolOutput(body);
      if (toolOutput == null) {
        String args = new JsonObject().put("questions", new JsonArray().add(new JsonObject()
            .put("question", QUESTION).put("header", "Colour")
            .put("options", new JsonArray()
                .add(new JsonObject().put("label", "blue").put("description", "The colour of the sky"))
                .add(new JsonObject().put("label", "red").put("description", "The colour of fire"))))).encode();
        f.delta(new JsonObject().put("role", "assistant").putNull("content").put("tool_calls", new JsonArray()
            .add(toolCall(0, "call_question_1", "question", args))));
        return endOfToolCalls(f);
      }
      String shown = toolOutput.length() > 300 ? toolOutput.substring(0, 300) : toolOutput;
      text = List.of("You answered: ", shown);
    }
    if (model.equals("mock-demo") && !title) {
      return demoScript(f);
    }
    if (model.equals("mock-cut") && !title) {
      f.delta(new JsonObject().put("role", "assistant").put("content", ""));
      f.delta(new JsonObject().put("content", NORMAL_TEXT.get(0)));
      f.delta(new JsonObject().put("content", NORMAL_TEXT.get(1)));
      return new Script(f.frames, f.whole(NORMAL_TEXT.get(0) + NORMAL_TEXT.get(1), "length"));
    }
    f.delta(new JsonObject().put("role", "assistant").put("content", ""));
    if (model.equals("mock-reasoning") && !title) {
      for (String r : List.of("Thinking", " about", " hello...")) {
        f.delta(new JsonObject().put("reasoning_content", r));
      }
    }
    for (int i = 0; i < text.size(); i++) {
      JsonObject delta = new JsonObject();
      if (model.equals("mock-empty-role") && !title) {
        delta.put("role", "");
      }
      f.delta(delta.put("content", text.get(i)));
      if (model.equals("mock-named-event") && i == 0 && !title) {
        f.frames.add(SseEncoder.event("hermes.tool.progress",
            new JsonObject().put("tool", "terminal").put("status", "running").put("message", "ls -la").encode(),
            null));
      }
    }
    f.finish("stop");
    f.usage();
    f.done();
    return new Script(f.frames, f.whole(String.join("", text), "stop"));
  }

  /** The demo reply: every quirk `ssekit demo` shows being tolerated, in one stream. */
  private static Script demoScript(ChatFrames f) {
    f.frames.add(SseEncoder.comment(" keep-alive"));
    f.delta(new JsonObject().put("role", "assistant").put("content", ""));
    f.delta(new JsonObject().put("reasoning_content", "The user wants a greeting and the weather."));
    f.frames.add(SseEncoder.event("hermes.tool.progress",
        new JsonObject().put("tool", "search").put("status", "running").put("message", "looking up").encode(), null));
    String text = "Hello! ssekit streams this reply token by token, even though the provider bends the protocol.";
    for (String word : text.split("(?<= )")) {
      f.delta(new JsonObject().put("role", "").put("content", word));
    }
    f.frames.add(SseEncoder.comment(" keep-alive"));
    f.delta(new JsonObject().put("tool_calls", new JsonArray()
        .add(toolCall(0, "call_demo_1", "get_weather", "{\"city\":"))));
    f.delta(new JsonObject().put("tool_calls", new JsonArray().add(toolCall(0, null, null, "\"Paris\"}"))));
    f.finish("tool_calls");
    f.usage();
    f.done();
    return new Script(f.frames, f.whole(text, "tool_calls"));
  }

  private Script responsesScript(String model) {
    List<String> frames = new ArrayList<>();
    String id = "resp_mock_1";
    String text = String.join("", NORMAL_TEXT);
    JsonObject created = new JsonObject().put("id", id).put("object", "response").put("status", "in_progress")
        .put("model", model).put("output", new JsonArray());
    int seq = 0;
    frames.add(responsesEvent("response.created", seq++, new JsonObject().put("response", created)));
    JsonObject item = new JsonObject().put("id", "msg_mock_1").put("type", "message").put("role", "assistant")
        .put("status", "in_progress").put("content", new JsonArray());
    frames.add(responsesEvent("response.output_item.added", seq++,
        new JsonObject().put("output_index", 0).put("item", item)));
    for (String piece : NORMAL_TEXT) {
      frames.add(responsesEvent("response.output_text.delta", seq++, new JsonObject().put("item_id", "msg_mock_1")
          .put("output_index", 0).put("content_index", 0).put("delta", piece)));
    }
    frames.add(responsesEvent("response.output_text.done", seq++, new JsonObject().put("item_id", "msg_mock_1")
        .put("output_index", 0).put("content_index", 0).put("text", text)));
    JsonObject done = created.copy().put("status", "completed").put("output", new JsonArray().add(item.copy()
        .put("status", "completed").put("content", new JsonArray().add(new JsonObject().put("type", "output_text")
            .put("text", text).put("annotations", new JsonArray())))))
        .put("usage", new JsonObject().put("input_tokens", 11).put("output_tokens", 3).put("total_tokens", 14));
    frames.add(responsesEvent("response.completed", seq, new JsonObject().put("response", done)));
    return new Script(frames, done);
  }

  private static String responsesEvent(String type, int sequence, JsonObject fields) {
    JsonObject payload = new JsonObject().put("type", type).put("sequence_number", sequence).mergeIn(fields);
    return SseEncoder.event(type, payload.encode(), null);
  }

  /** Builds chat.completion.chunk frames for one reply. */
  private static final class ChatFrames {
    final List<String> frames = new ArrayList<>();
    final String id = "chatcmpl-mock-" + Long.toHexString(System.nanoTime());
    final String model;

    ChatFrames(String model) {
      this.model = model;
    }

    JsonObject chunk(JsonArray choices) {
      return new JsonObject().put("id", id).put("object", "chat.completion.chunk")
          .put("created", System.currentTimeMillis() / 1000).put("model", model).put("choices", choices);
    }

    void delta(JsonObject delta) {
      frames.add(SseEncoder.event(chunk(new JsonArray().add(new JsonObject().put("index", 0).put("delta", delta)
          .putNull("finish_reason"))).encode()));
    }

    void finish(String reason) {
      frames.add(SseEncoder.event(chunk(new JsonArray().add(new JsonObject().put("index", 0)
          .put("delta", new JsonObject()).put("finish_reason", reason))).encode()));
    }

    void usage() {
      frames.add(SseEncoder.event(chunk(new JsonArray()).put("usage", USAGE.copy()).encode()));
    }

    void done() {
      frames.add(SseEncoder.event("[DONE]"));
    }

    JsonObject whole(String content, String finish) {
      return new JsonObject().put("id", id).put("object", "chat.completion").put("model", model)
          .put("choices", new JsonArray().add(new JsonObject().put("index", 0)
              .put("message", new JsonObject().put("role", "assistant").put("content", content))
              .put("finish_reason", finish)))
          .put("usage", USAGE.copy());
    }
  }

  private static final JsonObject USAGE =
      new JsonObject().put("prompt_tokens", 11).put("completion_tokens", 3).put("total_tokens", 14);

  /** Ends a reply whose frames so far are tool calls: finish reason {@code tool_calls}, usage, {@code [DONE]}. */
  private static Script endOfToolCalls(ChatFrames f) {
    f.finish("tool_calls");
    f.usage();
    f.done();
    return new Script(f.frames, f.whole("", "tool_calls"));
  }

  private static JsonObject toolCall(int index, String id, String name, String arguments) {
    JsonObject call = new JsonObject().put("index", index);
    if (id != null) {
      call.put("id", id).put("type", "function");
    }
    JsonObject function = new JsonObject().put("arguments", arguments);
    if (name != null) {
      function.put("name", name);
    }
    return call.put("function", function);
  }

  private static boolean isTitleRequest(JsonObject body) {
    JsonArray messages = body.getJsonArray("messages");
    if (messages == null || messages.isEmpty()) {
      return false;
    }
    String first = String.valueOf(messages.getValue(0)).toLowerCase(java.util.Locale.ROOT);
    return first.contains("title") && first.contains("generat");
  }

  private static String lastToolOutput(JsonObject body) {
    JsonArray messages = body.getJsonArray("messages");
    String output = null;
    if (messages != null) {
      for (Object m : messages) {
        if (m instanceof JsonObject message && "tool".equals(message.getString("role"))) {
          output = String.valueOf(message.getValue("content"));
        }
      }
    }
    return output;
  }

  private static JsonObject error(String message, String type, String code) {
    return new JsonObject().put("error", new JsonObject().put("message", message).put("type", type).put("code", code));
  }

  private static int parseStatus(String digits) {
    try {
      int status = Integer.parseInt(digits);
      return status >= 100 && status <= 599 ? status : 500;
    } catch (NumberFormatException e) {
      return 500;
    }
  }

  private static void json(HttpServerResponse resp, int status, JsonObject body) {
    resp.setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
