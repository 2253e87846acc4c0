package io.github.ssekit.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ssekit.openai.OpenAiDiagnostics;
import io.github.ssekit.openai.ProviderStreamException;
import io.github.ssekit.sse.protocol.Diagnostic;
import java.util.List;
import java.util.Optional;

/** The first look at an event's data, shared by both protocols: is it one JSON object? */
final class PayloadTriage {
  private PayloadTriage() {}

  /**
   * The data's single JSON object; otherwise empty, with a diagnostic saying what it was instead (not JSON, a
   * non-object value, several values). A member sent twice in one object is reported too (the last value is kept).
   */
  static Optional<JsonNode> singleObject(String data, List<Diagnostic> diagnostics) {
    Json.Values read = Json.readValuesNoticingDuplicates(data);
    List<JsonNode> values = read.values();
    if (read.duplicateKey() != null) {
      diagnostics.add(Diagnostic.of(OpenAiDiagnostics.DUPLICATE_KEY, "member '" + read.duplicateKey()
          + "' was sent twice in one object; the last value was kept", data));
    }
    if (values.isEmpty()) {
      diagnostics.add(Diagnostic.of(OpenAiDiagnostics.INVALID_JSON, "the data is not JSON", data));
      return Optional.empty();
    }
    if (values.size() > 1) {
      diagnostics.add(Diagnostic.of(OpenAiDiagnostics.MULTIPLE_JSON_VALUES,
          "the data holds " + values.size() + " JSON values (a missing blank line?)", data));
      return Optional.empty();
    }
    JsonNode value = values.get(0);
    if (!value.isObject()) {
      diagnostics.add(Diagnostic.of(OpenAiDiagnostics.NON_OBJECT_PAYLOAD,
          "the data is JSON " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ", not an object",
          data));
      return Optional.empty();
    }
    return Optional.of(value);
  }

  /**
   * When the data is several values run together, or valid JSON lines after a cut-off one (a proxy that drops the
   * blank line between two events sends {@code {...partial...}\n{"type":"error",...}} in one event), the error
   * one of its lines reports, if any.
   */
  static Optional<ProviderStreamException> errorAmongValues(String data) {
    for (String line : data.split("\n")) {
      for (JsonNode value : Json.readValues(line)) {
        if (value.isObject()) {
          Optional<ProviderStreamException> error = ProviderErrors.topLevel(value, line);
          if (error.isPresent()) {
            return error;
          }
        }
      }
    }
    return Optional.empty();
  }
}
