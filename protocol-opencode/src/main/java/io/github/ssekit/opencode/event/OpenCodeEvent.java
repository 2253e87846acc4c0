package io.github.ssekit.opencode.event;

import java.util.Optional;

/**
 * One event of an OpenCode event stream. Switch on the record type; anything not modelled is a
 * {@link GenericEvent} with its raw JSON, never an error.
 */
public sealed interface OpenCodeEvent
    permits ServerConnected, ServerHeartbeat, InstanceDisposed, SessionCreated, SessionUpdated, SessionDeleted,
        SessionStatusChanged, SessionIdle, SessionError, SessionDiff, MessageUpdated, MessageRemoved,
        MessagePartUpdated, MessagePartDelta, MessagePartRemoved, PermissionAsked, PermissionReplied, QuestionAsked,
        QuestionReplied, QuestionRejected, PermissionV2Asked, SessionCompacted, CommandExecuted, FileEdited,
        GlobalDisposed, TodoUpdated, GenericEvent {

  /** The envelope: ID, type, raw properties, origin. */
  EventEnvelope envelope();

  /** The event ID. */
  default String id() {
    return envelope().id();
  }

  /** The dotted event type. */
  default String type() {
    return envelope().type();
  }

  /** The session the event is about, when it names one ({@code properties.sessionID}). */
  default Optional<String> sessionID() {
    return envelope().sessionID();
  }
}
