package io.github.ssekit.benchmarks.peers;

import io.github.ssekit.benchmarks.workload.ChunkedInputStream;
import io.github.ssekit.benchmarks.workload.Input;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The line parser many SDKs write: {@code BufferedReader.readLine()} over a UTF-8 reader (CR, LF and CRLF all
 * end a line), fields split at the first colon, one leading space removed, data lines joined with LF, dispatch
 * on a blank line when there was data. Written to be correct on these workloads, not to be slow.
 */
public final class BufferedReaderAdapter implements SseAdapter {

  @Override
  public String name() {
    return "bufferedreader";
  }

  @Override
  public void parse(Input input, EventSink sink) throws IOException {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(new ChunkedInputStream(input), StandardCharsets.UTF_8))) {
      StringBuilder data = new StringBuilder();
      boolean hasData = false;
      String type = null;
      String id = "";
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isEmpty()) {
          if (hasData) {
            sink.event(type, data.toString(), id);
          }
          data.setLength(0);
          hasData = false;
          type = null;
          continue;
        }
        int colon = line.indexOf(':');
        if (colon == 0) {
          continue; // comment
        }
        String field = colon < 0 ? line : line.substring(0, colon);
        int v = colon < 0 ? line.length() : colon + 1;
        if (v < line.length() && line.charAt(v) == ' ') {
          v++;
        }
        String value = line.substring(v);
        switch (field) {
          case "data":
            if (hasData) {
              data.append('\n');
            }
            data.append(value);
            hasData = true;
            break;
          case "event":
            type = value;
            break;
          case "id":
            if (value.indexOf('\0') < 0) {
              id = value;
            }
            break;
          default:
            break; // retry and unknown fields
        }
      }
    }
  }
}
