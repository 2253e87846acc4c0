package io.github.ssekit.openai.chat;

import io.github.ssekit.openai.OpenAiDiagnostics;
import io.github.ssekit.openai.internal.Json;
import io.github.ssekit.openai.internal.ToolCallAssembler;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.protocol.AbstractStreamAccumulator;
import io.github.ssekit.sse.protocol.DecodeOutcome;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.protocol.DiagnosticLimits;
import io.github.ssekit.sse.protocol.Diagnostics;
import io.github.ssekit.sse.protocol.StreamAccumulator;
import io.github.ssekit.sse.protocol.StreamErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Builds the final messages of a Chat Completions stream from its chunks: role from the first
 * non-blank value, never concatenated; content, refusal and reasoning appended; tool calls correlated by
 * non-blank id, else index, else the latest call; choices kept apart by index; usage is the last non-null
 * snapshot; finish reason the last non-null one.
 *
 * <p>It is a {@link io.github.ssekit.sse.protocol.ProtocolListener} and sse-core's {@link StreamAccumulator}, so it
 * plugs into sse-core's {@link io.github.ssekit.sse.protocol.ProtocolConversation} (what {@link ChatStream} and the
 * client run), into {@link io.github.ssekit.openai.OpenAiConversation}, or straight into a {@link io.github.ssekit.sse.protocol.ProtocolDispatcher} with {@link ChatCompletionsProtocol}; it
 * also takes chunks ({@link #add}) or outcomes ({@link #accept}) directly. A {@link ChatDeltaListener} sees each
 * fragment as it is applied. Call {@link #finish()} when the stream has ended. Not thread-safe: one per stream.
 *
 * <p>It records the diagnostics and errors it is given and those it finds; it knows nothing of strict mode, which
 * the conversation applies; what it shares with every protocol's accumulator (the records of diagnostics and
 * errors, the found-diagnostic observer, one result) is sse-core's {@link AbstractStreamAccumulator}.
 */
public final class ChatAccumulator extends AbstractStreamAccumulator<ChatChunk, ChatResult> {

  /** Per-choice state. */
  private static final class ChoiceState {
    final int index;
    Role role;
    final StringBuilder content = new StringBuilder();
    final StringBuilder refusal = new StringBuilder();
    final StringBuilder reasoning = new StringBuilder();
    final ToolCallAssembler toolCalls = new ToolCallAssembler();
    FinishReason finishReason;

    ChoiceState(int index) {
      this.index = index;
    }
  }

  private final ChatDeltaListener deltas;
  private final TreeMap<Integer, ChoiceState> choices = new TreeMap<>();
  /** The choice of the previous chunk: with n = 1, every chunk's, so no map lookup (and no boxing) per chunk. */
  private ChoiceState lastChoice;
  private Usage usage;
  private String id;
  private String model;
  private boolean done;

  /** A lenient accumulator with no delta listener. */
  public ChatAccumulator() {
    this(ChatDeltaListener.NONE);
  }

  /**
   * An accumulator whose fragments {@code deltas} sees.
   *
   * @param deltas sees each fragment as it is applied
   */
  public ChatAccumulator(ChatDeltaListener deltas) {
    this(deltas, DiagnosticLimits.DEFAULT);
  }

  /**
   * An accumulator whose fragments {@code deltas} sees, keeping diagnostic occurrences up to {@code limits}.
   *
   * @param deltas sees each fragment as it is applied
   * @param limits how many diagnostic occurrences the result keeps one by one (counts are always exact)
   */
  public ChatAccumulator(ChatDeltaListener deltas, DiagnosticLimits limits) {
    super(limits);
    this.deltas = Objects.requireNonNull(deltas, "deltas");
  }

  @Override
  public void onValue(ChatChunk chunk) {
    add(chunk);
  }

  @Override
  public void onEnd() {
    done = true;
  }

  /** Applies a decode outcome: its diagnostics, then its value, end or error. */
  public void accept(DecodeOutcome<ChatChunk> outcome) {
    outcome.diagnostics().forEach(this::onDiagnostic);
    switch (outcome.kind()) {
      case VALUE -> add(outcome.value().orElseThrow());
      case END -> onEnd();
      case ERROR -> onError(outcome.error().orElseThrow());
      default -> { }
    }
  }

  /** Applies one chunk. */
  public void add(ChatChunk chunk) {
    // this runs for every chunk of every stream: plain ifs rather than Optional.ifPresent lambdas, an indexed loop
    // rather than an iterator, each Optional fetched once (if a call here is not inlined, each one is an object)
    if (id == null) {
      id = chunk.id().orElse(null);
    }
    if (model == null) {
      model = chunk.model().orElse(null);
    }
    Optional<Usage> chunkUsage = chunk.usage();
    if (chunkUsage.isPresent()) {
      usage = chunkUsage.get();
    }
    List<ChatChoice> chunkChoices = chunk.choices();
    for (int i = 0, n = chunkChoices.size(); i < n; i++) {
      ChatChoice choice = chunkChoices.get(i);
      int index = choice.index().orElse(0);
      ChoiceState state = lastChoice != null && lastChoice.index == index ? lastChoice : choices.get(index);
      if (state == null) {
        state = new ChoiceState(index);
        choices.put(index, state);
      }
      lastChoice = state;
      Optional<Usage> choiceUsage = choice.usage();
      if (choiceUsage.isPresent()) {
        usage = choiceUsage.get();
      }
      Optional<ChatDelta> delta = choice.delta();
      if (delta.isPresent()) {
        apply(state, delta.get());
      }
      Optional<FinishReason> finishReason = choice.finishReason();
      if (finishReason.isPresent()) {
        state.finishReason = finishReason.get();
      }
    }
  }

  private void apply(ChoiceState state, ChatDelta delta) {
    if (state.role == null) {
      state.role = delta.role().orElse(null);
    }
    Optional<String> content = delta.content();
    if (content.isPresent()) {
      String text = content.get();
      state.content.append(text);
      if (!text.isEmpty()) {
        deltas.onContent(state.index, text);
      }
    }
    Optional<String> refusal = delta.refusal();
    if (refusal.isPresent()) {
      String text = refusal.get();
      state.refusal.append(text);
      if (!text.isEmpty()) {
        deltas.onRefusal(state.index, text);
      }
    }
    Optional<String> reasoning = delta.reasoningText();
    if (reasoning.isPresent()) {
      String text = reasoning.get();
      state.reasoning.append(text);
      if (!text.isEmpty()) {
        deltas.onReasoning(state.index, text);
      }
    }
    if (!delta.toolCalls().isEmpty() || delta.functionCall().isPresent()) {
      applyToolCalls(state, delta);
    }
  }

  private void applyToolCalls(ChoiceState state, ChatDelta delta) {
    Supplier<String> excerpt = () -> Json.write(delta);
    List<Diagnostic> found = new ArrayList<>();
    for (ToolCallDelta call : delta.toolCalls()) {
      String arguments = call.function().flatMap(FunctionDelta::arguments).orElse(null);
      int position = state.toolCalls.add(call.index().orElse(null), call.id().orElse(null),
          call.type().orElse(null), call.function().flatMap(FunctionDelta::name).orElse(null), arguments,
          call.extra(), excerpt, found);
      if (position >= 0 && arguments != null && !arguments.isEmpty()) {
        deltas.onToolArguments(state.index, position, arguments);
      }
    }
    if (delta.functionCall().isPresent()) {
      // the deprecated single function call: one call, continued by every later fragment
      FunctionDelta legacy = delta.functionCall().get();
      String arguments = legacy.arguments().orElse(null);
      int position = state.toolCalls.add(null, null, ToolType.FUNCTION, legacy.name().orElse(null), arguments,
          Map.of(), excerpt, found);
      if (position >= 0 && arguments != null && !arguments.isEmpty()) {
        deltas.onToolArguments(state.index, position, arguments);
      }
    }
    for (Diagnostic diagnostic : found) {
      found(diagnostic);
    }
  }

  /**
   * Ends the stream ({@link #finish()}, once): reports a choice without a finish reason (the stream is then
   * {@linkplain ChatResult#truncated() truncated}) and a missing {@code [DONE]}; {@code failure}, when not null, is
   * appended as the last error, after these checks (a cut stream is still reported as truncated).
   */
  @Override
  protected ChatResult complete(SseException failure) {
    StreamErrors errors = errors();
    Diagnostics diagnostics = diagnostics();
    boolean truncated = false;
    if (errors.isEmpty()) {
      if (choices.isEmpty()) {
        truncated = true;
        found(Diagnostic.of(OpenAiDiagnostics.MISSING_FINISH_REASON,
            "the stream ended without any choice", ""));
      }
      for (ChoiceState state : choices.values()) {
        if (state.finishReason == null) {
          truncated = true;
          found(Diagnostic.of(OpenAiDiagnostics.MISSING_FINISH_REASON,
              "the stream ended before choice " + state.index + " got a finish reason", ""));
        }
      }
      if (!done) {
        found(Diagnostic.of(OpenAiDiagnostics.MISSING_DONE, "the stream ended without [DONE]", ""));
      }
    }
    if (failure != null) {
      errors.addLast(failure); // after the end-of-stream checks: a cut stream is still reported as truncated
    }
    ImmutableChatResult.Builder builder = ImmutableChatResult.builder()
        .usage(java.util.Optional.ofNullable(usage))
        .id(java.util.Optional.ofNullable(id))
        .model(java.util.Optional.ofNullable(model))
        .diagnostics(diagnostics.summaries())
        .diagnosticOccurrences(diagnostics.occurrences())
        .diagnosticOccurrencesNotKept(diagnostics.occurrencesNotKept())
        .errors(errors.kept())
        .errorsNotKept(errors.notKept())
        .doneReceived(done)
        .truncated(truncated);
    for (ChoiceState state : choices.values()) {
      builder.addChoices(message(state));
    }
    return builder.build();
  }

  private static ChatMessage message(ChoiceState state) {
    return ImmutableChatMessage.builder()
        .index(state.index)
        .role(java.util.Optional.ofNullable(state.role))
        .content(state.content.toString())
        .refusal(state.refusal.toString())
        .reasoning(state.reasoning.toString())
        .toolCalls(state.toolCalls.calls())
        .finishReason(java.util.Optional.ofNullable(state.finishReason))
        .build();
  }
}
