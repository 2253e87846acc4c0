package io.github.ssekit.opencode.event;

import io.github.ssekit.opencode.model.QuestionRequest;

/**
 * {@code question.asked}: the {@code question} tool waits for the user to answer.
 *
 * @param envelope the envelope (raw properties included)
 * @param request the questions
 */
public record QuestionAsked(EventEnvelope envelope, QuestionRequest request) implements OpenCodeEvent {
  /** The event type. */
  public static final String TYPE = "question.asked";

  /** The type and ID only: the properties can hold prompts, tool outputs and file contents. */
  @Override
  public String toString() {
    return "QuestionAsked[" + envelope + "]";
  }
}
