package io.github.ssekit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ssekit.anthropic.AnthropicEvent;
import io.github.ssekit.anthropic.AnthropicMessage;
import io.github.ssekit.anthropic.AnthropicStreamException;
import io.github.ssekit.anthropic.BlockType;
import io.github.ssekit.anthropic.ContentBlock;
import io.github.ssekit.anthropic.MessagesRequest;
import io.github.ssekit.anthropic.MessagesResult;
import io.github.ssekit.client.HttpStatusException;
import io.github.ssekit.client.RedirectException;
import io.github.ssekit.client.SseConnectionException;
import io.github.ssekit.client.SseDeadlineException;
import io.github.ssekit.client.SseIdleTimeoutException;
import io.github.ssekit.client.SseObserver;
import io.github.ssekit.client.StreamStats;
import io.github.ssekit.client.UnexpectedContentTypeException;
import io.github.ssekit.client.anthropic.AnthropicClient;
import io.github.ssekit.client.anthropic.AnthropicClientOptions;
import io.github.ssekit.client.anthropic.AnthropicHttpException;
import io.github.ssekit.client.openai.OpenAiClient;
import io.github.ssekit.client.openai.OpenAiClientOptions;
import io.github.ssekit.client.openai.OpenAiHttpException;
import io.github.ssekit.openai.ProviderStreamException;
import io.github.ssekit.openai.chat.ChatDeltaListener;
import io.github.ssekit.openai.chat.ChatMessage;
import io.github.ssekit.openai.chat.ChatRequest;
import io.github.ssekit.openai.chat.ChatResult;
import io.github.ssekit.openai.chat.ToolCall;
import io.github.ssekit.openai.responses.FunctionCall;
import io.github.ssekit.openai.responses.ResponsesDeltaListener;
import io.github.ssekit.openai.responses.ResponsesRequest;
import io.github.ssekit.openai.responses.ResponsesResult;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.protocol.DiagnosticSummary;
import io.github.ssekit.sse.protocol.ResponseMetadata;
import io.github.ssekit.sse.protocol.StreamResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ssekit chat}: streams one reply of an OpenAI-compatible provider (Chat Completions, or the Responses API
 * with {@code --responses}) or, with {@code --protocol anthropic}, of an Anthropic-compatible one (the Messages API)
 * to stdout, or prints it as one JSON object with {@code --json}. The API key never appears in the output.
 */
@Command(
    name = "chat",
    mixinStandardHelpOptions = true,
    description = {
        "Streams the reply of an OpenAI-compatible (or, with --protocol anthropic, an Anthropic-compatible) "
            + "provider to PROMPT. Text goes to stdout as it arrives, "
            + "reasoning to stderr. With --json, one JSON object is printed at the end: {content, reasoning, "
            + "toolCalls[{id,name,arguments}], finishReason, usage{promptTokens,completionTokens,totalTokens}, "
            + "diagnostics[{code,message,count}] (each code once), error{type,message,code}}.",
        "With --stats, a line on stderr after the reply: time to first token, output tokens per second, "
            + "retries and the provider's request id.",
        "Exit status: 0 success, 1 the request or the stream failed or was cut short, 2 usage errors."})
final class ChatCommand implements Callable<Integer> {

  /** Where the key comes from without {@code --api-key}; replaceable by tests. */
  static UnaryOperator<String> environment = System::getenv;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Option(names = "--base-url", required = true, paramLabel = "URL",
      description = "The provider's base URL, such as https://api.openai.com/v1 or http://127.0.0.1:11434/v1.")
  String baseUrl;

  @Option(names = "--model", required = true, paramLabel = "M", description = "The model id.")
  String model;

  @Option(names = "--api-key", paramLabel = "KEY",
      description = "The API key (default: the OPENAI_API_KEY environment variable, or ANTHROPIC_API_KEY with "
          + "--protocol anthropic, which is safer: other users can see a command line). Never printed.")
  String apiKey;

  /** The API a provider speaks. */
  enum Protocol {
    /** OpenAI-compatible: Chat Completions, or the Responses API. */
    openai,
    /** Anthropic-compatible: the Messages API. */
    anthropic
  }

