package io.github.ssekit.opencode.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.ssekit.opencode.event.CommandExecuted;
import io.github.ssekit.opencode.event.EventEnvelope;
import io.github.ssekit.opencode.event.FileEdited;
import io.github.ssekit.opencode.event.GenericEvent;
import io.github.ssekit.opencode.event.GlobalDisposed;
import io.github.ssekit.opencode.event.InstanceDisposed;
import io.github.ssekit.opencode.event.MessagePartDelta;
import io.github.ssekit.opencode.event.MessagePartRemoved;
import io.github.ssekit.opencode.event.MessagePartUpdated;
import io.github.ssekit.opencode.event.MessageRemoved;
import io.github.ssekit.opencode.event.MessageUpdated;
import io.github.ssekit.opencode.event.OpenCodeEvent;
import io.github.ssekit.opencode.event.PermissionAsked;
import io.github.ssekit.opencode.event.PermissionReplied;
import io.github.ssekit.opencode.event.PermissionV2Asked;
import io.github.ssekit.opencode.event.QuestionAsked;
import io.github.ssekit.opencode.event.QuestionRejected;
import io.github.ssekit.opencode.event.QuestionReplied;
import io.github.ssekit.opencode.event.ServerConnected;
import io.github.ssekit.opencode.event.ServerHeartbeat;
import io.github.ssekit.opencode.event.SessionCompacted;
import io.github.ssekit.opencode.event.SessionCreated;
import io.github.ssekit.opencode.event.SessionDeleted;
import io.github.ssekit.opencode.event.SessionDiff;
import io.github.ssekit.opencode.event.SessionError;
import io.github.ssekit.opencode.event.SessionIdle;
import io.github.ssekit.opencode.event.SessionStatusChanged;
import io.github.ssekit.opencode.event.SessionUpdated;
import io.github.ssekit.opencode.event.TodoUpdated;
import io.github.ssekit.opencode.model.FileDiff;
import io.github.ssekit.opencode.model.MessageInfo;
import io.github.ssekit.opencode.model.OpenCodeError;
import io.github.ssekit.opencode.model.Part;
import io.github.ssekit.opencode.model.PermissionRequest;
import io.github.ssekit.opencode.model.QuestionRequest;
import io.github.ssekit.opencode.model.Session;
import io.github.ssekit.opencode.model.SessionStatus;
import io.github.ssekit.opencode.model.Todo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns an envelope into its event record. Throws {@link IllegalArgumentException} when the properties of a
 * known type do not have the shape the record needs; the caller then keeps the event as a {@link GenericEvent}.
 */
public final class EventFactory {
  private EventFactory() {}

  /** The event for {@code envelope}; a {@link GenericEvent} for types without a record. */
  public static OpenCodeEvent create(EventEnvelope envelope) {
    JsonNode p = envelope.properties();
    switch (envelope.type()) {
      case ServerConnected.TYPE:
        return new ServerConnected(envelope);
      case ServerHeartbeat.TYPE:
        return new ServerHeartbeat(envelope);
      case InstanceDisposed.TYPE:
        return new InstanceDisposed(envelope, Json.text(p, "directory"));
      case SessionCreated.TYPE:
        return new SessionCreated(envelope, required(p, "info", Session.class));
      case SessionUpdated.TYPE:
        return new SessionUpdated(envelope, required(p, "info", Session.class));
      case SessionDeleted.TYPE:
        return new SessionDeleted(envelope, required(p, "info", Session.class));
      case SessionStatusChanged.TYPE:
        return new SessionStatusChanged(envelope, required(p, "status", SessionStatus.class));
      case SessionIdle.TYPE:
        return new SessionIdle(envelope);
      case SessionError.TYPE:
        return new SessionError(envelope, optional(p, "error", OpenCodeError.class));
      case SessionDiff.TYPE:
        return new SessionDiff(envelope, list(p, "diff", FileDiff.class));
      case MessageUpdated.TYPE:
        return new MessageUpdated(envelope, required(p, "info", MessageInfo.class));
      case MessageRemoved.TYPE:
        return new MessageRemoved(envelope, requiredText(p, "messageID"));
      case MessagePartUpdated.TYPE:
        return new MessagePartUpdated(envelope, required(p, "part", Part.class), Json.text(p, "delta"));
      case MessagePartDelta.TYPE:
        return new MessagePartDelta(envelope, requiredText(p, "messageID"), requiredText(p, "partID"),
            requiredText(p, "field"), requiredText(p, "delta"));
      case MessagePartRemoved.TYPE:
        return new MessagePartRemoved(envelope, requiredText(p, "messageID"), requiredText(p, "partID"));
      case PermissionAsked.TYPE:
        return new PermissionAsked(envelope, convert(p, PermissionRequest.class, "properties"));
      case PermissionReplied.TYPE:
      case PermissionReplied.V2_TYPE:
        return new PermissionReplied(envelope, requiredText(p, "requestID"), requiredText(p, "reply"));
      case PermissionV2Asked.TYPE:
        return new PermissionV2Asked(envelope, requiredText(p, "id"), requiredText(p, "action"),
            texts(p, "resources"), texts(p, "save"));
      case QuestionAsked.TYPE:
      case QuestionAsked.V2_TYPE:
        return new QuestionAsked(envelope, convert(p, QuestionRequest.class, "properties"));
      case QuestionReplied.TYPE:
      case QuestionReplied.V2_TYPE:
        return new QuestionReplied(envelope, requiredText(p, "requestID"), answers(p));
      case QuestionRejected.TYPE:
      case QuestionRejected.V2_TYPE:
        return new QuestionRejected(envelope, requiredText(p, "requestID"));
      case SessionCompacted.TYPE:
        return new SessionCompacted(envelope);
      case CommandExecuted.TYPE:
        return new CommandExecuted(envelope, requiredText(p, "name"), Json.text(p, "arguments"),
            Json.text(p, "messageID"));
      case FileEdited.TYPE:
        return new FileEdited(envelope, requiredText(p, "file"));
      case GlobalDisposed.TYPE:
        return new GlobalDisposed(envelope);
      case TodoUpdated.TYPE:
        return new TodoUpdated(envelope, list(p, "todos", Todo.class));
      default:
        return new GenericEvent(envelope);
    }
  }

