package io.github.ssekit.opencode.event;

import java.util.Objects;

/**
 * {@code question.rejected} (or {@code question.v2.rejected}): the user dismissed a question of the
 * {@code question} tool; the tool call fails and the turn goes on or ends.
 *
 * @param envelope the envelope (raw properties included; its type tells the two forms apart)
 * @param requestID the question request dismissed ({@code que_...})
 */
public record QuestionRejected(EventEnvelope envelope, String requestID) implements OpenCodeEvent {
  /** The event type. */
  public static final String TYPE = "question.rejected";
  /** The same event in the experimental v2 form, with the same properties. */
  public static final String V2_TYPE = "question.v2.rejected";

  /** Checks that nothing is null. */
  public QuestionRejected {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(requestID, "requestID");
  }

  /** The type and ID only. */
  @Override
  public String toString() {
    return "QuestionRejected[" + envelope + "]";
  }
}
