package io.github.ssekit.opencode.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * What every event carries: {@code {"id","type","properties"}}, plus where it came from when it arrived through
 * {@code /global/event} ({@code {"directory","project","workspace"?,"payload":{...}}}).
 *
 * @param id the event ID ({@code evt_...}), or {@code ""} if the server left it out
 * @param type the dotted event type, such as {@code message.part.delta}
 * @param properties the raw {@code properties} object, unknown fields included (treat it as read-only)
 * @param directory {@code /global/event}: the instance directory the event belongs to
 * @param project {@code /global/event}: the project ID
 * @param workspace {@code /global/event}: the workspace ID
 */
public record EventEnvelope(String id, String type, JsonNode properties, Optional<String> directory,
    Optional<String> project, Optional<String> workspace) {

  /** Checks that nothing is null. */
  public EventEnvelope {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(properties, "properties");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(workspace, "workspace");
  }

  /** An envelope from {@code /event}: no directory, project or workspace. */
  public static EventEnvelope of(String id, String type, JsonNode properties) {
    return new EventEnvelope(id, type, properties, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * The session the event is about: {@code properties.sessionID}, which 1.18.33 puts on every session, message,
   * part and permission event; else, as older servers sent them, the session ID inside {@code part} or
   * {@code info}, or the {@code info.id} of a {@code session.*} event.
   */
  public Optional<String> sessionID() {
    Optional<String> direct = text(properties, "sessionID");
    if (direct.isPresent()) {
      return direct;
    }
    Optional<String> nested =
        text(properties.get("part"), "sessionID").or(() -> text(properties.get("info"), "sessionID"));
    if (nested.isPresent() || !type.startsWith("session.")) {
      return nested;
    }
    return text(properties.get("info"), "id");
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value != null && value.isTextual() ? Optional.of(value.textValue()) : Optional.empty();
  }

  /** The type and ID only: properties can hold prompts, outputs and file contents. */
  @Override
  public String toString() {
    return "EventEnvelope[" + type + " " + id + directory.map(d -> " in " + d).orElse("") + "]";
  }
}
