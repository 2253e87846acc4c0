package io.github.ssekit.fuzz;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * How a fuzz target reads its raw input: the stream first, then a small trailer of choices read from the end
 * (so a seed is a stream followed by zero bytes, and the fuzzer can mutate the choices and the stream alike).
 *
 * <pre>
 *   stream bytes | cut (2 bytes) x n | n (1 byte, mod 17) | flags (1 byte) | [limit (2 bytes)]
 * </pre>
 *
 * <p>Missing trailer bytes read as zero. With {@code withLimit}, the event size limit is {@code 4096 - (limit mod
 * 4096)}: zero bytes give 4 KiB, any other value down to 1 byte, so the limits are easy to reach. Cuts are offsets
 * modulo the stream length plus one, sorted: the fuzzer chooses where the feeds split the stream.
 */
final class FuzzInput {
  /** The largest event size limit a target uses: small enough for the fuzzer to reach it often. */
  static final int MAX_LIMIT = 4096;
  private static final int MAX_CUTS = 16;

  final byte[] stream;
  final int[] cuts;
  final int flags;
  final int maxEventBytes;

  private FuzzInput(byte[] stream, int[] cuts, int flags, int maxEventBytes) {
    this.stream = stream;
    this.cuts = cuts;
    this.flags = flags;
    this.maxEventBytes = maxEventBytes;
  }

  /** The number of trailer bytes that a seed appends to its stream. */
  static int trailerLength(boolean withLimit) {
    return withLimit ? 4 : 2;
  }

  /** A seed: the stream fed whole, with default choices (4 KiB limit, no flags). */
  static byte[] seed(byte[] stream, boolean withLimit) {
    return Arrays.copyOf(stream, stream.length + trailerLength(withLimit));
  }

  static FuzzInput read(byte[] input, boolean withLimit) {
    Reader r = new Reader(input);
    int limit = withLimit ? MAX_LIMIT - r.u16() % MAX_LIMIT : MAX_LIMIT;
    int flags = r.u8();
    int n = r.u8() % (MAX_CUTS + 1);
    int[] raw = new int[n];
    for (int i = 0; i < n; i++) {
      raw[i] = r.u16();
    }
    byte[] stream = Arrays.copyOf(input, r.end);
    int[] cuts = new int[n];
    for (int i = 0; i < n; i++) {
      cuts[i] = raw[i] % (stream.length + 1);
    }
    Arrays.sort(cuts);
    return new FuzzInput(stream, cuts, flags, limit);
  }

  boolean flag(int bit) {
    return (flags & (1 << bit)) != 0;
  }

  /** Calls {@code feed} with each chunk of the stream as cut, as fresh arrays (empty chunks included). */
  void forEachChunk(Consumer<byte[]> feed) {
    int from = 0;
    for (int cut : cuts) {
      feed.accept(Arrays.copyOfRange(stream, from, cut));
      from = cut;
    }
    feed.accept(Arrays.copyOfRange(stream, from, stream.length));
  }

  /** Calls {@code feed} with each chunk as a direct buffer, the path that copies through a scratch array. */
  void forEachDirectChunk(Consumer<ByteBuffer> feed) {
    forEachChunk(chunk -> {
      ByteBuffer direct = ByteBuffer.allocateDirect(chunk.length);
      direct.put(chunk).flip();
      feed.accept(direct);
    });
  }

  /** The largest chunk of the cut stream. */
  int largestChunk() {
    int largest = 0;
    int from = 0;
    for (int cut : cuts) {
      largest = Math.max(largest, cut - from);
      from = cut;
    }
    return Math.max(largest, stream.length - from);
  }

  /** Reads unsigned values from the end of the input. */
  private static final class Reader {
    private final byte[] input;
    int end;

    Reader(byte[] input) {
      this.input = input;
      this.end = input.length;
    }

    int u8() {
      return end > 0 ? input[--end] & 0xFF : 0;
    }

    int u16() {
      return u8() << 8 | u8();
    }
  }
}
