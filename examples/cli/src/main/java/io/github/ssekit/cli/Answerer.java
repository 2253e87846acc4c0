package io.github.ssekit.cli;

import io.github.ssekit.client.opencode.OpenCodeTurn;
import io.github.ssekit.opencode.PendingRequest;
import io.github.ssekit.opencode.model.PermissionRequest;
import io.github.ssekit.opencode.model.QuestionInfo;
import io.github.ssekit.opencode.model.QuestionOption;
import io.github.ssekit.opencode.request.PermissionReply;
import io.github.ssekit.relay.OpenCodePassword;
import io.vertx.core.Future;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How {@code ssekit opencode} answers what a turn waits for: asking on the terminal, or following the command
 * line's flags (and rejecting, with a message, what they do not answer). Runs on the command's main thread, never on
 * the event loop.
 */
sealed interface Answerer permits Answerer.OnTerminal, Answerer.FromFlags {

  /** Answers {@code request} of {@code turn}; returns once the server took the answer. */
  void answer(OpenCodeTurn turn, PendingRequest request) throws InterruptedException;

  /** Whether a request was rejected because no flag answered it: the command then exits with 1. */
  boolean rejectedForWantOfAFlag();

  /** Asks on the terminal: options listed and picked by number or label, free text where allowed. */
  final class OnTerminal implements Answerer {
    private final BufferedReader in;
    private final PrintStream err;

    OnTerminal(BufferedReader in, PrintStream err) {
      this.in = in;
      this.err = err;
    }

    @Override
    public void answer(OpenCodeTurn turn, PendingRequest request) throws InterruptedException {
      if (request instanceof PendingRequest.Permission permission) {
        err.println(describe(permission.request()));
        String line = ask("Allow? [o]nce, [a]lways, [r]eject: ");
        PermissionReply reply = line == null ? PermissionReply.REJECT : switch (line.trim().toLowerCase(Locale.ROOT)) {
          case "o", "once", "y", "yes" -> PermissionReply.ONCE;
          case "a", "always" -> PermissionReply.ALWAYS;
          default -> PermissionReply.REJECT;
        };
        send(turn.replyToPermission(permission.id(), reply), "the permission reply");
        err.println("-> " + reply.wire());
      } else if (request instanceof PendingRequest.Question question) {
        List<List<String>> answers = new ArrayList<>();
        for (QuestionInfo info : question.request().questions()) {
          err.println(describe(info));
          boolean free = info.custom().orElse(true);
          String line = ask(free ? "Answer (a number, a label or your own text; empty line dismisses): "
              : "Answer (a number or a label; empty line dismisses): ");
          if (line == null || line.isBlank()) {
            send(turn.rejectQuestion(question.id()), "dismissing the question");
            err.println("-> dismissed");
            return;
          }
          answers.add(pick(info, line.trim(), free));
        }
        send(turn.replyToQuestion(question.id(), answers), "the answer");
        err.println("-> " + answers);
      }
    }

    @Override
    public boolean rejectedForWantOfAFlag() {
      return false;
    }

    private String ask(String prompt) {
      err.print(prompt);
      err.flush();
      try {
        return in.readLine();
      } catch (IOException e) {
        return null; // the terminal is gone: treated as no answer
      }
    }

    /** The labels {@code line} picks: numbers or labels (comma-separated when several may be picked), else text. */
    private static List<String> pick(QuestionInfo info, String line, boolean free) {
      List<QuestionOption> options = info.options();
      List<String> picked = new ArrayList<>();
      String[] items = info.multiple().orElse(false) ? line.split(",") : new String[] {line};
      for (String item : items) {
        String it = item.trim();
        Optional<String> label = Optional.empty();
        if (it.matches("\\d+")) {
          int n = Integer.parseInt(it);
          if (n >= 1 && n <= options.size()) {
            label = options.get(n - 1).label();
          }
        }
        if (label.isEmpty()) {
          label = options.stream().map(QuestionOption::label).flatMap(Optional::stream)
              .filter(l -> l.equalsIgnoreCase(it)).findFirst();
        }
        if (label.isPresent()) {
          picked.add(label.get());
        } else if (free || options.isEmpty()) {
          return List.of(line); // the user's own answer, as typed
        }
      }
      return picked;
    }
  }

