package io.github.ssekit.openai.chat;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** The message of one choice, assembled from the deltas of a stream. */
@Value.Immutable
public interface ChatMessage {

  /** The choice index. */
  int index();

  /** The first non-blank role sent for this choice. */
  Optional<Role> role();

  /** The text, all content fragments appended ({@code ""} when there was none). */
  String content();

  /** The refusal text, all refusal fragments appended. */
  String refusal();

  /** The reasoning text, from {@code reasoning_content} or {@code reasoning}, appended. */
  String reasoning();

  /** The tool calls, in the order they first appeared. */
  List<ToolCall> toolCalls();

  /** The last finish reason sent for this choice. */
  Optional<FinishReason> finishReason();
}
