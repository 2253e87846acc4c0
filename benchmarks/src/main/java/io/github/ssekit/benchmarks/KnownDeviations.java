package io.github.ssekit.benchmarks;

/**
 * Where a peer's output differs from the spec on a benchmark input, measured and asserted by
 * {@code PeerEquivalenceTest}; the benchmarks check every run's event count against this.
 */
public final class KnownDeviations {
  private KnownDeviations() {}

  /**
   * How many events {@code parser} dispatches for a workload of {@code events} events. Vert.x's
   * {@code SseBodyCodec} ends a line at each CR and at each LF, so every CRLF is two line endings and each blank
   * line an extra (empty) dispatch: the CRLF workload's blocks of three fields come out as five events each.
   */
  public static long eventCount(String parser, String workload, int events) {
    if (parser.equals("vertx") && workload.startsWith("crlf")) {
      return 5L * events;
    }
    return events;
  }

  /**
   * Whether {@code parser} never finishes a workload, so that it is not run on it. okhttp-sse's
   * {@code ServerSentEventReader.processNextEvent} spins in Okio's {@code select} on the bare-CR stream (seen on 40
   * events: minutes of CPU in {@code Buffer.selectPrefix}, no return).
   */
  public static boolean hangs(String parser, String workload) {
    return parser.equals("okhttp-sse") && workload.equals("cr-comments");
  }
}
