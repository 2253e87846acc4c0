package io.github.ssekit.opencode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The HTTP routes of the OpenCode server this module has bodies and answers for (opencode 1.18.33). Paths only:
 * no transport here. Every route also takes the {@code directory} query parameter (or the
 * {@code x-opencode-directory} header), which picks the instance, and so which {@code /event} stream sees the
 * session's events.
 */
public final class OpenCodeRoutes {
  private OpenCodeRoutes() {}

  /** {@code GET}: the instance event stream (SSE). */
  public static final String EVENT = "/event";
  /** {@code GET}: the event stream of all instances (SSE), frames wrapped in {@code {"directory","payload"}}. */
  public static final String GLOBAL_EVENT = "/global/event";
  /** {@code GET}: {@code {"healthy":true,"version"}}. */
  public static final String HEALTH = "/global/health";
  /** {@code POST} a {@link io.github.ssekit.opencode.request.SessionCreateBody}; {@code GET}: list sessions. */
  public static final String SESSIONS = "/session";
  /** {@code GET}: the status of busy and retrying sessions, by session ID. */
  public static final String SESSION_STATUS = "/session/status";
  /** {@code GET}: the pending permission requests. */
  public static final String PERMISSIONS = "/permission";
  /** {@code GET}: the pending questions of the {@code question} tool. */
  public static final String QUESTIONS = "/question";
  /** {@code POST} (no body): dispose the instance; {@code /event} closes after {@code server.instance.disposed}. */
  public static final String INSTANCE_DISPOSE = "/instance/dispose";
  /** The header that picks the instance (URL-encoded directory), like the {@code directory} query parameter. */
  public static final String DIRECTORY_HEADER = "x-opencode-directory";

  /** {@code GET}: one session; {@code DELETE}: delete it. */
  public static String session(String sessionID) {
    return "/session/" + segment(sessionID);
  }

  /** {@code POST} a prompt body: blocks until the turn is over, answers {@code {info, parts}} (200 on failure too). */
  public static String prompt(String sessionID) {
    return session(sessionID) + "/message";
  }

  /** {@code POST} a prompt body: answers 204 at once; follow the turn on the event stream (subscribe first). */
  public static String promptAsync(String sessionID) {
    return session(sessionID) + "/prompt_async";
  }

  /** {@code GET}: the session's messages with their parts. */
  public static String messages(String sessionID) {
    return session(sessionID) + "/message";
  }

  /** {@code POST} (no body): abort the running turn; answers {@code true}. */
  public static String abort(String sessionID) {
    return session(sessionID) + "/abort";
  }

  /** {@code POST} a {@link io.github.ssekit.opencode.request.PermissionReplyBody}; answers {@code true}. */
  public static String permissionReply(String requestID) {
    return "/permission/" + segment(requestID) + "/reply";
  }

  /** {@code POST} a {@link io.github.ssekit.opencode.request.QuestionReplyBody}; answers {@code true}. */
  public static String questionReply(String requestID) {
    return "/question/" + segment(requestID) + "/reply";
  }

  /** {@code POST} (no body): dismiss a question; the tool call fails; answers {@code true}. */
  public static String questionReject(String requestID) {
    return "/question/" + segment(requestID) + "/reject";
  }

  /** {@code POST} a {@link io.github.ssekit.opencode.request.LegacyPermissionResponseBody} (older route). */
  public static String legacyPermissionResponse(String sessionID, String permissionID) {
    return session(sessionID) + "/permissions/" + segment(permissionID);
  }

  /** A path with the {@code directory} query parameter added. */
  public static String inDirectory(String path, String directory) {
    return path + (path.indexOf('?') < 0 ? "?" : "&") + "directory=" + query(directory);
  }

  private static String segment(String id) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("an ID in a path must not be blank");
    }
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
