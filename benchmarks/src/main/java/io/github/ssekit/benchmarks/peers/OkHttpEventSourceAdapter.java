package io.github.ssekit.benchmarks.peers;

import com.launchdarkly.eventsource.ConnectStrategy;
import com.launchdarkly.eventsource.ErrorStrategy;
import com.launchdarkly.eventsource.EventSource;
import com.launchdarkly.eventsource.MessageEvent;
import com.launchdarkly.eventsource.StreamClosedByServerException;
import com.launchdarkly.eventsource.StreamException;
import com.launchdarkly.logging.LDLogger;
import io.github.ssekit.benchmarks.workload.ChunkedInputStream;
import io.github.ssekit.benchmarks.workload.Input;
import java.io.InputStream;
import java.net.URI;

/**
 * LaunchDarkly okhttp-eventsource 4 through its public pull API: an {@link EventSource} whose
 * {@link ConnectStrategy} hands it the input as a response body stream, read with {@code readMessage()} until
 * the stream ends. Its read buffer is as large as the input's buffers, so both see the same reads.
 */
public final class OkHttpEventSourceAdapter implements SseAdapter {

  private static final URI ORIGIN = URI.create("http://127.0.0.1/");

  @Override
  public String name() {
    return "okhttp-eventsource";
  }

  @Override
  public void parse(Input input, EventSink sink) throws StreamException {
    try (EventSource source = open(new ChunkedInputStream(input))) {
      while (true) {
        MessageEvent event;
        try {
          event = source.readMessage();
        } catch (StreamClosedByServerException end) {
          return;
        }
        sink.event(event.getEventName(), event.getData(), event.getLastEventId());
      }
    }
  }

  /** An event source over {@code body}, which never reconnects; shared with the pipeline benchmark. */
  public static EventSource open(InputStream body) {
    ConnectStrategy strategy = new ConnectStrategy() {
      @Override
      public Client createClient(LDLogger logger) {
        return new Client() {
          @Override
          public Result connect(String lastEventId) {
            return new Result(body, ORIGIN, null);
          }

          @Override
          public boolean awaitClosed(long timeoutMillis) {
            return true;
          }

          @Override
          public URI getOrigin() {
            return ORIGIN;
          }

          @Override
          public void close() {}
        };
      }
    };
    return new EventSource.Builder(strategy)
        .errorStrategy(ErrorStrategy.alwaysThrow())
        .readBufferSize(8192)
        .logger(LDLogger.none())
        .build();
  }
}
