package io.github.ssekit.opencode;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ssekit.opencode.model.CacheTokens;
import io.github.ssekit.opencode.model.OpenCodeError;
import io.github.ssekit.opencode.model.Part;
import io.github.ssekit.opencode.model.Tokens;
import io.github.ssekit.opencode.model.ToolStatus;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.protocol.DiagnosticSummary;
import io.github.ssekit.sse.protocol.ResponseMetadata;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The assistant's reply to one prompt, as a {@link ReplyAccumulator} has built it so far: a turn can span several
 * assistant messages (one per step, such as a tool call and then the answer), all included here.
 *
 * @param sessionID the session
 * @param text the text parts of the assistant messages, concatenated in the order they started
 * @param reasoning the reasoning parts, concatenated likewise
 * @param parts every part of the assistant messages as last updated (step-start, file, patch, ... included)
 * @param toolCalls the tool calls, each in its latest state
 * @param steps the finished steps, with their tokens and cost
 * @param usage the tokens and cost of all finished steps
 * @param model the model that actually answered (from the last assistant message)
 * @param finish the finish reason of the last assistant message ({@code stop}, {@code tool-calls}, ...)
 * @param error why the turn failed: the first {@code session.error}, else the last assistant message's error
 * @param messageIDs the assistant messages of the turn
 * @param done whether the session went idle after the turn started
 * @param diagnostics the deviations tolerated so far (the reply assembly's, and the event decoder's when the driver
 *     recorded them), one per code in the order each code first occurred, with its first occurrence and its count
 * @param diagnosticOccurrences the diagnostics one by one, in the order found, up to the accumulator's
 *     {@link io.github.ssekit.sse.protocol.DiagnosticLimits} (by default 10 per code and 100 in all)
 * @param diagnosticOccurrencesNotKept how many occurrences {@code diagnosticOccurrences} leaves out because of the
 *     limits (their counts are still in {@code diagnostics}); 0 if it holds all
 * @param responseMetadata the status and headers of the response that accepted the prompt
 *     ({@code POST /session/{id}/prompt_async}), such as a proxy's {@code x-request-id}, when the driver handed them
 *     to the turn ({@link Turn#onPromptAccepted(ResponseMetadata)}); {@link ResponseMetadata#NONE} otherwise
 */
public record Reply(String sessionID, String text, String reasoning, List<Part> parts, List<ToolCall> toolCalls,
    List<Step> steps, Usage usage, Optional<ModelRef> model, Optional<String> finish, Optional<OpenCodeError> error,
    List<String> messageIDs, boolean done, List<DiagnosticSummary> diagnostics,
    List<Diagnostic> diagnosticOccurrences, long diagnosticOccurrencesNotKept, ResponseMetadata responseMetadata) {

  /** Copies the lists and checks that nothing is null. */
  public Reply {
    Objects.requireNonNull(sessionID, "sessionID");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(reasoning, "reasoning");
    parts = List.copyOf(parts);
    toolCalls = List.copyOf(toolCalls);
    steps = List.copyOf(steps);
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(finish, "finish");
    Objects.requireNonNull(error, "error");
    messageIDs = List.copyOf(messageIDs);
    diagnostics = List.copyOf(diagnostics);
    diagnosticOccurrences = List.copyOf(diagnosticOccurrences);
    if (diagnosticOccurrencesNotKept < 0) {
      throw new IllegalArgumentException("diagnosticOccurrencesNotKept must not be negative: "
          + diagnosticOccurrencesNotKept);
    }
    Objects.requireNonNull(responseMetadata, "responseMetadata");
  }

  /** A reply without response metadata ({@link ResponseMetadata#NONE}), as a reply assembled from events is. */
  public Reply(String sessionID, String text, String reasoning, List<Part> parts, List<ToolCall> toolCalls,
      List<Step> steps, Usage usage, Optional<ModelRef> model, Optional<String> finish, Optional<OpenCodeError> error,
      List<String> messageIDs, boolean done, List<DiagnosticSummary> diagnostics,
      List<Diagnostic> diagnosticOccurrences, long diagnosticOccurrencesNotKept) {
    this(sessionID, text, reasoning, parts, toolCalls, steps, usage, model, finish, error, messageIDs, done,
        diagnostics, diagnosticOccurrences, diagnosticOccurrencesNotKept, ResponseMetadata.NONE);
  }

  /** This reply with {@code metadata} as its {@link #responseMetadata()}. */
  public Reply withResponseMetadata(ResponseMetadata metadata) {
    return new Reply(sessionID, text, reasoning, parts, toolCalls, steps, usage, model, finish, error, messageIDs,
        done, diagnostics, diagnosticOccurrences, diagnosticOccurrencesNotKept, metadata);
  }

  /** Whether the turn failed. */
  public boolean failed() {
    return error.isPresent();
  }

  /** Sizes and names only: the text, tool outputs and diagnostics' excerpts may be private. */
  @Override
  public String toString() {
    return "Reply[" + sessionID + ", text " + text.length() + " chars, reasoning " + reasoning.length()
        + " chars, " + toolCalls.size() + " tool calls, " + steps.size() + " steps, " + usage
        + model.map(m -> ", " + m).orElse("") + finish.map(f -> ", finish " + f).orElse("")
        + error.map(e -> ", " + e).orElse("") + (diagnostics.isEmpty() ? "" : ", " + diagnostics.size()
        + " diagnostic codes") + (done ? ", done" : "") + "]";
  }

  /**
   * A tool call in its latest state.
   *
   * @param partID the tool part
   * @param messageID the assistant message
   * @param callID the call ID (what a permission request's {@code tool.callID} refers to)
   * @param tool the tool name
   * @param status pending, running, completed or error
   * @param input the arguments
   * @param output the output, once completed
   * @param error the error text, if it failed or was rejected
   * @param title a title, such as the command
   */
  public record ToolCall(String partID, String messageID, Optional<String> callID, Optional<String> tool,
      Optional<ToolStatus> status, Optional<JsonNode> input, Optional<String> output, Optional<String> error,
      Optional<String> title) {

    /** The call as a tool part describes it. */
    public static ToolCall of(Part part) {
      return new ToolCall(part.id().orElse(""), part.messageID().orElse(""), part.callID(), part.tool(),
          part.state().flatMap(s -> s.status()), part.state().flatMap(s -> s.input()),
          part.state().flatMap(s -> s.output()), part.state().flatMap(s -> s.error()),
          part.state().flatMap(s -> s.title()));
    }

    /** The tool, the status and the sizes only: inputs and outputs may be private. */
    @Override
    public String toString() {
      return "ToolCall[" + tool.orElse("?") + " " + callID.orElse("") + " " + status.map(Object::toString).orElse("?")
          + output.map(o -> ", output " + o.length() + " chars").orElse("")
          + error.map(e -> ", error " + e.length() + " chars").orElse("") + "]";
    }
  }

  /**
   * A finished step (a {@code step-finish} part).
   *
   * @param partID the step-finish part
   * @param messageID the assistant message
   * @param reason why the step ended ({@code stop}, {@code tool-calls}, ...)
   * @param tokens the step's tokens
   * @param cost the step's cost
   */
  public record Step(String partID, String messageID, Optional<String> reason, Optional<Tokens> tokens,
      Optional<Double> cost) {

    /** The step as a step-finish part describes it. */
    public static Step of(Part part) {
      return new Step(part.id().orElse(""), part.messageID().orElse(""), part.reason(), part.tokens(), part.cost());
    }
  }

  /**
   * Tokens and cost summed over steps.
   *
   * @param input input tokens
   * @param output output tokens
   * @param reasoning reasoning tokens
   * @param cacheRead tokens read from the cache
   * @param cacheWrite tokens written to the cache
   * @param cost the cost
   */
  public record Usage(long input, long output, long reasoning, long cacheRead, long cacheWrite, double cost) {

    /** Nothing used. */
    public static final Usage NONE = new Usage(0, 0, 0, 0, 0, 0);

    /** Input, output, reasoning and cache tokens together. */
    public long total() {
      return input + output + reasoning + cacheRead + cacheWrite;
    }

    /** This usage plus one step's. */
    public Usage plus(Step step) {
      Optional<Tokens> t = step.tokens();
      Optional<CacheTokens> cache = t.flatMap(Tokens::cache);
      return new Usage(input + t.flatMap(Tokens::input).orElse(0L),
          output + t.flatMap(Tokens::output).orElse(0L),
          reasoning + t.flatMap(Tokens::reasoning).orElse(0L),
          cacheRead + cache.flatMap(CacheTokens::read).orElse(0L),
          cacheWrite + cache.flatMap(CacheTokens::write).orElse(0L),
          cost + step.cost().orElse(0.0));
    }
  }
}
