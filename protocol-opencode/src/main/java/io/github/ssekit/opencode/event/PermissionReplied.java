package io.github.ssekit.opencode.event;

/**
 * {@code permission.replied} (or {@code permission.v2.replied}, same properties): a permission request was answered.
 *
 * @param envelope the envelope (raw properties included)
 * @param requestID the request answered
 * @param reply the raw reply: {@code once}, {@code always} or {@code reject}
 *     (see {@link io.github.ssekit.opencode.request.PermissionReply#parse})
 */
public record PermissionReplied(EventEnvelope envelope, String requestID, String reply) implements OpenCodeEvent {
  /** The event type. */
  public static final String TYPE = "permission.replied";
  /** The same event in the experimental v2 form, with the same properties. */
  public static final String V2_TYPE = "permission.v2.replied";

  /** The type and ID only: the properties can hold prompts, tool outputs and file contents. */
  @Override
  public String toString() {
    return "PermissionReplied[" + envelope + "]";
  }
}