  @Option(names = "--protocol", defaultValue = "openai", paramLabel = "P",
      description = "openai (default: POST /chat/completions, or /responses; Authorization: Bearer) or anthropic "
          + "(POST /messages with x-api-key and anthropic-version, such as --base-url https://api.anthropic.com/v1).")
  Protocol protocol;

  @Option(names = "--max-tokens", defaultValue = "1024", paramLabel = "N",
      description = "max_tokens of an Anthropic request, which requires it (default 1024).")
  int maxTokens;

  @Option(names = "--responses", description = "Use the Responses API (POST /responses) instead of Chat Completions.")
  boolean responses;

  @Option(names = "--json", description = "Print only one JSON object at the end.")
  boolean json;

  @Option(names = "--stats", description = "After the reply, print to stderr the time to the first token, output "
      + "tokens per second, the retries and the provider's request id.")
  boolean stats;

  /** The figures of the stream, from the client's observer (set before the result completes). */
  private final AtomicReference<StreamStats> streamStats = new AtomicReference<>();
  /** The provider's request id, from the result or the HTTP error. */
  private String requestId;

  @Parameters(paramLabel = "PROMPT", arity = "1..*", description = "The prompt (several words are joined by spaces).")
  List<String> prompt;

  @Override
  public Integer call() throws Exception {
    boolean anthropic = protocol == Protocol.anthropic;
    String key = apiKey != null ? apiKey : environment.apply(anthropic ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY");
    Redactor redact = new Redactor(key);
    if (anthropic && responses) {
      System.err.println("ssekit chat: --responses is an OpenAI API; it does not go with --protocol anthropic");
      return SsekitCommand.USAGE;
    }
    SseObserver observer = new SseObserver() {
      @Override
      public void onEnd(StreamStats figures) {
        streamStats.set(figures);
      }
    };
    OpenAiClientOptions options = null;
    AnthropicClientOptions anthropicOptions = null;
    try {
      if (anthropic) {
        if (maxTokens < 1) {
          throw new IllegalArgumentException("--max-tokens must be positive: " + maxTokens);
        }
        anthropicOptions = new AnthropicClientOptions().setBaseUrl(baseUrl).setApiKey(key);
        if (stats) {
          anthropicOptions.setSseClientOptions(anthropicOptions.getSseClientOptions().setObserver(observer));
        }
      } else {
        options = new OpenAiClientOptions().setBaseUrl(baseUrl).setApiKey(key);
        if (stats) {
          options.setSseClientOptions(options.getSseClientOptions().setObserver(observer));
        }
      }
    } catch (IllegalArgumentException e) {
      System.err.println("ssekit chat: " + redact.apply(e.getMessage()));
      return SsekitCommand.USAGE;
    }
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), false);
    String text = String.join(" ", prompt);
    Vertx vertx = Vertx.vertx();
    Outcome outcome;
    try {
      if (anthropic) {
        AnthropicClient client = AnthropicClient.create(vertx, anthropicOptions);
        try {
          outcome = messages(client, text, out, err);
        } finally {
          client.closeAsync().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
      } else {
        OpenAiClient client = OpenAiClient.create(vertx, options);
        try {
          outcome = responses ? responses(client, text, out, err) : chat(client, text, out, err);
        } finally {
          client.closeAsync().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    outcome = outcome.redacted(redact);
    if (json) {
      out.println(MAPPER.writeValueAsString(outcome.toJson()));
    } else {
      for (Call call : outcome.toolCalls) {
        out.println("[tool call " + call.id + "] " + call.name + " " + call.arguments);
      }
      if (!outcome.diagnostics.isEmpty()) {
        List<String> shown = new ArrayList<>();
        for (DiagnosticSummary d : outcome.diagnostics) {
          shown.add(d.count() == 1 ? d.code() : d.code() + " (x" + d.count() + ")");
        }
        err.println("ssekit chat: tolerated " + String.join(", ", shown));
      }
    }
    out.flush();
    if (outcome.error != null) {
      err.println("ssekit chat: " + outcome.error.detail);
    }
    if (stats) {
      err.println("ssekit chat: " + redact.apply(statsLine(streamStats.get(), requestId)));
    }
    err.flush();
    return outcome.error == null ? 0 : 1;
  }

  private Outcome chat(OpenAiClient client, String text, PrintWriter out, PrintWriter err) throws Exception {
    ChatDeltaListener live = new ChatDeltaListener() {
      @Override
      public void onContent(int choiceIndex, String fragment) {
        if (!json && choiceIndex == 0) {
          out.print(fragment);
          out.flush();
        }
      }

      @Override
      public void onReasoning(int choiceIndex, String fragment) {
        if (!json && choiceIndex == 0) {
          err.print(fragment);
          err.flush();
        }
      }
    };
    Future<ChatResult> future = client.streamChat(ChatRequest.builder(model).user(text).build()).onDelta(live)
        .result();
    ChatResult result;
    try {
      result = future.toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      return failedWith(e.getCause());
    }
    Outcome outcome = outcomeOf(result);
    endLines(out, err, result.message().map(m -> !m.content().isEmpty()).orElse(false),
        result.message().map(m -> !m.reasoning().isEmpty()).orElse(false));
    Optional<ChatMessage> message = result.message();
    message.ifPresent(m -> {
      outcome.content = emptyToNull(m.content());
      outcome.reasoning = emptyToNull(m.reasoning());
      for (ToolCall call : m.toolCalls()) {
        outcome.toolCalls.add(new Call(call.id().orElse(null), call.name().orElse(null), call.arguments()));
      }
      outcome.finishReason = m.finishReason().map(f -> f.raw()).orElse(null);
    });
    result.usage().ifPresent(u -> {
      outcome.promptTokens = u.promptTokens().orElse(null);
      outcome.completionTokens = u.completionTokens().orElse(null);
      outcome.totalTokens = u.totalTokens().orElse(null);
      outcome.usage = true;
    });
    return outcome;
  }

  private Outcome responses(OpenAiClient client, String text, PrintWriter out, PrintWriter err) throws Exception {
    ResponsesDeltaListener live = new ResponsesDeltaListener() {
      @Override
      public void onText(int outputIndex, String fragment) {
        if (!json) {
          out.print(fragment);
          out.flush();
        }
      }

      @Override
      public void onReasoning(int outputIndex, String fragment) {
        if (!json) {
          err.print(fragment);
          err.flush();
        }
      }
    };
    Future<ResponsesResult> future = client.streamResponses(ResponsesRequest.builder(model).input(text).build())
        .onDelta(live).result();
    ResponsesResult result;
    try {
      result = future.toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      return failedWith(e.getCause());
    }
    Outcome outcome = outcomeOf(result);
    endLines(out, err, !result.text().isEmpty(), !result.reasoning().isEmpty());
    outcome.content = emptyToNull(result.text());
    outcome.reasoning = emptyToNull(result.reasoning());
    for (FunctionCall call : result.functionCalls()) {
      outcome.toolCalls.add(new Call(call.callId().orElse(null), call.name().orElse(null), call.arguments()));
    }
    outcome.finishReason = result.status().orElse(null);
    result.usage().ifPresent(u -> {
      outcome.promptTokens = u.inputTokens().orElse(null);
      outcome.completionTokens = u.outputTokens().orElse(null);
      outcome.totalTokens = u.totalTokens().orElse(null);
      outcome.usage = true;
    });
    return outcome;
  }

  private Outcome messages(AnthropicClient client, String text, PrintWriter out, PrintWriter err)
      throws Exception {
    Future<MessagesResult> future = client.streamMessages(MessagesRequest.builder(model, maxTokens).user(text).build())
        .onEvent(event -> {
          if (!json && event instanceof AnthropicEvent.ContentBlockDelta delta) {
            delta.delta().text().ifPresent(fragment -> {
              out.print(fragment);
              out.flush();
            });
            delta.delta().thinking().ifPresent(fragment -> {
              err.print(fragment);
              err.flush();
            });
          }
        })
        .result();
    MessagesResult result;
    try {
      result = future.toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      return failedWith(e.getCause());
    }
    Outcome outcome = outcomeOf(result);
    String thinking = result.message().map(ChatCommand::thinking).orElse("");
    endLines(out, err, !result.text().isEmpty(), !thinking.isEmpty());
    outcome.content = emptyToNull(result.text());
    outcome.reasoning = emptyToNull(thinking);
    result.message().ifPresent(m -> {
      for (ContentBlock call : m.toolUses()) {
        outcome.toolCalls.add(new Call(call.id().orElse(null), call.name().orElse(null),
            call.input().map(Object::toString).orElse(call.inputJson())));
      }
      outcome.finishReason = m.stopReason().map(r -> r.raw()).orElse(null);
      m.usage().ifPresent(u -> {
        outcome.promptTokens = u.inputTokens().isPresent() ? u.inputTokens().getAsLong() : null;
        outcome.completionTokens = u.outputTokens().isPresent() ? u.outputTokens().getAsLong() : null;
        outcome.totalTokens = outcome.promptTokens == null || outcome.completionTokens == null ? null
            : outcome.promptTokens + outcome.completionTokens;
        outcome.usage = true;
      });
    });
    return outcome;
  }

  /** The text of a message's thinking blocks. */
  private static String thinking(AnthropicMessage message) {
    StringBuilder text = new StringBuilder();
    for (ContentBlock block : message.content()) {
      if (BlockType.THINKING.equals(block.type())) {
        text.append(block.thinking());
      }
    }
    return text.toString();
  }

  /**
   * {@code --stats}: {@code time to first token 230 ms, 41.7 tokens/s, 1 retry, request id req_1} (a figure not
   * known is {@code -}).
   */
  static String statsLine(StreamStats figures, String requestId) {
    String firstToken = figures == null ? "-"
        : figures.firstTokenTime().map(d -> d.toMillis() + " ms").orElse("-");
    String perSecond = figures == null ? "-" : figures.outputTokensPerSecond().isPresent()
        ? String.format(Locale.ROOT, "%.1f", figures.outputTokensPerSecond().getAsDouble()) : "-";
    int retries = figures == null ? 0 : figures.retries();
    return "time to first token " + firstToken + ", " + perSecond + " tokens/s, " + retries
        + (retries == 1 ? " retry" : " retries") + ", request id " + (requestId == null ? "-" : requestId);
  }

  /**
   * The part of the outcome every protocol's result has (its request id, diagnostics, and the error or the cut-off
   * that ended it), written once; each protocol fills in its content.
   */
  private Outcome outcomeOf(StreamResult result) {
    noteRequestId(result.responseMetadata());
    Outcome outcome = new Outcome();
    outcome.diagnostics.addAll(result.diagnostics());
    outcome.error = result.error().map(Failure::of).orElse(result.truncated() ? Failure.truncated() : null);
    return outcome;
  }

  private void noteRequestId(ResponseMetadata metadata) {
    requestId = metadata.requestId().orElse(null);
  }

  private Outcome failedWith(Throwable error) {
    if (error instanceof HttpStatusException http) {
      noteRequestId(http.metadata());
    }
    return Outcome.failed(error);
  }

  /** Ends the streamed lines (nothing was streamed with {@code --json}). */
  private void endLines(PrintWriter out, PrintWriter err, boolean content, boolean reasoning) {
    if (json) {
      return;
    }
    if (reasoning) {
      err.println();
      err.flush();
    }
    if (content) {
      out.println();
      out.flush();
    }
  }

  private static String emptyToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }

  /** Replaces the API key wherever it might appear in text that is printed. */
  private static final class Redactor implements UnaryOperator<String> {
    private final String key;

    Redactor(String key) {
      this.key = key == null || key.isBlank() ? null : key.strip();
    }

    @Override
    public String apply(String text) {
      return text == null || key == null ? text : text.replace(key, "<redacted>");
    }
  }

  /** A tool or function call of the reply. */
  private record Call(String id, String name, String arguments) {}

  /** What went wrong: {@code {"type","message","code"}} in JSON, {@code detail} on stderr. */
  private record Failure(String type, String message, String code, String detail) {
    static Failure of(Throwable error) {
      if (error instanceof OpenAiHttpException http) {
        return new Failure(http.type().orElse("http_error"), http.providerMessage(),
            http.code().orElse(String.valueOf(http.status())), http.getMessage());
      }
      if (error instanceof AnthropicHttpException http) {
        return new Failure(http.errorType().orElse("http_error"), http.errorMessage(), String.valueOf(http.status()),
            http.getMessage());
      }
      if (error instanceof AnthropicStreamException server) {
        return new Failure(server.errorType().orElse("server_error"), server.errorMessage().orElse(server.getMessage()),
            null, server.getMessage());
      }
      if (error instanceof ProviderStreamException provider) {
        return new Failure(provider.type().orElse("provider_error"), provider.providerMessage(),
            provider.code().orElse(null), provider.getMessage());
      }
      String type;
      if (error instanceof UnexpectedContentTypeException) {
        type = "unexpected_content_type";
      } else if (error instanceof SseIdleTimeoutException) {
        type = "idle_timeout";
      } else if (error instanceof SseDeadlineException) {
        type = "deadline";
      } else if (error instanceof SseConnectionException) {
        type = "connection_error";
      } else if (error instanceof RedirectException) {
        type = "redirect_error";
      } else if (error instanceof SseException) {
        type = "stream_error";
      } else {
        type = "error";
      }
      String message = error.getMessage() == null ? error.toString() : error.getMessage();
      return new Failure(type, message, null, message);
    }

    static Failure truncated() {
      String message = "the stream ended before the reply was complete";
      return new Failure("truncated", message, null, message);
    }

    Failure redacted(UnaryOperator<String> redact) {
      return new Failure(redact.apply(type), redact.apply(message), redact.apply(code), redact.apply(detail));
    }
  }

  /** The reply as the command reports it. */
  private static final class Outcome {
    String content;
    String reasoning;
    final List<Call> toolCalls = new ArrayList<>();
    String finishReason;
    boolean usage;
    Long promptTokens;
    Long completionTokens;
    Long totalTokens;
    /** One per code, with its count (the result's coalesced view). */
    final List<DiagnosticSummary> diagnostics = new ArrayList<>();
    Failure error;

    static Outcome failed(Throwable error) {
      Outcome outcome = new Outcome();
      outcome.error = Failure.of(error);
      return outcome;
    }

    Outcome redacted(UnaryOperator<String> redact) {
      Outcome copy = new Outcome();
      copy.content = content;
      copy.reasoning = reasoning;
      copy.toolCalls.addAll(toolCalls);
      copy.finishReason = finishReason;
      copy.usage = usage;
      copy.promptTokens = promptTokens;
      copy.completionTokens = completionTokens;
      copy.totalTokens = totalTokens;
      for (DiagnosticSummary d : diagnostics) {
        copy.diagnostics.add(new DiagnosticSummary(Diagnostic.of(d.code(), redact.apply(d.message()),
            redact.apply(d.excerpt())), d.count()));
      }
      copy.error = error == null ? null : error.redacted(redact);
      return copy;
    }

    ObjectNode toJson() {
      ObjectNode root = MAPPER.createObjectNode();
      root.put("content", content);
      root.put("reasoning", reasoning);
      ArrayNode calls = root.putArray("toolCalls");
      for (Call call : toolCalls) {
        calls.addObject().put("id", call.id).put("name", call.name).put("arguments", call.arguments);
      }
      root.put("finishReason", finishReason);
      if (usage) {
        root.putObject("usage").put("promptTokens", promptTokens).put("completionTokens", completionTokens)
            .put("totalTokens", totalTokens);
      } else {
        root.putNull("usage");
      }
      ArrayNode list = root.putArray("diagnostics");
      for (DiagnosticSummary d : diagnostics) {
        list.addObject().put("code", d.code()).put("message", d.message()).put("count", d.count());
      }
      if (error == null) {
        root.putNull("error");
      } else {
        root.putObject("error").put("type", error.type).put("message", error.message).put("code", error.code);
      }
      return root;
    }
  }
}
