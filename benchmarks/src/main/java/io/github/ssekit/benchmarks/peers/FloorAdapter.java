package io.github.ssekit.benchmarks.peers;

import io.github.ssekit.benchmarks.workload.Input;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The floor, not a parser: the work no SSE parser can avoid on these inputs, with no SSE logic. A byte loop finds
 * each line break (CR, LF, CRLF) buffer by buffer; a line that spans buffers is carried over in one growing array;
 * each {@code data} line becomes {@code new String(bytes, off, len, UTF_8)}, and an event's lines are joined with
 * LF. It knows the benchmark inputs' layout instead of parsing fields: a line's first byte says which field it is
 * ({@code d}ata, {@code e}vent, {@code i}d; anything else is skipped), and the value starts after the name, its
 * colon and one space. The type and id are Strings built the same way, so that its output can be checked equal to
 * the parsers'. Nothing else: no byte order mark, no {@code retry}, no limits, no UTF-8 replacement rules.
 */
public final class FloorAdapter implements SseAdapter {

  @Override
  public String name() {
    return "floor";
  }

  @Override
  public void parse(Input input, EventSink sink) {
    new Lines(sink).parse(input);
  }

  /** The state of one stream. */
  private static final class Lines {
    private final EventSink sink;
    private final List<String> data = new ArrayList<>();
    private String type;
    private String id = "";
    private byte[] carry = new byte[256];
    private int carried;
    private boolean skipLf;

    Lines(EventSink sink) {
      this.sink = sink;
    }

    void parse(Input input) {
      byte[] bytes = input.bytes();
      for (int c = 0, n = input.chunks(); c < n; c++) {
        int i = input.start(c);
        int end = input.end(c);
        if (skipLf && i < end) {
          skipLf = false;
          if (bytes[i] == '\n') {
            i++;
          }
        }
        int lineStart = i;
        for (; i < end; i++) {
          byte b = bytes[i];
          if (b != '\n' && b != '\r') {
            continue;
          }
          if (carried > 0) {
            append(bytes, lineStart, i - lineStart);
            line(carry, 0, carried);
            carried = 0;
          } else {
            line(bytes, lineStart, i - lineStart);
          }
          if (b == '\r') {
            if (i + 1 == end) {
              skipLf = true;
            } else if (bytes[i + 1] == '\n') {
              i++;
            }
          }
          lineStart = i + 1;
        }
        append(bytes, lineStart, end - lineStart);
      }
    }

    private void append(byte[] bytes, int from, int n) {
      if (carried + n > carry.length) {
        carry = Arrays.copyOf(carry, Math.max(carry.length * 2, carried + n));
      }
      System.arraycopy(bytes, from, carry, carried, n);
      carried += n;
    }

    private void line(byte[] b, int off, int len) {
      if (len == 0) {
        if (!data.isEmpty()) {
          sink.event(type, data.size() == 1 ? data.get(0) : String.join("\n", data), id);
          data.clear();
        }
        type = null;
        return;
      }
      switch (b[off]) {
        case 'd' -> data.add(new String(b, off + 6, len - 6, StandardCharsets.UTF_8));
        case 'e' -> type = new String(b, off + 7, len - 7, StandardCharsets.UTF_8);
        case 'i' -> id = new String(b, off + 4, len - 4, StandardCharsets.UTF_8);
        default -> { } // comments
      }
    }
  }
}
