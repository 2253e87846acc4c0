package io.github.ssekit.relay;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the page shows of one prompt and its reply: the state a snapshot carries, kept in step with the events sent
 * (a browser rebuilding from a snapshot shows the same as one that followed every event). Items (text, reasoning,
 * tool calls) are keyed by OpenCode part ID, in the order they first appeared.
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
  final Map<String, JsonObject> items = new LinkedHashMap<>();
  final Map<String, JsonObject> permissions = new LinkedHashMap<>();
  /** The relay: {@code prompt_async} was sent and has not answered yet. */
  boolean promptInFlight;
  /** The relay: an abort came while the prompt was in flight; it is sent once the prompt was accepted. */
  boolean abortRequested;

  TurnView(int number, String prompt, String model) {
    this.number = number;
    this.prompt = prompt;
    this.model = model;
  }

  boolean running() {
    return RUNNING.equals(state);
  }

  /** The text parts concatenated in order: what the page shows as the answer. */
  String text() {
    StringBuilder text = new StringBuilder();
    for (JsonObject item : items.values()) {
      if ("text".equals(item.getString("kind"))) {
        text.append(item.getString("text"));
      }
    }
    return text.toString();
  }

  JsonObject toJson() {
    JsonArray itemList = new JsonArray();
    items.values().forEach(item -> itemList.add(item.copy()));
    JsonArray permissionList = new JsonArray();
    permissions.values().forEach(p -> permissionList.add(p.copy()));
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
        .put("permissions", permissionList);
  }
}
