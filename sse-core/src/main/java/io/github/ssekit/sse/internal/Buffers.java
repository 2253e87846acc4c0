package io.github.ssekit.sse.internal;

/** What the parser's growing byte buffers (a block's data, a line that spans feeds) share. */
final class Buffers {

  static final byte[] EMPTY = new byte[0];

  private static final int INITIAL = 256;
  /** Buffers that grew past this are released once their content is used, so an idle stream holds little memory. */
  private static final int RETAINED = 64 * 1024;

  private Buffers() {}

  /** The new size of a buffer of {@code current} bytes that must hold {@code needed}: at least double. */
  static int grow(int current, int needed) {
    long doubled = Math.max((long) current * 2, INITIAL);
    return (int) Math.min(Math.max(doubled, needed), Integer.MAX_VALUE - 8);
  }

  /** The buffer to keep once its content is used: itself, or none when it grew large. */
  static byte[] release(byte[] buffer) {
    return buffer.length > RETAINED ? EMPTY : buffer;
  }
}
