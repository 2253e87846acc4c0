package io.github.ssekit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ssekit.anthropic.AnthropicEvent;
import io.github.ssekit.anthropic.AnthropicMessage;
import io.github.ssekit.anthropic.BlockType;
import io.github.ssekit.anthropic.ContentBlock;
import io.github.ssekit.anthropic.MessagesRequest;
import io.github.ssekit.anthropic.MessagesResult;
import io.github.ssekit.client.anthropic.AnthropicClient;
import io.github.ssekit.client.anthropic.AnthropicClientOptions;
import io.github.ssekit.client.openai.OpenAiClient;
import io.github.ssekit.client.openai.OpenAiClientOptions;
import io.github.ssekit.openai.chat.ChatDeltaListener;
import io.github.ssekit.openai.chat.ChatMessage;
import io.github.ssekit.openai.chat.ChatRequest;
import io.github.ssekit.openai.chat.ChatResult;
import io.github.ssekit.openai.chat.ToolCall;
import io.github.ssekit.openai.chat.Usage;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.protocol.DiagnosticSummary;
import io.github.ssekit.sse.protocol.StreamResult;
import io.github.ssekit.testkit.FakeOpenAiServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ssekit demo}: starts a fake OpenAI-compatible provider on loopback whose reply bends the protocol the way
 * real providers do, streams it through {@link OpenAiClient} token by token, then prints the assembled message and
 * the diagnostics. No key, no network. With {@code --protocol anthropic}, the same fake speaks Anthropic's Messages
 * API, streamed through {@link AnthropicClient}.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
        "Streams a quirky reply from an embedded fake provider on loopback: no key, no network. The fake "
            + "OpenAI-compatible provider sends a keep-alive comment, a named progress event, empty roles, "
            + "reasoning, text, a tool call and usage; the reply is shown token by token, then the assembled "
            + "message and the diagnostics.",
        "With --protocol anthropic, the fake speaks Anthropic's Messages API instead: named events, a ping, a "
            + "thinking block, text, a gateway's own event and a tool_use whose input comes in pieces."})
final class DemoCommand implements Callable<Integer> {

  /** The model id that makes the fake provider send every quirk. */
  static final String MODEL = "mock-demo";

  @Option(names = "--delay", paramLabel = "MILLIS", defaultValue = "40",
      description = "Pause between streamed chunks (default: ${DEFAULT-VALUE} ms).")
  long delayMillis;

  @Option(names = "--protocol", paramLabel = "P", defaultValue = "openai",
      description = "openai (default: Chat Completions) or anthropic (the Messages API).")
  ChatCommand.Protocol protocol;

