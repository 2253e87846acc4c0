package io.github.ssekit.benchmarks.workload;

import java.util.SplittableRandom;

/** How a stream is cut into the buffers a parser is fed: where each buffer ends. */
public abstract class Chunking {

  private final String label;

  private Chunking(String label) {
    this.label = label;
  }

  /** Buffers of {@code size} bytes (the last one shorter). */
  public static Chunking fixed(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("size " + size);
    }
    return new Chunking(size % 1024 == 0 ? size / 1024 + " KiB" : size + " B") {
      @Override
      int next(SplittableRandom random) {
        return size;
      }
    };
  }

  /** Buffers of a random size from {@code min} to {@code max} bytes inclusive, the same for the same seed. */
  public static Chunking random(int min, int max, long seed) {
    if (min < 1 || max < min) {
      throw new IllegalArgumentException(min + ".." + max);
    }
    return new Chunking(min + " to " + max + " B") {
      private final long s = seed;

      @Override
      int next(SplittableRandom random) {
        return random.nextInt(min, max + 1);
      }

      @Override
      SplittableRandom random() {
        return new SplittableRandom(s);
      }
    };
  }

  abstract int next(SplittableRandom random);

  SplittableRandom random() {
    return new SplittableRandom(1);
  }

  /** The exclusive end offset of every buffer of a stream of {@code length} bytes; the last is {@code length}. */
  public int[] ends(int length) {
    SplittableRandom random = random();
    int[] ends = new int[Math.max(1, length / 2 + 1)];
    int n = 0;
    int p = 0;
    while (p < length) {
      p = (int) Math.min((long) p + next(random), length);
      if (n == ends.length) {
        ends = java.util.Arrays.copyOf(ends, n * 2);
      }
      ends[n++] = p;
    }
    return java.util.Arrays.copyOf(ends, n);
  }

  @Override
  public String toString() {
    return label;
  }
}
