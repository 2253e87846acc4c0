package io.github.ssekit.openai.responses;

import io.github.ssekit.openai.OpenAiDiagnostics;
import io.github.ssekit.openai.ProviderStreamException;
import io.github.ssekit.openai.internal.Json;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.protocol.AbstractStreamAccumulator;
import io.github.ssekit.sse.protocol.DecodeOutcome;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.protocol.DiagnosticLimits;
import io.github.ssekit.sse.protocol.Diagnostics;
import io.github.ssekit.sse.protocol.StreamAccumulator;
import io.github.ssekit.sse.protocol.StreamErrors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Assembles a Responses API stream: output text, function calls, reasoning, refusal, usage and status. Output
 * items are keyed by {@code output_index} (GitHub Copilot rotates item ids on every event), then by item id, then
 * the latest item. A {@code .done} value is authoritative over the appended deltas. No {@code [DONE]} is expected;
 * a stream without a terminal event is {@linkplain ResponsesResult#truncated() truncated}.
 *
 * <p>A {@link io.github.ssekit.sse.protocol.ProtocolListener} for {@link ResponsesProtocol} and sse-core's
 * {@link StreamAccumulator}, so sse-core's {@link io.github.ssekit.sse.protocol.ProtocolConversation} runs it (as
 * {@link ResponsesStream} and the client do); also takes events ({@link #add}) and outcomes ({@link #accept})
 * directly. Not thread-safe: one per stream. It knows nothing of strict mode, which the conversation applies; what
 * it shares with every protocol's accumulator is sse-core's {@link AbstractStreamAccumulator}.
 */
public final class ResponsesAccumulator extends AbstractStreamAccumulator<ResponsesEvent, ResponsesResult> {

  /** One output item being assembled. */
  private static final class Item {
    final int outputIndex;
    String type;
    String id;
    String callId;
    String name;
    final StringBuilder arguments = new StringBuilder();
    final TreeMap<Integer, StringBuilder> text = new TreeMap<>();
    final StringBuilder refusal = new StringBuilder();
    final TreeMap<Integer, StringBuilder> summary = new TreeMap<>();
    final StringBuilder reasoningText = new StringBuilder();

    Item(int outputIndex) {
      this.outputIndex = outputIndex;
    }
  }

  private final ResponsesDeltaListener deltas;
  private final TreeMap<Integer, Item> items = new TreeMap<>();
  private final Map<String, Item> byItemId = new HashMap<>();
  private String responseId;
  private String model;
  private String status;
  private ResponseUsage usage;
  private String incompleteReason;
  private ResponseError responseError;
  private boolean terminal;
  private Item latest;

  /** A lenient accumulator with no delta listener. */
  public ResponsesAccumulator() {
    this(ResponsesDeltaListener.NONE);
  }

  /**
   * An accumulator whose fragments {@code deltas} sees.
   *
   * @param deltas sees each fragment as it is applied
   */
  public ResponsesAccumulator(ResponsesDeltaListener deltas) {
    this(deltas, DiagnosticLimits.DEFAULT);
  }

  /**
   * An accumulator whose fragments {@code deltas} sees, keeping diagnostic occurrences up to {@code limits}.
   *
   * @param deltas sees each fragment as it is applied
   * @param limits how many diagnostic occurrences the result keeps one by one (counts are always exact)
   */
  public ResponsesAccumulator(ResponsesDeltaListener deltas, DiagnosticLimits limits) {
    super(limits);
    this.deltas = Objects.requireNonNull(deltas, "deltas");
  }

  @Override
  public void onValue(ResponsesEvent event) {
    add(event);
  }

  /** Applies a decode outcome: its diagnostics, then its value or error. */
  public void accept(DecodeOutcome<ResponsesEvent> outcome) {
    outcome.diagnostics().forEach(this::onDiagnostic);
    switch (outcome.kind()) {
      case VALUE -> add(outcome.value().orElseThrow());
      case ERROR -> onError(outcome.error().orElseThrow());
      default -> { }
    }
  }

  /** Applies one event. */
  public void add(ResponsesEvent event) {
    if (event instanceof ResponseLifecycleEvent lifecycle) {
      lifecycle(lifecycle);
    } else if (event instanceof OutputItemEvent itemEvent) {
      itemEvent.item().ifPresent(item -> outputItem(itemEvent, item));
    } else if (event instanceof OutputTextEvent text) {
      Item item = item(text.outputIndex(), text.itemId(), text);
      StringBuilder part = item.text.computeIfAbsent(text.contentIndex().orElse(0), i -> new StringBuilder());
      if (!text.isDone()) {
        text.delta().ifPresent(fragment -> {
          part.append(fragment);
          deltas.onText(item.outputIndex, fragment);
        });
      } else {
        text.text().ifPresent(full -> settle(part, full, text));
      }
    } else if (event instanceof RefusalEvent refusal) {
      Item item = item(refusal.outputIndex(), refusal.itemId(), refusal);
      if (!refusal.isDone()) {
        refusal.delta().ifPresent(fragment -> {
          item.refusal.append(fragment);
          deltas.onRefusal(item.outputIndex, fragment);
        });
      } else {
        refusal.refusal().ifPresent(full -> settle(item.refusal, full, refusal));
      }
    } else if (event instanceof FunctionCallArgumentsEvent call) {
      Item item = item(call.outputIndex(), call.itemId(), call);
      if (item.type == null) {
        item.type = "function_call";
      }
      if (!call.isDone()) {
        call.delta().ifPresent(fragment -> {
          item.arguments.append(fragment);
          deltas.onFunctionArguments(item.outputIndex, fragment);
        });
      } else {
        call.name().ifPresent(name -> item.name = item.name == null ? name : item.name);
        call.arguments().ifPresent(full -> settle(item.arguments, full, call));
      }
    } else if (event instanceof ReasoningEvent reasoning) {
      Item item = item(reasoning.outputIndex(), reasoning.itemId(), reasoning);
      StringBuilder target = reasoning.isSummary()
          ? item.summary.computeIfAbsent(reasoning.summaryIndex().orElse(0), i -> new StringBuilder())
          : item.reasoningText;
      if (!reasoning.isDone()) {
        reasoning.delta().ifPresent(fragment -> {
          target.append(fragment);
          deltas.onReasoning(item.outputIndex, fragment);
        });
      } else {
        reasoning.text().ifPresent(full -> settle(target, full, reasoning));
      }
    }
    // content parts and generic events add nothing the deltas and .done events do not already carry
  }

  private void lifecycle(ResponseLifecycleEvent event) {
    event.response().ifPresent(response -> {
      if (responseId == null) {
        responseId = response.id().orElse(null);
      }
      if (model == null) {
        model = response.model().orElse(null);
      }
      response.status().ifPresent(s -> status = s);
      response.usage().ifPresent(u -> usage = u);
      response.incompleteReason().ifPresent(r -> incompleteReason = r);
      response.error().ifPresent(e -> responseError = e);
      if (event.isTerminal() && items.isEmpty()) {
        // a server that streamed nothing but the final snapshot: take the output from it
        for (int i = 0; i < response.output().size(); i++) {
          fill(itemAt(i), response.output().get(i));
        }
      }
    });
    if (event.isTerminal()) {
      terminal = true;
      if (event.type().equals("response.failed") && errors().isEmpty()) {
        ResponseError error = responseError;
        errors().add(new ProviderStreamException(
            error == null ? "the response failed" : error.message().orElse("the response failed"), null,
            error == null ? null : error.code().orElse(null), null, Json.write(event)));
      }
    }
  }

  private void outputItem(OutputItemEvent event, OutputItem item) {
    Item state = item(event.outputIndex(), item.id(), event);
    fill(state, item);
  }

  /** Takes an item's identity, and its final content where the deltas gave none. */
  private void fill(Item state, OutputItem item) {
    if (state.type == null) {
      state.type = item.type().orElse(null);
    }
    if (state.id == null) {
      state.id = item.id().orElse(null);
    }
    if (state.callId == null) {
      state.callId = item.callId().orElse(null);
    }
    if (state.name == null) {
      state.name = item.name().orElse(null);
    }
    if (state.arguments.length() == 0) {
      item.arguments().ifPresent(state.arguments::append);
    }
    if (state.text.isEmpty() && state.refusal.length() == 0) {
      for (int i = 0; i < item.content().size(); i++) {
        ContentPart part = item.content().get(i);
        part.text().ifPresent(state.text.computeIfAbsent(i, k -> new StringBuilder())::append);
        part.refusal().ifPresent(state.refusal::append);
      }
    }
    if (state.summary.isEmpty()) {
      for (int i = 0; i < item.summary().size(); i++) {
        item.summary().get(i).text().ifPresent(state.summary.computeIfAbsent(i, k -> new StringBuilder())::append);
      }
    }
  }

  /** The item an event belongs to: by output index, else by item id, else the latest item. */
  private Item item(Optional<Integer> outputIndex, Optional<String> itemId, ResponsesEvent event) {
    Item item;
    if (outputIndex.isPresent()) {
      item = itemAt(outputIndex.get());
    } else {
      found(Diagnostic.of(OpenAiDiagnostics.MISSING_OUTPUT_INDEX,
          "a " + event.type() + " event without output_index", Json.write(event)));
      if (itemId.isPresent() && byItemId.containsKey(itemId.get())) {
        item = byItemId.get(itemId.get());
      } else {
        item = latest != null ? latest : itemAt(items.isEmpty() ? 0 : items.lastKey() + 1);
      }
    }
    itemId.ifPresent(id -> byItemId.putIfAbsent(id, item));
    latest = item;
    return item;
  }

  private Item itemAt(int outputIndex) {
    return items.computeIfAbsent(outputIndex, Item::new);
  }

  /** A {@code .done} value replaces the deltas; a difference from non-empty deltas is reported. */
  private void settle(StringBuilder accumulated, String full, ResponsesEvent event) {
    if (accumulated.toString().equals(full)) {
      return;
    }
    if (accumulated.length() > 0) {
      found(Diagnostic.of(OpenAiDiagnostics.DONE_TEXT_MISMATCH,
          "the " + event.type() + " value differs from the appended deltas; the full value wins", Json.write(event)));
    }
    accumulated.setLength(0);
    accumulated.append(full);
  }

  /**
   * Ends the stream ({@link #finish()}, once): a stream without a terminal event (and without an error) is
   * {@linkplain ResponsesResult#truncated() truncated}; {@code failure}, when not null, is appended as the last
   * error, after that check.
   */
  @Override
  protected ResponsesResult complete(SseException failure) {
    StreamErrors errors = errors();
    Diagnostics diagnostics = diagnostics();
    boolean truncated = !terminal && errors.isEmpty();
    if (truncated) {
      found(Diagnostic.of(OpenAiDiagnostics.MISSING_TERMINAL_EVENT,
          "the stream ended without response.completed, .incomplete or .failed", ""));
    }
    if (failure != null) {
      errors.addLast(failure); // after the end-of-stream checks: a cut stream is still reported as truncated
    }
    StringBuilder text = new StringBuilder();
    StringBuilder refusal = new StringBuilder();
    List<String> summaries = new ArrayList<>();
    StringBuilder reasoningText = new StringBuilder();
    ImmutableResponsesResult.Builder builder = ImmutableResponsesResult.builder();
    for (Item item : items.values()) {
      item.text.values().forEach(text::append);
      refusal.append(item.refusal);
      item.summary.values().forEach(s -> summaries.add(s.toString()));
      reasoningText.append(item.reasoningText);
      if ("function_call".equals(item.type)) {
        builder.addFunctionCalls(ImmutableFunctionCall.builder()
            .outputIndex(item.outputIndex)
            .itemId(Optional.ofNullable(item.id))
            .callId(Optional.ofNullable(item.callId))
            .name(Optional.ofNullable(item.name))
            .arguments(item.arguments.toString())
            .build());
      }
    }
    String reasoning = String.join("\n\n", summaries);
    return builder
        .responseId(Optional.ofNullable(responseId))
        .model(Optional.ofNullable(model))
        .status(Optional.ofNullable(status))
        .text(text.toString())
        .refusal(refusal.toString())
        .reasoning(reasoningText.length() == 0 ? reasoning
            : reasoning.isEmpty() ? reasoningText.toString() : reasoning + "\n\n" + reasoningText)
        .usage(Optional.ofNullable(usage))
        .incompleteReason(Optional.ofNullable(incompleteReason))
        .responseError(Optional.ofNullable(responseError))
        .diagnostics(diagnostics.summaries())
        .diagnosticOccurrences(diagnostics.occurrences())
        .diagnosticOccurrencesNotKept(diagnostics.occurrencesNotKept())
        .errors(errors.kept())
        .errorsNotKept(errors.notKept())
        .truncated(truncated)
        .build();
  }
}
