package io.github.ssekit.client.internal;

import io.github.ssekit.client.SseClient;
import io.github.ssekit.client.SseStream;

/**
 * What tests of the memory bound, the flow control and leaks read from a client or stream that the public API does
 * not show: it reaches the package-private seams of {@code SseStreamImpl} and {@code SseClientImpl}, so tests in
 * other packages and modules need no cast and the classes no public hook. Call from a thread other than the
 * stream's event loop.
 */
public final class StreamProbe {
  private StreamProbe() {}

  /** Events parsed but not yet delivered. */
  public static int pendingEvents(SseStream stream) {
    return ((SseStreamImpl) stream).pendingEvents();
  }

  /** How often the stream paused and resumed the Vert.x response, over all its connections: {@code [pauses, resumes]}. */
  public static int[] transportPausesAndResumes(SseStream stream) {
    return ((SseStreamImpl) stream).transportPausesAndResumes();
  }

  /** How many streams of the client are still registered as open. */
  public static int openStreams(SseClient client) {
    return ((SseClientImpl) client).openStreams();
  }
}
