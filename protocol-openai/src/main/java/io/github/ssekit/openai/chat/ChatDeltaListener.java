package io.github.ssekit.openai.chat;

import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;

/**
 * Sees each fragment as the {@link ChatAccumulator} applies it, for showing text as it arrives. All methods
 * default to doing nothing.
 */
public interface ChatDeltaListener {

  /** Does nothing. */
  ChatDeltaListener NONE = new ChatDeltaListener() {};

  /** A content fragment of choice {@code choiceIndex}. */
  default void onContent(int choiceIndex, String fragment) {}

  /** A reasoning fragment of choice {@code choiceIndex}. */
  default void onReasoning(int choiceIndex, String fragment) {}

  /** A refusal fragment of choice {@code choiceIndex}. */
  default void onRefusal(int choiceIndex, String fragment) {}

  /** An argument fragment of the tool call at {@code position} (its order of appearance) in the choice. */
  default void onToolArguments(int choiceIndex, int position, String fragment) {}

  /** A listener that hands every reasoning fragment, of any choice, to {@code text}. */
  static ChatDeltaListener reasoning(Consumer<String> text) {
    return new ChatDeltaListener() {
      @Override
      public void onReasoning(int choiceIndex, String fragment) {
        text.accept(fragment);
      }
    };
  }

  /**
   * A listener that hands every tool-call argument fragment, of any choice, to {@code arguments} with the tool call's
   * position (its order of appearance in the choice): the JSON of one call is the concatenation of the fragments at
   * its position.
   */
  static ChatDeltaListener toolArguments(ObjIntConsumer<String> arguments) {
    return new ChatDeltaListener() {
      @Override
      public void onToolArguments(int choiceIndex, int position, String fragment) {
        arguments.accept(fragment, position);
      }
    };
  }

  /** A listener that hands every content fragment, of any choice, to {@code text}. */
  static ChatDeltaListener content(Consumer<String> text) {
    return new ChatDeltaListener() {
      @Override
      public void onContent(int choiceIndex, String fragment) {
        text.accept(fragment);
      }
    };
  }
}
