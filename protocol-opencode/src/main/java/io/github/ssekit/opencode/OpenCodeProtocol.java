package io.github.ssekit.opencode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.ssekit.opencode.event.EventEnvelope;
import io.github.ssekit.opencode.event.GenericEvent;
import io.github.ssekit.opencode.event.OpenCodeEvent;
import io.github.ssekit.opencode.event.ServerHeartbeat;
import io.github.ssekit.opencode.internal.EventFactory;
import io.github.ssekit.opencode.internal.Json;
import io.github.ssekit.sse.SseEvent;
import io.github.ssekit.sse.SseException;
import io.github.ssekit.sse.protocol.DecodeOutcome;
import io.github.ssekit.sse.protocol.Diagnostic;
import io.github.ssekit.sse.protocol.SseProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The OpenCode event stream as an sse-core protocol: consumes unnamed ({@code message}) events and decodes each
 * {@code data} JSON into an {@link OpenCodeEvent}, dispatching on its {@code type}.
 *
 * <p>One instance serves {@code /event} and {@code /global/event} alike: a {@code /global/event} frame
 * ({@code {"directory","project","payload":{...}}}) is unwrapped and its directory and project are kept in the
 * event's {@link EventEnvelope}. The {@code sync} frames of {@code /global/event}, which repeat every durable event,
 * are skipped (an {@code IGNORED} outcome with {@link OpenCodeDiagnostics#SYNC_FRAME_SKIPPED}) unless
 * {@link Builder#keepSyncFrames} is set.
 *
 * <p>Outcomes: a {@code VALUE} for every event (unknown types as {@link GenericEvent}); a {@code KEEP_ALIVE} for
 * {@code server.heartbeat} (unless {@link Builder#heartbeatsAsValues}); an {@code ERROR} for data that is not a
 * JSON object; {@code IGNORED} for sync frames and events without a type. Never an exception; stateless and
 * thread-safe.
 */
public final class OpenCodeProtocol implements SseProtocol<OpenCodeEvent> {
  private static final OpenCodeProtocol DEFAULT = builder().build();

  private final boolean keepSyncFrames;
  private final boolean heartbeatsAsValues;

  private OpenCodeProtocol(Builder builder) {
    this.keepSyncFrames = builder.keepSyncFrames;
    this.heartbeatsAsValues = builder.heartbeatsAsValues;
  }

  /** The protocol with default settings: sync frames skipped, heartbeats as keep-alives. */
  public static OpenCodeProtocol create() {
    return DEFAULT;
  }

  /** A builder for other settings. */
  public static Builder builder() {
    return new Builder();
  }

  /** OpenCode sends no {@code event:} field, so only unnamed events, typed {@code message}, are its own. */
  @Override
  public boolean consumes(String eventType) {
    return SseEvent.DEFAULT_TYPE.equals(eventType);
  }

  @Override
  public DecodeOutcome<OpenCodeEvent> decode(SseEvent event) {
    return decode(event.data());
  }

  /** Decodes the {@code data} of one event. */
  public DecodeOutcome<OpenCodeEvent> decode(String data) {
    List<Diagnostic> diagnostics = new ArrayList<>(1);
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(data);
    } catch (JsonProcessingException e) {
      String message = "event data is not JSON: " + e.getOriginalMessage();
      diagnostics.add(Diagnostic.of(OpenCodeDiagnostics.MALFORMED_JSON, message, data));
      return DecodeOutcome.error(new OpenCodeJsonException(message, e), diagnostics);
    }
    if (root == null || !root.isObject()) {
      String message = "event data is not a JSON object";
      diagnostics.add(Diagnostic.of(OpenCodeDiagnostics.NOT_AN_OBJECT, message, data));
      return DecodeOutcome.error(new SseException(message), diagnostics);
    }

    JsonNode event = root;
    Optional<String> directory = Optional.empty();
    Optional<String> project = Optional.empty();
    Optional<String> workspace = Optional.empty();
    JsonNode payload = root.get("payload");
    if (!root.has("type") && payload != null && payload.isObject()) {
      // a /global/event frame: the event is the payload, the wrapper says where it comes from
      event = payload;
      directory = Json.text(root, "directory");
      project = Json.text(root, "project");
      workspace = Json.text(root, "workspace");
    }

    Optional<String> type = Json.text(event, "type");
    if (type.isEmpty()) {
      diagnostics.add(Diagnostic.of(OpenCodeDiagnostics.MISSING_TYPE, "event has no string 'type'", data));
      return DecodeOutcome.ignored(diagnostics);
    }
    String id = Json.text(event, "id").orElse("");

    JsonNode properties = event.get("properties");
    if ("sync".equals(type.get())) {
      JsonNode sync = event.get("syncEvent");
      if (!keepSyncFrames) {
        String repeated = Json.text(sync, "type").orElse("?");
        diagnostics.add(Diagnostic.of(OpenCodeDiagnostics.SYNC_FRAME_SKIPPED,
            "skipped a sync frame repeating " + repeated + " " + Json.text(sync, "id").orElse(""), ""));
        return DecodeOutcome.ignored(diagnostics);
      }
      properties = sync;
    }
    if (properties == null || !properties.isObject()) {
      JsonNode v2Data = event.get("data");
      if (v2Data != null && v2Data.isObject()) {
        properties = v2Data;
        diagnostics.add(Diagnostic.of(OpenCodeDiagnostics.V2_ENVELOPE,
            "v2 envelope: reading 'data' as the properties of " + type.get(), ""));
      } else {
        properties = Json.MAPPER.createObjectNode();
        diagnostics.add(Diagnostic.of(OpenCodeDiagnostics.MISSING_PROPERTIES,
            type.get() + " has no 'properties' object", data));
      }
    }

    EventEnvelope envelope = new EventEnvelope(id, type.get(), properties, directory, project, workspace);
    OpenCodeEvent decoded;
    try {
      decoded = EventFactory.create(envelope);
    } catch (IllegalArgumentException e) {
      decoded = new GenericEvent(envelope);
      diagnostics.add(Diagnostic.of(OpenCodeDiagnostics.UNEXPECTED_SHAPE,
          type.get() + " kept as a generic event: " + e.getMessage(), data));
    }
    if (decoded instanceof ServerHeartbeat && !heartbeatsAsValues) {
      return DecodeOutcome.keepAlive(diagnostics);
    }
    return DecodeOutcome.value(decoded, diagnostics);
  }

  @Override
  public String toString() {
    return "OpenCodeProtocol[keepSyncFrames=" + keepSyncFrames + ", heartbeatsAsValues=" + heartbeatsAsValues + "]";
  }

  /** Settings of an {@link OpenCodeProtocol}. */
  public static final class Builder {
    private boolean keepSyncFrames;
    private boolean heartbeatsAsValues;

    private Builder() {}

    /**
     * Deliver {@code /global/event} sync frames as {@link GenericEvent}s of type {@code sync} (properties: the
     * {@code syncEvent}, with its {@code seq} and {@code aggregateID}) instead of skipping them. Default: skip.
     */
    public Builder keepSyncFrames(boolean keep) {
      this.keepSyncFrames = keep;
      return this;
    }

    /** Deliver {@code server.heartbeat} as a {@link ServerHeartbeat} value instead of a keep-alive. */
    public Builder heartbeatsAsValues(boolean asValues) {
      this.heartbeatsAsValues = asValues;
      return this;
    }

    /** The protocol. */
    public OpenCodeProtocol build() {
      return new OpenCodeProtocol(this);
    }
  }
}
