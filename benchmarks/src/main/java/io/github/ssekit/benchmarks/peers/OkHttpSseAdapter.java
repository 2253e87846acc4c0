package io.github.ssekit.benchmarks.peers;

import io.github.ssekit.benchmarks.workload.ChunkedInputStream;
import io.github.ssekit.benchmarks.workload.Input;
import java.io.IOException;
import okhttp3.sse.internal.ServerSentEventReader;
import okio.BufferedSource;
import okio.Okio;

/**
 * OkHttp 5's {@code ServerSentEventReader}, the parser behind okhttp-sse's {@code EventSource}, over an Okio
 * source of the input (what {@code RealEventSource} gives it: the response body's source).
 */
public final class OkHttpSseAdapter implements SseAdapter {

  @Override
  public String name() {
    return "okhttp-sse";
  }

  @Override
  public void parse(Input input, EventSink sink) throws IOException {
    try (BufferedSource source = Okio.buffer(Okio.source(new ChunkedInputStream(input)))) {
      ServerSentEventReader reader = new ServerSentEventReader(source, new ServerSentEventReader.Callback() {
        @Override
        public void onEvent(String id, String type, String data) {
          sink.event(type, data, id);
        }

        @Override
        public void onRetryChange(long timeMs) {}
      });
      while (reader.processNextEvent()) {
        // each call reads one event
      }
    }
  }
}
