package io.github.ssekit.benchmarks.loopback;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies in microseconds, recorded from several event loops at once: 1 µs bins below 10 ms, 100 µs bins below
 * 1 s, then one overflow bin. Percentiles are the upper edge of the bin they fall in.
 */
final class LatencyHistogram {
  private static final int FINE = 10_000;
  private static final int COARSE = 9_900;
  private final AtomicLongArray bins = new AtomicLongArray(FINE + COARSE + 1);

  void record(long micros) {
    int bin;
    if (micros < 0) {
      bin = 0;
    } else if (micros < FINE) {
      bin = (int) micros;
    } else if (micros < 1_000_000) {
      bin = FINE + (int) ((micros - FINE) / 100);
    } else {
      bin = FINE + COARSE;
    }
    bins.incrementAndGet(bin);
  }

  long count() {
    long n = 0;
    for (int i = 0; i < bins.length(); i++) {
      n += bins.get(i);
    }
    return n;
  }

  /** The latency in microseconds that {@code q} (0..1) of the recorded values do not exceed; -1 when empty. */
  double percentile(double q) {
    long total = count();
    if (total == 0) {
      return -1;
    }
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int i = 0; i < bins.length(); i++) {
      seen += bins.get(i);
      if (seen >= rank && seen > 0) {
        return upperEdge(i);
      }
    }
    return upperEdge(bins.length() - 1);
  }

  private static double upperEdge(int bin) {
    if (bin < FINE) {
      return bin + 1;
    }
    if (bin < FINE + COARSE) {
      return FINE + (bin - FINE + 1) * 100.0;
    }
    return Double.POSITIVE_INFINITY;
  }
}
