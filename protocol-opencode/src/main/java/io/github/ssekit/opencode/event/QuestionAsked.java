package io.github.ssekit.opencode.event;

import io.github.ssekit.opencode.model.QuestionRequest;

/**
 * {@code question.asked} (or {@code question.v2.asked}, same properties): the {@code question} tool waits for the user to answer.
 *
 * @param envelope the envelope (raw properties included)
 * @param request the questions
 */
public record QuestionAsked(EventEnvelope envelope, QuestionRequest request) implements OpenCodeEvent {
  /** The event type. */
  public static final String TYPE = "question.asked";
  /** The same event in the experimental v2 form, with the same properties. */
  public static final String V2_TYPE = "question.v2.asked";

  /** The type and ID only: the properties can hold prompts, tool outputs and file contents. */
  @Override
  public String toString() {
    return "QuestionAsked[" + envelope + "]";
  }
}
