package io.github.ssekit.openai.responses;

import java.util.function.Consumer;

/**
 * Sees each fragment as the {@link ResponsesAccumulator} applies it. All methods default to doing nothing.
 */
public interface ResponsesDeltaListener {

  /** Does nothing. */
  ResponsesDeltaListener NONE = new ResponsesDeltaListener() {};

  /** An output text fragment of the item at {@code outputIndex}. */
  default void onText(int outputIndex, String fragment) {}

  /** A reasoning (summary or raw) fragment. */
  default void onReasoning(int outputIndex, String fragment) {}

  /** A refusal fragment. */
  default void onRefusal(int outputIndex, String fragment) {}

  /** A function-call argument fragment. */
  default void onFunctionArguments(int outputIndex, String fragment) {}

  /** A listener that hands every output text fragment to {@code text}. */
  static ResponsesDeltaListener text(Consumer<String> text) {
    return new ResponsesDeltaListener() {
      @Override
      public void onText(int outputIndex, String fragment) {
        text.accept(fragment);
      }
    };
  }
}