  /** Follows {@code --permission} and {@code --answer}; without them, rejects and says so on stderr. */
  final class FromFlags implements Answerer {
    private final Optional<PermissionReply> permission;
    private final List<String> answers;
    private final PrintStream err;
    private boolean rejected;

    FromFlags(Optional<PermissionReply> permission, List<String> answers, PrintStream err) {
      this.permission = permission;
      this.answers = List.copyOf(answers);
      this.err = err;
    }

    @Override
    public void answer(OpenCodeTurn turn, PendingRequest request) throws InterruptedException {
      if (request instanceof PendingRequest.Permission p) {
        if (permission.isPresent()) {
          send(turn.replyToPermission(p.id(), permission.get()), "the permission reply");
          err.println(OpenCodeCommand.NAME + ": " + describe(p.request()) + " -> " + permission.get().wire()
              + " (--permission)");
          return;
        }
        rejected = true;
        err.println(OpenCodeCommand.NAME + ": " + describe(p.request()) + ", and standard input is not a terminal:"
            + " rejected it (answer with --permission once|always|reject)");
        send(turn.replyToPermission(p.id(), PermissionReply.REJECT), "rejecting the permission");
      } else if (request instanceof PendingRequest.Question q) {
        int count = q.request().questions().size();
        if (!answers.isEmpty() && answers.size() >= count) {
          List<List<String>> reply = new ArrayList<>();
          for (int i = 0; i < count; i++) {
            reply.add(List.of(answers.get(i)));
          }
          send(turn.replyToQuestion(q.id(), reply), "the answer");
          err.println(OpenCodeCommand.NAME + ": the turn asked " + count + " question(s); answered " + reply
              + " (--answer)");
          return;
        }
        rejected = true;
        String asked = q.request().questions().stream().map(i -> i.question().orElse("?"))
            .reduce((a, b) -> a + " / " + b).orElse("?");
        err.println(OpenCodeCommand.NAME + ": the turn asked a question (" + OpenCodePassword.redact(asked)
            + "), and standard input is not a terminal: dismissed it (answer with --answer TEXT, once per"
            + " question: " + count + ")");
        send(turn.rejectQuestion(q.id()), "dismissing the question");
      }
    }

    @Override
    public boolean rejectedForWantOfAFlag() {
      return rejected;
    }
  }

  /** One line for a permission request: what is asked for, and what exactly. */
  static String describe(PermissionRequest request) {
    return "the turn asks permission for " + request.permission().orElse("?")
        + (request.patterns().isEmpty() ? "" : ": " + String.join(", ", request.patterns()));
  }

  /** A question with its options, numbered. */
  static String describe(QuestionInfo info) {
    StringBuilder text = new StringBuilder();
    info.header().ifPresent(h -> text.append('[').append(h).append("] "));
    text.append(info.question().orElse("?"));
    if (info.multiple().orElse(false)) {
      text.append(" (several may be picked, comma-separated)");
    }
    List<QuestionOption> options = info.options();
    for (int i = 0; i < options.size(); i++) {
      QuestionOption option = options.get(i);
      text.append("\n  ").append(i + 1).append(". ").append(option.label().orElse("?"))
          .append(option.description().map(d -> " - " + d).orElse(""));
    }
    return text.toString();
  }

  /** Waits for the server to take an answer; a failure is said on stderr (the turn then goes on waiting or ends). */
  private static void send(Future<Boolean> sent, String what) throws InterruptedException {
    try {
      sent.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      System.err.println(OpenCodeCommand.NAME + ": " + what + " failed: "
          + OpenCodeCommand.message(e.getCause() == null ? e : e.getCause()));
    }
  }
}
