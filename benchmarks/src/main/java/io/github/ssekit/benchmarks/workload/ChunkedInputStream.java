package io.github.ssekit.benchmarks.workload;

import java.io.InputStream;

/**
 * An {@link Input} as an InputStream that never returns more than the rest of the current buffer from one read,
 * so that InputStream-based parsers see the same buffer boundaries as push parsers.
 */
public final class ChunkedInputStream extends InputStream {
  private final Input input;
  private final byte[] bytes;
  private int chunk;
  private int pos;

  public ChunkedInputStream(Input input) {
    this.input = input;
    this.bytes = input.bytes();
  }

  @Override
  public int read() {
    if (!advance()) {
      return -1;
    }
    return bytes[pos++] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) {
      return 0;
    }
    if (!advance()) {
      return -1;
    }
    int n = Math.min(len, input.end(chunk) - pos);
    System.arraycopy(bytes, pos, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public int available() {
    return chunk < input.chunks() ? input.end(chunk) - pos : 0;
  }

  /** Moves to the next buffer when the current one is used up; false at the end of the stream. */
  private boolean advance() {
    while (chunk < input.chunks() && pos >= input.end(chunk)) {
      chunk++;
    }
    return chunk < input.chunks();
  }
}