  private static String requiredText(JsonNode properties, String field) {
    return Json.text(properties, field)
        .orElseThrow(() -> new IllegalArgumentException("properties." + field + " is missing or not a string"));
  }

  /** The optional array of strings {@code properties.field}; absent or null is empty. */
  private static List<String> texts(JsonNode properties, String field) {
    return strings(properties.get(field), "properties." + field);
  }

  private static List<String> strings(JsonNode array, String where) {
    if (array == null || array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw new IllegalArgumentException(where + " is not an array");
    }
    List<String> texts = new ArrayList<>(array.size());
    for (JsonNode item : array) {
      if (!item.isTextual()) {
        throw new IllegalArgumentException(where + " holds something other than a string");
      }
      texts.add(item.textValue());
    }
    return List.copyOf(texts);
  }

  /** {@code properties.answers}: one array of strings (labels picked, text typed) per question. */
  private static List<List<String>> answers(JsonNode properties) {
    JsonNode array = properties.get("answers");
    if (array == null || array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw new IllegalArgumentException("properties.answers is not an array");
    }
    List<List<String>> answers = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      answers.add(strings(array.get(i), "properties.answers[" + i + "]"));
    }
    return List.copyOf(answers);
  }

  private static <T> T required(JsonNode properties, String field, Class<T> type) {
    JsonNode node = properties.get(field);
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("properties." + field + " is missing or not an object");
    }
    return convert(node, type, "properties." + field);
  }

  private static <T> Optional<T> optional(JsonNode properties, String field, Class<T> type) {
    JsonNode node = properties.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("properties." + field + " is not an object");
    }
    return Optional.of(convert(node, type, "properties." + field));
  }

  private static <T> List<T> list(JsonNode properties, String field, Class<T> type) {
    JsonNode node = properties.get(field);
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException("properties." + field + " is not an array");
    }
    List<T> items = new ArrayList<>(node.size());
    for (JsonNode item : node) {
      T value = item.isNull() ? null : convert(item, type, "properties." + field + "[]");
      if (value == null) { // the record's list cannot hold it (List.copyOf refuses null)
        throw new IllegalArgumentException("properties." + field + " has a null element");
      }
      items.add(value);
    }
    return List.copyOf(items);
  }

  private static <T> T convert(JsonNode node, Class<T> type, String where) {
    try {
      return Json.MAPPER.treeToValue(node, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(where + " is not a " + type.getSimpleName() + ": "
          + e.getOriginalMessage(), e);
    } catch (RuntimeException e) { // a value type refusing a value (such as a null list element)
      throw new IllegalArgumentException(where + " is not a " + type.getSimpleName() + ": " + e, e);
    }
  }
}
