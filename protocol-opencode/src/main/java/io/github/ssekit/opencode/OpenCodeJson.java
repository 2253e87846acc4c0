package io.github.ssekit.opencode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ssekit.opencode.internal.Json;
import io.github.ssekit.opencode.model.MessageWithParts;
import io.github.ssekit.opencode.model.OpenCodeError;
import io.github.ssekit.opencode.model.PermissionRequest;
import io.github.ssekit.opencode.model.QuestionRequest;
import io.github.ssekit.opencode.model.Session;
import io.github.ssekit.opencode.model.SessionStatus;
import io.github.ssekit.opencode.request.LegacyPermissionResponseBody;
import io.github.ssekit.opencode.request.PermissionReplyBody;
import io.github.ssekit.opencode.request.PromptBody;
import io.github.ssekit.opencode.request.QuestionReplyBody;
import io.github.ssekit.opencode.request.SessionCreateBody;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes request bodies and reads answers of the OpenCode HTTP API, with this module's own Jackson mapper
 * (never a global one). Writing accepts only this module's request types, so what is sent always has the
 * shapes the server expects (the model nested in a prompt). Reading is lenient: unknown fields are kept.
 */
public final class OpenCodeJson {
  private OpenCodeJson() {}

  /** The prompt body as JSON text. */
  public static String toJson(PromptBody body) {
    return write(body);
  }

  /** The session creation body as JSON text. */
  public static String toJson(SessionCreateBody body) {
    return write(body);
  }

  /** The permission reply body as JSON text. */
  public static String toJson(PermissionReplyBody body) {
    return write(body);
  }

  /** The legacy permission response body as JSON text. */
  public static String toJson(LegacyPermissionResponseBody body) {
    return write(body);
  }

  /** The prompt body as UTF-8 JSON bytes. */
  public static byte[] toBytes(PromptBody body) {
    return write(body).getBytes(StandardCharsets.UTF_8);
  }

  /** The session creation body as UTF-8 JSON bytes. */
  public static byte[] toBytes(SessionCreateBody body) {
    return write(body).getBytes(StandardCharsets.UTF_8);
  }

  /** The permission reply body as UTF-8 JSON bytes. */
  public static byte[] toBytes(PermissionReplyBody body) {
    return write(body).getBytes(StandardCharsets.UTF_8);
  }

  /** The question reply body as JSON text. */
  public static String toJson(QuestionReplyBody body) {
    return write(body);
  }

  /** The question reply body as UTF-8 JSON bytes. */
  public static byte[] toBytes(QuestionReplyBody body) {
    return write(body).getBytes(StandardCharsets.UTF_8);
  }

  /** The legacy permission response body as UTF-8 JSON bytes. */
  public static byte[] toBytes(LegacyPermissionResponseBody body) {
    return write(body).getBytes(StandardCharsets.UTF_8);
  }

  /** A session: the answer of {@code POST /session} and {@code GET /session/{id}}. */
  public static Session readSession(byte[] json) {
    return read(json, Json.MAPPER.constructType(Session.class));
  }

  /** A list of sessions: the answer of {@code GET /session}. */
  public static List<Session> readSessions(byte[] json) {
    return read(json, Json.MAPPER.getTypeFactory().constructCollectionType(List.class, Session.class));
  }

  /**
   * A message with its parts: the answer of the synchronous prompt and of {@code GET /session/{id}/message/{id}}.
   * A failed turn still answers 200: check {@link MessageWithParts#error()}.
   */
  public static MessageWithParts readMessageWithParts(byte[] json) {
    return read(json, Json.MAPPER.constructType(MessageWithParts.class));
  }

  /** The messages of a session: the answer of {@code GET /session/{id}/message}. */
  public static List<MessageWithParts> readMessages(byte[] json) {
    return read(json, Json.MAPPER.getTypeFactory().constructCollectionType(List.class, MessageWithParts.class));
  }

  /** The pending permission requests: the answer of {@code GET /permission}. */
  public static List<PermissionRequest> readPermissionRequests(byte[] json) {
    return read(json, Json.MAPPER.getTypeFactory().constructCollectionType(List.class, PermissionRequest.class));
  }

  /** The pending questions of the {@code question} tool: the answer of {@code GET /question}. */
  public static List<QuestionRequest> readQuestionRequests(byte[] json) {
    return read(json, Json.MAPPER.getTypeFactory().constructCollectionType(List.class, QuestionRequest.class));
  }

  /**
   * The status of the busy or retrying sessions, by session ID: the answer of {@code GET /session/status}
   * ({@code {}} when all are idle).
   */
  public static Map<String, SessionStatus> readSessionStatuses(byte[] json) {
    return read(json, Json.MAPPER.getTypeFactory().constructType(new TypeReference<Map<String, SessionStatus>>() {}));
  }

  /** The body of an HTTP error answer: {@code {"name","data":{"message",...}}}. */
  public static OpenCodeError readError(byte[] json) {
    return read(json, Json.MAPPER.constructType(OpenCodeError.class));
  }

  /**
   * A JSON object the model does not type ({@code GET /global/health}, {@code /config}, {@code /config/providers}),
   * as a Jackson tree: the one JSON type of ssekit's public API.
   */
  public static ObjectNode readObject(byte[] json) {
    return read(json, Json.MAPPER.constructType(ObjectNode.class));
  }

  /** Reads a boolean answer ({@code true} from abort, permission replies, delete). */
  public static boolean readBoolean(byte[] json) {
    Boolean value = read(json, Json.MAPPER.constructType(Boolean.class));
    return value != null && value;
  }

  private static String write(Object body) {
    try {
      return Json.MAPPER.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new OpenCodeJsonException("could not write " + body.getClass().getSimpleName() + ": "
          + e.getOriginalMessage(), e);
    }
  }

  private static <T> T read(byte[] json, JavaType type) {
    try {
      T value = Json.MAPPER.readValue(json, type);
      if (value == null) {
        throw new OpenCodeJsonException("expected " + type.getRawClass().getSimpleName() + ", got null", null);
      }
      // A null element would surface later as a NullPointerException in the caller's loop: refuse it here.
      if (value instanceof Collection<?> list && list.stream().anyMatch(Objects::isNull)
          || value instanceof Map<?, ?> map && map.values().stream().anyMatch(Objects::isNull)) {
        throw new OpenCodeJsonException("expected " + type.getRawClass().getSimpleName()
            + " without null elements, got " + excerpt(json), null);
      }
      return value;
    } catch (IOException e) {
      throw new OpenCodeJsonException("could not read " + type.getRawClass().getSimpleName() + " from "
          + excerpt(json) + ": " + e.getMessage(), e);
    }
  }

  private static String excerpt(byte[] json) {
    String text = new String(json, 0, Math.min(json.length, 120), StandardCharsets.UTF_8);
    return json.length > 120 ? "'" + text + "...'" : "'" + text + "'";
  }
}
