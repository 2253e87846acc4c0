package io.github.ssekit.opencode;

import io.github.ssekit.opencode.model.PermissionRequest;
import io.github.ssekit.opencode.model.QuestionRequest;
import java.util.Objects;

/**
 * What a waiting {@link Turn} waits for: a permission request ({@code permission.asked}, answered with
 * {@code POST /permission/{id}/reply}) or a question of the {@code question} tool ({@code question.asked}, answered
 * with {@code POST /question/{id}/reply}). Until it is answered, the turn does not go on.
 */
public sealed interface PendingRequest permits PendingRequest.Permission, PendingRequest.Question {

  /** The request ID ({@code per_...} or {@code que_...}): the ID to reply to. */
  String id();

  /**
   * A permission request.
   *
   * @param id the request ID
   * @param request the request as the server sent it
   */
  record Permission(String id, PermissionRequest request) implements PendingRequest {
    /** Checks that nothing is null. */
    public Permission {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(request, "request");
    }

    /** The ID and the permission only: the patterns can hold commands and paths. */
    @Override
    public String toString() {
      return "Permission[" + id + " " + request.permission().orElse("?") + "]";
    }
  }

  /**
   * A question.
   *
   * @param id the request ID
   * @param request the questions as the server sent them
   */
  record Question(String id, QuestionRequest request) implements PendingRequest {
    /** Checks that nothing is null. */
    public Question {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(request, "request");
    }

    /** The ID and the number of questions only: the questions can be private. */
    @Override
    public String toString() {
      return "Question[" + id + ", " + request.questions().size() + " questions]";
    }
  }
}
