package io.github.ssekit.relay;

import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseParser;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What chat.js does with the relay's events, in Java, for tests without a browser: a browser sink that parses the
 * SSE text it is sent (with ssekit's parser, which keeps the last event ID as an EventSource does) and applies the
 * events: snapshots replace everything, deltas append to their part, part-text replaces it, done sets the state.
 */
final class PageModel implements BrowserSink {
  final List<SseEvent> events = new ArrayList<>();
  final SseParser parser = SseParser.create(this::apply);
  /** turn -> part -> {kind, text}. */
  final Map<Integer, Map<String, String[]>> turns = new TreeMap<>();
  final Map<Integer, String> states = new TreeMap<>();
  boolean closed;
  int snapshots;

  @Override
  public void send(String frame) {
    if (!closed) {
      parser.feed(frame.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Override
  public void close() {
    closed = true;
  }

  /** The Last-Event-ID an EventSource would send when reconnecting. */
  String lastEventId() {
    return parser.lastEventId();
  }

  List<String> types() {
    return events.stream().map(SseEvent::type).toList();
  }

  /** The answer text of a turn: its text parts, in order. */
  String text(int turn) {
    return join(turn, "text");
  }

  String reasoning(int turn) {
    return join(turn, "reasoning");
  }

  private String join(int turn, String kind) {
    StringBuilder text = new StringBuilder();
    for (String[] item : turns.getOrDefault(turn, Map.of()).values()) {
      if (item[0].equals(kind)) {
        text.append(item[1]);
      }
    }
    return text.toString();
  }

  private void apply(SseEvent event) {
    events.add(event);
    JsonObject data = new JsonObject(event.data());
    switch (event.type()) {
      case "snapshot" -> {
        snapshots++;
        turns.clear();
        states.clear();
        for (Object t : data.getJsonArray("turns")) {
          JsonObject turn = (JsonObject) t;
          Map<String, String[]> items = new LinkedHashMap<>();
          for (Object i : turn.getJsonArray("items")) {
            JsonObject item = (JsonObject) i;
            items.put(item.getString("part"), new String[] {item.getString("kind"), item.getString("text", "")});
          }
          turns.put(turn.getInteger("turn"), items);
          states.put(turn.getInteger("turn"), turn.getString("state"));
        }
      }
      case "turn" -> {
        turns.put(data.getInteger("turn"), new LinkedHashMap<>());
        states.put(data.getInteger("turn"), "running");
      }
      case "delta" -> {
        String[] item = turns.get(data.getInteger("turn"))
            .computeIfAbsent(data.getString("part"), p -> new String[] {data.getString("kind"), ""});
        item[1] += data.getString("text");
      }
      case "part-text" -> turns.get(data.getInteger("turn"))
          .put(data.getString("part"), new String[] {data.getString("kind"), data.getString("text")});
      case "tool" -> turns.get(data.getInteger("turn"))
          .put(data.getString("part"), new String[] {"tool", data.getString("status")});
      case "done" -> states.put(data.getInteger("turn"), data.getString("state"));
      default -> { } // permission, status, notice: not needed by the tests that use this model
    }
  }
}
