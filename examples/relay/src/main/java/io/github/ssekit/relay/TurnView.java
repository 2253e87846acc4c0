package io.github.ssekit.relay;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the page shows of one prompt and its reply: the state a snapshot carries, kept in step with the events sent
 * (a browser rebuilding from a snapshot shows the same as one that followed every event). Items (text, reasoning,
 * tool calls) are keyed by OpenCode part ID, in the order they first appeared. Where the turn itself is (prompt in
 * flight, abort pending, waiting) is protocol-opencode's {@link io.github.ssekit.opencode.Turn}, not this.
 */
final class TurnView {
  /** The turn is streaming. */
  static final String RUNNING = "running";
  /** It ended normally. */
  static final String DONE = "done";
  /** It ended with an error. */
  static final String FAILED = "failed";
  /** It was aborted. */
  static final String ABORTED = "aborted";

  final int number;
  final String prompt;
  final String model;
  String state = RUNNING;
  /** busy, retry or idle, as OpenCode last said; with a message while retrying. */
  String status = "";
  String statusMessage;
  JsonObject error;
  JsonObject usage;
  private final Map<String, Item> items = new LinkedHashMap<>();
  final Map<String, JsonObject> permissions = new LinkedHashMap<>();
  /** The questions of the {@code question} tool, with their answer once given. */
  final Map<String, JsonObject> questions = new LinkedHashMap<>();

  TurnView(int number, String prompt, String model) {
    this.number = number;
    this.prompt = prompt;
    this.model = model;
  }

  /**
   * One thing the page shows: a text or reasoning part, whose text grows in place (a delta costs its own length,
   * not the length of the text so far), or a tool call in its latest state.
   */
  static final class Item {
    final String kind;
    final String part;
    /** Text and reasoning: the text so far. */
    final StringBuilder text;
    /** A tool call: the page's JSON of it. */
    final JsonObject tool;

    private Item(String kind, String part, StringBuilder text, JsonObject tool) {
      this.kind = kind;
      this.part = part;
      this.text = text;
      this.tool = tool;
    }

    JsonObject toJson() {
      return tool != null ? tool.copy()
          : new JsonObject().put("kind", kind).put("part", part).put("text", text.toString());
    }
  }

  boolean running() {
    return RUNNING.equals(state);
  }

  /** Appends streamed text to the text or reasoning item {@code part}, which its first text creates. */
  Item appendText(String part, String kind, String text) {
    Item item = items.computeIfAbsent(part, p -> new Item(kind, p, new StringBuilder(), null));
    item.text.append(text);
    return item;
  }

  /** Replaces the text of the text or reasoning item {@code part}. */
  void replaceText(String part, String kind, String text) {
    Item item = appendText(part, kind, "");
    item.text.setLength(0);
    item.text.append(text);
  }

  /** Puts a tool call's latest state ({@code json} has its kind, part and the rest the page shows). */
  void putTool(String part, JsonObject json) {
    items.put(part, new Item("tool", part, null, json));
  }

  /** The item of {@code part}, or {@code null}. */
  Item item(String part) {
    return items.get(part);
  }

  /** The text parts concatenated in order: what the page shows as the answer. */
  String text() {
    StringBuilder text = new StringBuilder();
    for (Item item : items.values()) {
      if ("text".equals(item.kind)) {
        text.append(item.text);
      }
    }
    return text.toString();
  }

  JsonObject toJson() {
    JsonArray itemList = new JsonArray();
    items.values().forEach(item -> itemList.add(item.toJson()));
    JsonArray permissionList = new JsonArray();
    permissions.values().forEach(p -> permissionList.add(p.copy()));
    JsonArray questionList = new JsonArray();
    questions.values().forEach(q -> questionList.add(q.copy()));
    return new JsonObject()
        .put("turn", number)
        .put("prompt", prompt)
        .put("model", model)
        .put("state", state)
        .put("status", status)
        .put("statusMessage", statusMessage)
        .put("error", error)
        .put("usage", usage)
        .put("items", itemList)
        .put("permissions", permissionList)
        .put("questions", questionList);
  }
}
