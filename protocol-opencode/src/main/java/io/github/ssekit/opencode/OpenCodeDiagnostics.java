package io.github.ssekit.opencode;

/**
 * The diagnostic codes of this module ({@link io.github.ssekit.sse.protocol.Diagnostic#code()}). Each names a
 * deviation that was tolerated or a frame that was skipped on purpose; none stops a stream.
 */
public final class OpenCodeDiagnostics {
  private OpenCodeDiagnostics() {}

  /** The data of an event is not JSON: the outcome is an error, the stream goes on. */
  public static final String MALFORMED_JSON = "opencode.malformed-json";

  /** The data is JSON but not an object: the outcome is an error, the stream goes on. */
  public static final String NOT_AN_OBJECT = "opencode.not-an-object";

  /** An event without a string {@code type}: ignored. */
  public static final String MISSING_TYPE = "opencode.missing-type";

  /** An event without a {@code properties} object: decoded with empty properties. */
  public static final String MISSING_PROPERTIES = "opencode.missing-properties";

  /**
   * An event in the experimental v2 envelope ({@code /api/event}: {@code {"id","type","data",...}}): decoded with
   * {@code data} as the properties.
   */
  public static final String V2_ENVELOPE = "opencode.v2-envelope";

  /** A known event type whose properties lack what its record needs: delivered as a generic event. */
  public static final String UNEXPECTED_SHAPE = "opencode.unexpected-shape";

  /**
   * A {@code /global/event} {@code sync} frame, skipped: it repeats a durable event (session.*, message.*) that
   * also arrives as a plain payload.
   */
  public static final String SYNC_FRAME_SKIPPED = "opencode.sync-frame-skipped";

  /** Reply assembly: a delta for a field other than {@code text}; not part of the reply text. */
  public static final String DELTA_FIELD_IGNORED = "opencode.delta-field-ignored";

  /**
   * Reply assembly: a delta for a part not announced by {@code message.part.updated} yet; held until the part's
   * kind is known (and counted as text if it never is).
   */
  public static final String DELTA_BEFORE_PART = "opencode.delta-before-part";

  /** Reply assembly: a part's final text does not continue the text its deltas built; the final text wins. */
  public static final String TEXT_MISMATCH = "opencode.text-mismatch";

  /**
   * Reply assembly: deltas for a part whose final text is already known, or that may have missed deltas while the
   * event stream was down ({@link ReplyAccumulator#streamLost}); not appended: the part's final text says what it
   * is. Reported once per part.
   */
  public static final String DELTA_NOT_APPENDED = "opencode.delta-not-appended";

  /** Reply assembly: an idle signal before the turn showed any sign of starting; not taken as the end. */
  public static final String IDLE_BEFORE_TURN = "opencode.idle-before-turn";
}
