package io.github.ssekit.sse;

import java.util.Objects;

/**
 * One dispatched Server-Sent Event.
 *
 * @param type the event type: the value of the last {@code event} field of the block, or {@code "message"} when
 *     there was none or it was empty
 * @param data the data buffer with its one trailing line feed removed; lines are joined with {@code "\n"}
 * @param lastEventId the stream's last event ID at dispatch ({@code ""} when none was ever set)
 */
public record SseEvent(String type, String data, String lastEventId) {

  /** The type of events that carry no {@code event} field. */
  public static final String DEFAULT_TYPE = "message";

  public SseEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(lastEventId, "lastEventId");
  }

  /** An event of type {@code message} with no last event ID. */
  public static SseEvent message(String data) {
    return new SseEvent(DEFAULT_TYPE, data, "");
  }

  /** Shows at most 64 characters of data: events can be large and may carry private content. */
  @Override
  public String toString() {
    String shown = data.length() <= 64 ? data : data.substring(0, 64) + "...(" + data.length() + " chars)";
    return "SseEvent[type=" + type + ", data=" + shown + ", lastEventId=" + lastEventId + "]";
  }
}
