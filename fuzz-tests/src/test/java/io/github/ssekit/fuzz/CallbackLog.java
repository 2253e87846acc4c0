package io.github.ssekit.fuzz;

import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.SseHandler;
import io.github.ssekit.sse.SseParser;
import java.util.ArrayList;
import java.util.List;

/**
 * Every callback of a parser in the order it came (so the order of comments, retries and ID changes relative to
 * events is compared too), optionally ending the parser from its {@code stopAt}-th callback.
 */
final class CallbackLog implements SseHandler {
  final List<Object> entries = new ArrayList<>();
  private final int stopAt;
  private SseParser parser;
  private boolean stopped;

  CallbackLog() {
    this(0);
  }

  /** A log that calls {@code end()} on the parser from its {@code stopAt}-th callback (never when 0). */
  CallbackLog(int stopAt) {
    this.stopAt = stopAt;
  }

  CallbackLog attach(SseParser parser) {
    this.parser = parser;
    return this;
  }

  boolean stopped() {
    return stopped;
  }

  private void add(Object entry) {
    if (stopped) {
      entries.add("a callback after end(): " + entry);
      return;
    }
    entries.add(entry);
    if (entries.size() == stopAt) {
      stopped = true;
      parser.end();
    }
  }

  @Override
  public void onEvent(SseEvent event) {
    add(event);
  }

  @Override
  public void onComment(String text) {
    add("comment " + text);
  }

  @Override
  public void onRetry(long millis) {
    add("retry " + millis);
  }

  @Override
  public void onLastEventId(String lastEventId) {
    add("id " + lastEventId);
  }

  @Override
  public void onError(SseException error) {
    add(error.getClass().getName() + ": " + error.getMessage());
  }
}