  @Override
  public Integer call() throws Exception {
    if (delayMillis < 0) {
      System.err.println("ssekit demo: --delay must not be negative");
      return SsekitCommand.USAGE;
    }
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    Vertx vertx = Vertx.vertx();
    try {
      FakeOpenAiServer fake = await(FakeOpenAiServer.start(vertx, Duration.ofMillis(delayMillis)));
      if (protocol == ChatCommand.Protocol.anthropic) {
        AnthropicClient client = AnthropicClient.create(vertx,
            new AnthropicClientOptions().setBaseUrl(fake.baseUrl()));
        try {
          return runAnthropic(client, fake, out);
        } finally {
          await(client.closeAsync());
          await(fake.stop());
        }
      }
      OpenAiClient client = OpenAiClient.create(vertx, new OpenAiClientOptions().setBaseUrl(fake.baseUrl()));
      try {
        return run(client, fake, out);
      } finally {
        await(client.closeAsync());
        await(fake.stop());
      }
    } catch (ExecutionException e) {
      out.flush();
      System.err.println("ssekit demo: " + e.getCause().getMessage());
      return 1;
    } finally {
      out.flush();
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private int run(OpenAiClient client, FakeOpenAiServer fake, PrintWriter out) throws Exception {
    out.println("ssekit demo: a fake OpenAI-compatible provider streams from " + fake.baseUrl());
    out.println("(loopback only: no API key, no network). Its reply has the quirks of real providers.");
    out.println();
    out.println("> POST /v1/chat/completions  model=" + MODEL + "  stream=true");
    out.println();
    ChatRequest request = ChatRequest.builder(MODEL)
        .system("Be brief.")
        .user("Say hello, then check the weather in Paris.")
        .addFunction("get_weather", "Current weather of a city",
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}")
        .build();
    LivePrinter live = new LivePrinter(out);
    // every occurrence: each named event the protocol does not consume is shown as it passes
    ChatResult result = await(client.streamChat(request).onDelta(live).onEveryDiagnostic(live::diagnostic).result());
    live.endLine();
    out.println();
    printResult(result, out);
    return failed(result) ? 1 : 0;
  }

  private int runAnthropic(AnthropicClient client, FakeOpenAiServer fake, PrintWriter out) throws Exception {
    out.println("ssekit demo: a fake Anthropic-compatible server streams from " + fake.baseUrl());
    out.println("(loopback only: no API key, no network). Every event of its Messages stream is named.");
    out.println();
    out.println("> POST /v1/messages  model=" + MODEL + "  stream=true");
    out.println();
    MessagesRequest request = MessagesRequest.builder(MODEL, 1024)
        .system("Be brief.")
        .user("Say hello, then check the weather in Paris.")
        .addTool("get_weather", "Current weather of a city", new ObjectMapper().readTree(
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"))
        .build();
    LivePrinter live = new LivePrinter(out);
    MessagesResult result = await(client.streamMessages(request).onEvent(event -> {
      if (event instanceof AnthropicEvent.ContentBlockDelta delta) {
        delta.delta().thinking().ifPresent(t -> live.write("thinking", t));
        delta.delta().text().ifPresent(t -> live.write("text", t));
        delta.delta().partialJson().ifPresent(t -> live.write("tool input", t));
      }
    }).onEveryDiagnostic(live::diagnostic).result());
    live.endLine();
    out.println();
    printResult(result, out);
    return failed(result) ? 1 : 0;
  }

  /** Prints fragments as they arrive, one labelled line per kind; ignored events as side lines. */
  private static final class LivePrinter implements ChatDeltaListener {
    private final PrintWriter out;
    private String section = "";
    private boolean lineOpen;

    LivePrinter(PrintWriter out) {
      this.out = out;
    }

    private void write(String label, String fragment) {
      if (!section.equals(label)) {
        endLine();
        out.print("[" + label + "] ");
        section = label;
      }
      out.print(fragment);
      out.flush();
      lineOpen = true;
    }

    void endLine() {
      if (lineOpen) {
        out.println();
        lineOpen = false;
      }
    }

    @Override
    public void onReasoning(int choiceIndex, String fragment) {
      write("reasoning", fragment);
    }

    @Override
    public void onContent(int choiceIndex, String fragment) {
      write("content", fragment);
    }

    @Override
    public void onRefusal(int choiceIndex, String fragment) {
      write("refusal", fragment);
    }

    @Override
    public void onToolArguments(int choiceIndex, int position, String fragment) {
      write("tool call " + position + " arguments", fragment);
    }

    /** A named event the protocol does not consume: shown as it passes, the stream goes on. */
    void diagnostic(Diagnostic diagnostic) {
      if (Diagnostic.IGNORED_EVENT.equals(diagnostic.code())) {
        endLine();
        out.println("   ~ " + diagnostic.message() + ": " + diagnostic.excerpt());
        section = "";
      }
    }
  }

  private static void printResult(ChatResult result, PrintWriter out) {
    out.println("== assembled message ==");
    Optional<ChatMessage> message = result.message();
    message.ifPresent(m -> {
      out.println("role:          " + m.role().map(r -> r.raw()).orElse("(none)"));
      out.println("content:       " + m.content());
      out.println("reasoning:     " + m.reasoning());
      for (ToolCall call : m.toolCalls()) {
        out.println("tool call:     " + call.id().orElse("(no id)") + " " + call.name().orElse("(no name)") + "("
            + call.arguments() + ")");
      }
      out.println("finish reason: " + m.finishReason().map(f -> f.raw()).orElse("(none)"));
    });
    if (message.isEmpty()) {
      out.println("(no message)");
    }
    result.usage().ifPresent(u -> out.println("usage:         " + usage(u)));
    out.println("[DONE]:        " + (result.doneReceived() ? "received" : "missing"));
    printEnd(result, out);
    out.println();

    long deviations = 0;
    for (DiagnosticSummary d : result.diagnostics()) {
      deviations += d.count();
    }
    out.println("== diagnostics: " + deviations + " deviations tolerated, none fatal ==");
    for (DiagnosticSummary d : result.diagnostics()) { // one per code, with its count
      out.println(d.code() + " (x" + d.count() + "): " + d.message());
    }
  }

  /** Whether the stream failed or was cut off, whatever its protocol. */
  private static boolean failed(StreamResult result) {
    return result.error().isPresent() || result.truncated();
  }

  /** How any protocol's stream ended: cut off or not, and its errors. */
  private static void printEnd(StreamResult result, PrintWriter out) {
    out.println("truncated:     " + result.truncated());
    for (var error : result.errors()) {
      out.println("error:         " + error.getMessage());
    }
  }

  private static void printResult(MessagesResult result, PrintWriter out) {
    out.println("== assembled message ==");
    Optional<AnthropicMessage> message = result.message();
    message.ifPresent(m -> {
      out.println("role:          " + m.role().orElse("(none)"));
      for (ContentBlock block : m.content()) {
        if (BlockType.THINKING.equals(block.type())) {
          out.println("thinking:      " + block.thinking() + "  (signed: " + block.signature().isPresent() + ")");
        } else if (BlockType.TEXT.equals(block.type())) {
          out.println("text:          " + block.text());
        } else if (block.isToolUse()) {
          out.println("tool use:      " + block.id().orElse("(no id)") + " " + block.name().orElse("(no name)") + "("
              + block.input().map(Object::toString).orElse(block.inputJson()) + ")");
        } else {
          out.println("block:         " + block.type().raw());
        }
      }
      out.println("stop reason:   " + m.stopReason().map(r -> r.raw()).orElse("(none)"));
      m.usage().ifPresent(u -> out.println("usage:         input " + count(u.inputTokens()) + ", output "
          + count(u.outputTokens()) + " tokens"));
    });
    if (message.isEmpty()) {
      out.println("(no message)");
    }
    out.println("message_stop:  " + (result.stopReceived() ? "received" : "missing"));
    printEnd(result, out);
    out.println();
    out.println("== diagnostics: " + result.diagnostics().size() + " codes ==");
    for (DiagnosticSummary d : result.diagnostics()) {
      out.println(d.code() + " (x" + d.count() + "): " + d.message());
    }
  }

  private static String count(OptionalLong count) {
    return count.isPresent() ? String.valueOf(count.getAsLong()) : "?";
  }

  private static String usage(Usage usage) {
    return "prompt " + usage.promptTokens().map(String::valueOf).orElse("?") + ", completion "
        + usage.completionTokens().map(String::valueOf).orElse("?") + ", total "
        + usage.totalTokens().map(String::valueOf).orElse("?") + " tokens";
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
