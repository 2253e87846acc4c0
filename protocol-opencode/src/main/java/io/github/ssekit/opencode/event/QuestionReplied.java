package io.github.ssekit.opencode.event;

import java.util.List;
import java.util.Objects;

/**
 * {@code question.replied} (or {@code question.v2.replied}): a question of the {@code question} tool was answered;
 * the model goes on with the answers as the tool's result.
 *
 * @param envelope the envelope (raw properties included; its type tells the two forms apart)
 * @param requestID the question request answered ({@code que_...})
 * @param answers one answer per question, in the order of the questions: the labels picked or the text typed
 */
public record QuestionReplied(EventEnvelope envelope, String requestID, List<List<String>> answers)
    implements OpenCodeEvent {
  /** The event type. */
  public static final String TYPE = "question.replied";
  /** The same event in the experimental v2 form, with the same properties. */
  public static final String V2_TYPE = "question.v2.replied";

  /** Copies the answers; nothing may be null. */
  public QuestionReplied {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(requestID, "requestID");
    answers = answers.stream().map(List::copyOf).toList();
  }

  /** The type and ID only: the answers can be private. */
  @Override
  public String toString() {
    return "QuestionReplied[" + envelope + "]";
  }
}
