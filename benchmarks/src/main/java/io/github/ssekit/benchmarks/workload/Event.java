package io.github.ssekit.benchmarks.workload;

/**
 * An event as every adapter reports it: absent type means {@code "message"} and absent id means {@code ""}
 * (peers spell "absent" as null), so that lists of events from different libraries compare with equals.
 *
 * @param type the event type
 * @param data the data
 * @param id the last event ID at dispatch
 */
public record Event(String type, String data, String id) {

  /** The normal form: null or empty type is {@code message}, null id is {@code ""}; data stays as reported. */
  public static Event of(String type, String data, String id) {
    return new Event(type == null || type.isEmpty() ? "message" : type, data, id == null ? "" : id);
  }

  @Override
  public String toString() {
    String shown = data == null ? "null" : data.length() <= 48 ? data : data.substring(0, 48) + "...(" + data.length() + ")";
    return "Event[type=" + type + ", id=" + id + ", data=" + shown + "]";
  }
}
