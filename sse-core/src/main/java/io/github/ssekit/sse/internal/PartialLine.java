package io.github.ssekit.sse.internal;

import java.util.Arrays;

/**
 * The bytes of a line that spans feeds, for as long as the parser needs them whole: until its field is known (a
 * data line's value then goes to the {@link EventBlock} as it arrives), or, for an {@code event}, {@code id} or
 * {@code retry} line or a reported comment, until the line ends. Its lifetime is one line: {@link #clear} at the
 * line's end, or when the parser stops needing it.
 */
public final class PartialLine {
  private byte[] bytes = Buffers.EMPTY;
  private int length;
  private boolean nonAscii;

  /** Appends {@code n} bytes of the line. */
  public void append(byte[] b, int from, int n, boolean nonAscii) {
    int needed = length + n;
    if (needed > bytes.length) {
      bytes = Arrays.copyOf(bytes, Buffers.grow(bytes.length, needed));
    }
    System.arraycopy(b, from, bytes, length, n);
    length = needed;
    this.nonAscii |= nonAscii;
  }

  /** The buffer: the line is {@code bytes()[0, length())}. */
  public byte[] bytes() {
    return bytes;
  }

  public int length() {
    return length;
  }

  /** Whether a byte of the line is 0x80 or above. */
  public boolean nonAscii() {
    return nonAscii;
  }

  /** No line is held; a buffer that grew large is released (an array taken from {@link #bytes()} stays intact). */
  public void clear() {
    length = 0;
    nonAscii = false;
    bytes = Buffers.release(bytes);
  }
}
