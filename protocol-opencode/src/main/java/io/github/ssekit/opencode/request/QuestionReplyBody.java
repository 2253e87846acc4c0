package io.github.ssekit.opencode.request;

import java.util.List;
import java.util.Objects;

/**
 * The body of {@code POST /question/{requestID}/reply}: {@code {"answers":[["label", ...], ...]}}, one answer per
 * question of the request, in order; an answer is the labels of the options picked, or the text typed when the
 * question allows a free answer ({@code custom}). The server answers {@code true}. A question is dismissed with
 * {@code POST /question/{requestID}/reject}, without a body.
 *
 * @param answers one answer per question
 */
public record QuestionReplyBody(List<List<String>> answers) {

  /** Copies the answers; nothing may be null. */
  public QuestionReplyBody {
    Objects.requireNonNull(answers, "answers");
    answers = answers.stream().map(List::copyOf).toList();
  }

  /** The body answering each question with the one label or text given, in order. */
  public static QuestionReplyBody of(String... answers) {
    return new QuestionReplyBody(java.util.Arrays.stream(answers).map(List::of).toList());
  }
}
